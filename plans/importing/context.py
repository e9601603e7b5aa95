"""What a layout parser works with: the lines, the alias table, and the warnings so far."""

from dataclasses import dataclass, field

from .agencies import AgencyResolver
from .corrections import Corrections
from .limits import Deadline
from .lines import Line
from .structure import ImportWarning


@dataclass
class Context:
    source: str
    lines: list[Line]
    resolver: AgencyResolver
    warnings: list[ImportWarning] = field(default_factory=list)
    # What the admin corrected: column roles are applied while tables are read.
    corrections: Corrections = field(default_factory=Corrections)
    # The line being read, so that an unexpected failure can still say where it happened.
    current_line: int | None = None
    # When parsing must be done by; checked at each line read, so a huge document stops.
    deadline: Deadline | None = None

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(ImportWarning(line, message))

    def at(self, line: Line) -> Line:
        self.current_line = line.number
        if self.deadline is not None:
            self.deadline.check(self.source, line.number)
        return line
