"""Freshness: which maps are due for review. The playbook is only as good as its freshest map."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .model import EmpathyMap


@dataclass(frozen=True)
class Overdue:
    map: EmpathyMap
    months_ago: int | None
    """Whole months since the last review; None when the map was never reviewed."""


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from `earlier` to `later` (2024-01-31 to 2024-02-29 is 0, to 2024-03-01 is 1)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def overdue(m: EmpathyMap, months: int, today: datetime.date) -> Overdue | None:
    """The map's overdue review, if its last review is more than `months` months ago or missing."""
    reviewed = m.profile.reviewed
    if reviewed is None:
        return Overdue(m, None)
    ago = months_between(reviewed, today)
    return Overdue(m, ago) if ago >= months and reviewed < today else None


def overdue_maps(maps: list[EmpathyMap], months: int, today: datetime.date) -> list[Overdue]:
    """Overdue maps by owner (no owner last), the longest overdue first."""
    found = [o for m in maps if (o := overdue(m, months, today)) is not None]
    return sorted(
        found,
        key=lambda o: (
            not o.map.profile.owner,
            o.map.profile.owner.casefold(),
            -(o.months_ago if o.months_ago is not None else 10**6),
            o.map.path,
        ),
    )
