"""Printed documents as a whole: the registry of every kind (registry.py), what each is printed
from (subjects.py) and how it is rendered (render.py), printing one to a file with its marks
and audit entry (printing.py), the check code on every page (checkcode.py) and checking it
against the store (verify.py), and the sample sheet (sample.py). The layouts themselves are in
app/pdf/ and app/weekly/pdf.py."""
