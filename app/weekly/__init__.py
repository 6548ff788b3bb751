"""The Kapolsek's weekly review (Anev mingguan): week arithmetic (week.py), the figures
(figures.py, one module for every figure; model.py holds their dataclasses), charts
(charts.py) and the PDF (pdf.py). Definitions of the figures: docs/WEEKLY.md."""
