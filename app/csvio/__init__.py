"""CSV import and export (`piket import`, `piket export`); the columns and the decisions
behind them are described in docs/CSV.md. Pure Python: no Qt, no SQL (the store does that)."""

from __future__ import annotations

from app.csvio.common import CsvFileError, RowProblem
from app.csvio.patrols_meetings_export import export_meetings, export_patrols
from app.csvio.reports_export import export_reports
from app.csvio.reports_import import ImportReport, import_reports

__all__ = [
    "CsvFileError", "ImportReport", "RowProblem", "export_meetings", "export_patrols",
    "export_reports", "import_reports",
]
