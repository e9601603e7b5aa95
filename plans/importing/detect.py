"""Pick the layout of a document from its structure: tables and their headers, numbered
priority headings, success-criteria sections, lists of aims or priorities."""

from .corrections import Corrections
from .layouts import LAYOUTS
from .lines import Line
from .structure import DocumentError
from .survey import summary, tables_in


def detect_layout(lines: list[Line], source: str, corrections: Corrections | None = None) -> str:
    for name, module in LAYOUTS.items():
        # Layouts that read action tables honour the admin's column roles; the others ignore
        # them (a column given the role "title" makes a table readable).
        if module.matches(lines, corrections):
            return name
    tables = tables_in(lines)
    error = DocumentError(
        f"no known layout: found {summary(lines)}, and no action table (a header row such as "
        "Action / Lead agency / Progress), no numbered priorities with tables, no success "
        "criteria and activities, and no list of aims or priorities"
        + (". Give a table's columns their roles to read it" if tables else ""),
        source,
    )
    # The review offers to read these with the roles the admin gives their columns.
    error.tables = tables
    raise error
