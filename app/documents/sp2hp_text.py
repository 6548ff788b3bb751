"""The draft of an SP2HP letter (Perkap 21/2011 Pasal 11: the case in brief, what was done and
found, the obstacles, the next steps, and the reporter's rights and duties), written from
the LP and its stage for the investigator to edit before it is numbered. Pure."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from app.domain.models import StationProfile, Visit
from app.domain.register import STAGES, LpCase, Sp2hpLetter, sp2hp_code
from app.textid import format_date

_ACTIONS: dict[str, str] = {
    "A1": "Laporan Saudara telah kami terima dan sedang dipelajari; penyidik telah ditunjuk "
          "untuk menangani perkara ini.",
    "A2": "Telah dilakukan penyelidikan (pemeriksaan saksi dan pengumpulan keterangan), namun "
          "belum ditemukan cukup bukti untuk meningkatkan perkara ke tahap penyidikan.",
    "A3": "Dari hasil penyelidikan ditemukan bukti permulaan yang cukup, sehingga perkara "
          "ditingkatkan ke tahap penyidikan.",
    "A4": "Penyidikan terus berjalan: pemeriksaan saksi, penyitaan barang bukti dan "
          "pemberkasan perkara.",
    "A5": "Penanganan perkara ini dihentikan.",
}
_NEXT: dict[str, str] = {
    "A1": "Melakukan penelitian laporan dan pemeriksaan saksi-saksi.",
    "A2": "Melanjutkan penyelidikan dan mencari keterangan serta bukti tambahan.",
    "A3": "Memeriksa saksi dan terlapor, melengkapi barang bukti dan berkas perkara.",
    "A4": "Melengkapi berkas perkara dan menyerahkan tersangka serta barang bukti kepada "
          "Jaksa Penuntut Umum (Tahap II).",
    "A5": "Tidak ada; apabila ditemukan bukti baru, penanganan dapat dibuka kembali.",
}
ADVICE = ("Saudara berhak memperoleh informasi perkembangan penanganan laporan ini, dan "
          "berkewajiban memberikan keterangan yang benar serta hadir bila dipanggil. "
          "Apabila ada keterangan atau bukti baru, mohon disampaikan kepada penyidik. "
          "Layanan ini tidak dipungut biaya.")


def draft_letter(visit: Visit, case: LpCase, category_label: str, profile: StationProfile,
                 *, last_letter_stage: str | None, at: datetime) -> Sp2hpLetter:
    """A draft for the LP in its current stage (code by app.domain.register.sp2hp_code)."""
    tz = ZoneInfo(profile.timezone)
    code = sp2hp_code(case.stage, last_letter_stage)
    reporter = visit.reporter
    received = format_date(visit.received_at.astimezone(tz))
    what = category_label or "tindak pidana"
    summary = (f"Laporan Polisi Nomor {visit.number or '-'} tanggal {received} tentang "
               f"{what.lower()}"
               + (f" di {visit.incident_desa}" if visit.incident_desa else "") + ".")
    if visit.narrative:
        summary += " " + " ".join(visit.narrative.split())[:600]
    actions = _ACTIONS[code]
    if code == "A5":
        actions += f" Tahap penanganan: {STAGES[case.stage]}."
    return Sp2hpLetter(
        visit_uuid=case.visit_uuid, code=code, stage=case.stage, summary=summary,
        actions=actions, obstacles="Tidak ada.", next_steps=_NEXT[code], advice=ADVICE,
        signer_id=case.investigator_id, supervisor_id=case.supervisor_id,
        recipient=reporter.name if reporter is not None and reporter.name else "Pelapor",
        issued_at=at)
