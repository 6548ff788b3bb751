"""The shift's duty journal (buku mutasi) and the 08.00 handover (serah terima): pure logic
(shifts, codes) and the printed page. The store part is app/store/duty/."""
