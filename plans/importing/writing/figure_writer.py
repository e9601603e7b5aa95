"""Figures and targets: observations and targets of indicators, found or created by name,
each for the partnership its figure names or the document's own."""

from performance.models import Indicator, Observation, Target

from .names import any_name
from .recorder import free_slug

UNITS = {
    "count": Indicator.Unit.COUNT,
    "percent": Indicator.Unit.PERCENT,
    "rate_per_1000": Indicator.Unit.RATE_PER_1000,
    "rank": Indicator.Unit.RANK,
}


class FigureWriter:
    def __init__(self, recorder, parsed, partnerships):
        self.recorder = recorder
        self.parsed = parsed
        self.partnerships = partnerships  # the PartnershipWriter, for each figure's own
        self.indicators: dict[str, Indicator] = {}  # by the lower-case name

    def write(self):
        figures, source = self.parsed.figures, self.parsed.source
        self._find_indicators([figure.indicator_name for figure in figures])
        self._period_values(
            Observation,
            [
                (self._indicator(figure.indicator_name, figure.unit), figure, {"source": source})
                for figure in figures
            ],
        )
        targets = self.parsed.targets
        self._find_indicators([target.indicator for target in targets])
        self._period_values(
            Target,
            [
                (self._indicator(target.indicator, "count"), target, {"note": target.note})
                for target in targets
            ],
        )

    def _indicator(self, name, unit):
        key = name.lower()
        if key not in self.indicators:
            self.indicators[key] = self.recorder.create(
                Indicator, name=name, slug=free_slug(Indicator, name), unit=UNITS.get(unit, unit)
            )
        return self.indicators[key]

    def _find_indicators(self, names):
        """Cache the indicators that already have any of the names, ignoring case: one query."""
        if names:
            for indicator in Indicator.objects.filter(any_name(set(names), "name")):
                self.indicators.setdefault(indicator.name.lower(), indicator)

    def _period_values(self, model, items):
        """Save (indicator, figure, extra fields) items as observations or targets. A period
        already recorded keeps its value; where the document differs, the preview warns."""
        if not items:
            return
        items = [
            (self.partnerships.of(item), indicator, item, extra) for indicator, item, extra in items
        ]
        recorded = {
            (value.partnership_id, value.indicator_id, value.period_start, value.period_end): value
            for value in model.objects.filter(
                partnership__in={item[0] for item in items},
                indicator__in={item[1] for item in items},
            )
        }
        new = []
        for partnership, indicator, item, extra in items:
            key = (partnership.pk, indicator.pk, item.period_start, item.period_end)
            existing = recorded.get(key)
            if existing is None:
                recorded[key] = model(
                    indicator=indicator,
                    partnership=partnership,
                    period_start=item.period_start,
                    period_end=item.period_end,
                    value=item.value,
                    **extra,
                )
                new.append(recorded[key])
            elif existing.value != item.value:
                self._keep_recorded(indicator, item, existing)
        self.recorder.bulk_create(model, new)

    def _keep_recorded(self, indicator, item, existing):
        message = (
            f"{indicator.name} {item.period_start} to {item.period_end}: kept the "
            f"recorded {existing.value.normalize():f}; the document says "
            f"{item.value.normalize():f}"
        )
        self.recorder.report.kept_existing.append(message)
        self.parsed.warn(item.line, message)
