"""The LP register: stages, investigators and SP2HP letters (issue 18, docs/REGISTER.md)."""
