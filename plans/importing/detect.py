"""Pick the layout of a document from its structure: tables and their headers, numbered
priority headings, success-criteria sections, lists of aims or priorities."""

from .layouts import LAYOUTS
from .lines import Line
from .structure import DocumentError
from .tables import column_roles


def detect_layout(lines: list[Line], source: str) -> str:
    for name, module in LAYOUTS.items():
        if module.matches(lines):
            return name
    if any(column_roles(line) for line in lines):
        # An action table with neither codes nor priority headings: actions without priorities.
        return "coded_action_table"
    raise DocumentError(
        "no known layout: found no action table (a header row such as Action / Lead agency / "
        "Progress), no numbered priorities with tables, no success criteria and activities, "
        "and no list of aims or priorities",
        source,
    )
