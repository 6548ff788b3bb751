"""The rule for passwords and PINs (docs/SECURITY.md): a PIN of at least 6 digits, or a
password of at least 8 characters with a letter and a digit. Not the NRP itself, no
repeated or running digits as a PIN (111111, 123456)."""

from __future__ import annotations

MIN_PIN = 6
MIN_PASSWORD = 8
MAX_PASSWORD = 128

_WEAK_PINS = frozenset({"012345", "123456", "234567", "345678", "456789", "567890",
                        "098765", "987654", "876543", "765432", "654321", "543210"})


def password_problem(password: str, nrp: str = "") -> str | None:
    """Why `password` may not be used (Indonesian), or None when it is acceptable."""
    if not password:
        return "Kata sandi wajib diisi."
    if len(password) > MAX_PASSWORD:
        return f"Kata sandi paling panjang {MAX_PASSWORD} karakter."
    if password != password.strip():
        return "Kata sandi tidak boleh diawali atau diakhiri spasi."
    if nrp and password == nrp.strip():
        return "Kata sandi tidak boleh sama dengan NRP."
    if password.isdigit():
        if len(password) < MIN_PIN:
            return f"PIN paling sedikit {MIN_PIN} angka."
        if len(set(password)) == 1 or password[:6] in _WEAK_PINS and len(password) == 6:
            return "PIN terlalu mudah ditebak (angka berulang atau berurutan)."
        return None
    if len(password) < MIN_PASSWORD:
        return (f"Kata sandi paling sedikit {MIN_PASSWORD} karakter (huruf dan angka), "
                f"atau PIN paling sedikit {MIN_PIN} angka.")
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        return "Kata sandi harus memuat huruf dan angka."
    return None
