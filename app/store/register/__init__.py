"""The LP register: stages, investigators and SP2HP letters (issue 18, docs/REGISTER.md)."""

CASE_KIND = "register_lp"  # audit kinds: an LP's stage and investigator (on the LP's uuid)
LETTER_KIND = "sp2hp"  # an SP2HP letter (its own uuid)
