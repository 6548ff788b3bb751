"""The shift's duty journal (buku mutasi), the regu and the handover (serah terima)."""
