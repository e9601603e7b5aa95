"""Changes between two figures, computed rather than typed in."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Change:
    previous: Decimal
    current: Decimal

    @property
    def difference(self) -> Decimal:
        return self.current - self.previous

    @property
    def percent(self) -> Decimal | None:
        """Percentage change to one decimal place; None when the previous figure is zero."""
        if self.previous == 0:
            return None
        exact = self.difference * 100 / self.previous
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def is_better(self, lower_is_better: bool) -> bool | None:
        """Whether the change is an improvement; None when nothing changed."""
        if self.difference == 0:
            return None
        return (self.difference < 0) == lower_is_better

    def describe(self) -> str:
        sign = "+" if self.difference > 0 else ""
        percent = "no previous figure" if self.percent is None else f"{sign}{self.percent}%"
        return f"{sign}{self.difference.normalize():f} ({percent})"


def compare(previous, current) -> Change:
    return Change(Decimal(str(previous)), Decimal(str(current)))
