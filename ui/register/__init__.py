"""Register LP: every LP with its stage, investigator and SP2HP letters (issue 18)."""
