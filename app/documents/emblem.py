"""The station's emblem for the letterhead (StationProfile.emblem, issue 17 item 1): which
images may be one. Kept in the store as base64 text of the image, so a backup carries it and
no file outside the data folder is needed (docs/DOCUMENTS.md). PNG or JPEG only: an SVG would
need svglib, which Piket does not depend on; the admin exports the SVG as PNG first."""

from __future__ import annotations

import io

EMBLEM_MAX_BYTES = 1024 * 1024
_EMBLEM_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


def emblem_problem(data: bytes) -> str:
    """Why these bytes cannot be the emblem, in Indonesian ('' when they can): a PNG or JPEG
    image of at most 1 MB that the PDF library can read."""
    if not data:
        return "Berkas gambar kosong."
    if len(data) > EMBLEM_MAX_BYTES:
        return "Gambar lambang terlalu besar (paling besar 1 MB)."
    if not data.startswith(_EMBLEM_MAGIC):
        return "Lambang harus berupa gambar PNG atau JPEG (SVG: simpan dulu sebagai PNG)."
    try:
        from reportlab.lib.utils import ImageReader  # imported when needed: start-up time

        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # noqa: BLE001 (any decoder error means the same to the user)
        return "Gambar lambang tidak dapat dibaca (berkas rusak?)."
    if width <= 0 or height <= 0:
        return "Gambar lambang tidak dapat dibaca (berkas rusak?)."
    return ""
