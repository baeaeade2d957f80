"""Personal data: what of a map about a real person the site may publish (GDPR: nothing without need)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .model import EmpathyMap, Report

DEFAULT_PERSONAL_FIELDS: tuple[str, ...] = ("name", "address", "age", "income")
BANDED_FIELDS = frozenset({"age", "income"})
"""Personal only when exact: a range ("45-55", "50+", "< 30k") or a band in words ("modaal") is not."""

_RANGE_OR_BAND = re.compile(
    r"^\D*$"  # words only: "modaal", "hoog"
    r"|\d[\w.,]*\s*(?:-|–|—|to|tot|t/m)\s*\D{0,2}\d"  # 45-55, 40k-50k, 30 tot 40, €40k - €50k
    r"|^\s*[<>≤≥~±]|\d\s*\+\s*$",  # < 30, 50+
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PrivacyPolicy:
    personal_fields: tuple[str, ...] = DEFAULT_PERSONAL_FIELDS
    publish: bool = False
    """The site's explicit permission to publish personal data after all."""

    def is_personal(self, key: str, value: str) -> bool:
        if key not in self.personal_fields:
            return False
        return key not in BANDED_FIELDS or not _RANGE_OR_BAND.search(value)

    def apply(self, m: EmpathyMap) -> None:
        """Leave a real person's personal routine data out of the map, with a warning at each line."""
        if m.profile.subject != "real" or self.publish:
            return
        report = Report(m.path, m.problems)
        kept = []
        for entry in m.profile.routine:
            if not self.is_personal(entry.key, entry.value):
                kept.append(entry)
                continue
            fix = (
                "write a range such as 40-50, or remove it" if entry.key in BANDED_FIELDS else "remove it from the map"
            )
            report.warning(
                entry.line,
                f"routine.{entry.key} is personal data of a real person (subject: real), so the site leaves it out; "
                f"{fix} (or allow it with publish_personal_data in mkdocs.yml)",
            )
        m.profile = dataclasses.replace(m.profile, routine=tuple(kept))
        m.problems.sort(key=lambda problem: problem.line)


NO_PERSONAL_DATA = PrivacyPolicy()
"""The default: the built-in personal fields of real people are never published."""
