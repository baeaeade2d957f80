"""An account as a buying committee: who is mapped, who is missing, how they relate.

Core only (no MkDocs): the coverage of the buying roles and what to act on, the relations
between the maps of an account, and the geometry of the committee diagram. The templates turn
the results into HTML and SVG. The relations' problems are found by `relations.py`, which the
checker imports without this module.
"""

from __future__ import annotations

import datetime
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .fields import BUYING_ROLES
from .model import EmpathyMap
from .review import Overdue, overdue


@dataclass(frozen=True)
class Gap:
    """Something an account manager should act on: a stable English `key` (the `data-coverage-gap` hook)."""

    key: str
    """A buying role without a map (`decider`, ...), `approach` (a map without one) or `review` (overdue)."""
    map: EmpathyMap | None = None
    """The map concerned, for `approach` and `review`."""
    overdue: Overdue | None = None


@dataclass(frozen=True)
class Coverage:
    roles: tuple[tuple[str, tuple[EmpathyMap, ...]], ...]
    """Every buying role, in the vocabulary's order, with the maps that play it."""
    required: tuple[str, ...]
    gaps: tuple[Gap, ...]

    @property
    def covered(self) -> tuple[str, ...]:
        return tuple(role for role, maps in self.roles if maps)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(gap.key for gap in self.gaps if gap.map is None)


def coverage(maps: Sequence[EmpathyMap], required: Sequence[str], review_months: int, today: datetime.date) -> Coverage:
    """Which buying roles `maps` cover, and the gaps: required roles without a map first, then per map."""
    roles = tuple((role, tuple(m for m in maps if role in m.profile.buying_roles)) for role in BUYING_ROLES)
    playing = {role for role, players in roles if players}
    gaps = [Gap(role) for role in required if role not in playing]
    for m in maps:
        approach = m.sections.get("approach")
        if approach is None or not approach.markdown.strip():
            gaps.append(Gap("approach", m))
        due = overdue(m, review_months, today)
        if due is not None:
            gaps.append(Gap("review", m, due))
    return Coverage(roles, tuple(required), tuple(gaps))


@dataclass(frozen=True)
class Link:
    """A relation between two maps of one account, resolved."""

    source: EmpathyMap
    target: EmpathyMap
    kind: str


def account_links(maps: Sequence[EmpathyMap]) -> list[Link]:
    """The relations among `maps` (one account), in the order written; broken ones (already errors) left out."""
    by_path = {m.url_path: m for m in maps}
    links = []
    for m in maps:
        for relation in m.profile.relations:
            other = by_path.get(relation.map)
            if other is not None and other is not m:
                links.append(Link(m, other, relation.kind))
    return links


# The diagram: boxes on an ellipse (deciders at the top), straight labelled arrows between them.
# On a wide enough ellipse no arrow runs through a third box, whatever the relations are.
BOX_WIDTH = 200
BOX_HEIGHT = 64
_PADDING = 24
_PARALLEL_GAP = 18
"""Distance between arrows that join the same two boxes."""
_ROLE_RANK = {role: rank for rank, role in enumerate(("decider", "initiator", "buyer", "gatekeeper", "influencer"))}
_NAME_CHARACTERS = 24
"""Characters per line of a name in a box: a 200-unit box holds about 24 at the diagram's font size."""


@dataclass(frozen=True)
class Person:
    map: EmpathyMap
    x: float
    """The box's centre."""
    y: float
    name_lines: tuple[str, ...]
    roles: str

    @property
    def left(self) -> float:
        return self.x - BOX_WIDTH / 2

    @property
    def top(self) -> float:
        return self.y - BOX_HEIGHT / 2


@dataclass(frozen=True)
class Arrow:
    link: Link
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def label_x(self) -> float:
        return (self.x1 + self.x2) / 2

    @property
    def label_y(self) -> float:
        return (self.y1 + self.y2) / 2


@dataclass(frozen=True)
class Diagram:
    width: float
    height: float
    people: tuple[Person, ...]
    arrows: tuple[Arrow, ...]


def diagram(maps: Sequence[EmpathyMap], links: Sequence[Link], role_label: Callable[[str], str]) -> Diagram:
    """Where each person's box and each relation's arrow go; `role_label` words a buying role for the box."""
    ordered = sorted(
        maps, key=lambda m: min((_ROLE_RANK.get(role, len(_ROLE_RANK)) for role in m.profile.buying_roles), default=99)
    )
    centres = _positions(len(ordered))
    people = tuple(
        Person(m, x, y, _name_lines(m.title), _shortened(", ".join(role_label(r) for r in m.profile.buying_roles)))
        for m, (x, y) in zip(ordered, centres, strict=True)
    )
    by_map = {id(person.map): person for person in people}
    index = {id(person.map): n for n, person in enumerate(people)}
    pairs: dict[tuple[int, int], list[Link]] = {}
    for link in links:
        if id(link.source) in by_map and id(link.target) in by_map:
            a, b = index[id(link.source)], index[id(link.target)]
            pairs.setdefault((min(a, b), max(a, b)), []).append(link)
    arrows = []
    for (a, b), joined in pairs.items():
        first, second = people[a], people[b]
        dx, dy = second.x - first.x, second.y - first.y
        length = math.hypot(dx, dy) or 1.0
        normal = (-dy / length, dx / length)
        for n, link in enumerate(joined):
            shift = (n - (len(joined) - 1) / 2) * _PARALLEL_GAP
            source, target = by_map[id(link.source)], by_map[id(link.target)]
            sx, sy = source.x + normal[0] * shift, source.y + normal[1] * shift
            tx, ty = target.x + normal[0] * shift, target.y + normal[1] * shift
            start = _leave_box(sx, sy, tx, ty, source)
            end = _leave_box(tx, ty, sx, sy, target)
            arrows.append(Arrow(link, *start, *end))
    xs = [x for x, _ in centres] or [0.0]
    ys = [y for _, y in centres] or [0.0]
    dx, dy = _PADDING + BOX_WIDTH / 2 - min(xs), _PADDING + BOX_HEIGHT / 2 - min(ys)
    moved = tuple(Person(p.map, p.x + dx, p.y + dy, p.name_lines, p.roles) for p in people)
    moved_arrows = tuple(Arrow(a.link, a.x1 + dx, a.y1 + dy, a.x2 + dx, a.y2 + dy) for a in arrows)
    width = max(xs) - min(xs) + BOX_WIDTH + 2 * _PADDING
    height = max(ys) - min(ys) + BOX_HEIGHT + 2 * _PADDING
    return Diagram(round(width), round(height), moved, moved_arrows)


def _positions(count: int) -> list[tuple[float, float]]:
    """Box centres: one alone, two side by side, more on an ellipse from the top, clockwise."""
    if count <= 1:
        return [(0.0, 0.0)] * count
    if count == 2:
        return [(0.0, 0.0), (BOX_WIDTH + 140.0, 0.0)]
    # Wide enough that neighbours at the top and bottom stand side by side with room for a label, and
    # (the n² term) curved enough that an arrow between next-but-one neighbours passes outside the box
    # between them: true up to eleven stakeholders (tested); beyond, an arrow may cross a box, and the
    # list of relations under the diagram stays exact.
    rx, ry = max(260.0, 50.0 * count, 7.0 * count * count), max(150.0, 30.0 * count)
    return [
        (rx * math.cos(-math.pi / 2 + 2 * math.pi * n / count), ry * math.sin(-math.pi / 2 + 2 * math.pi * n / count))
        for n in range(count)
    ]


def _leave_box(x: float, y: float, towards_x: float, towards_y: float, box: Person) -> tuple[float, float]:
    """Where the line from (x, y), a point in `box`, towards the other point leaves the box (plus a small gap
    for the arrowhead)."""
    dx, dy = towards_x - x, towards_y - y
    half_w, half_h = BOX_WIDTH / 2 + 4, BOX_HEIGHT / 2 + 4
    t = min(
        (box.x + math.copysign(half_w, dx) - x) / dx if dx else math.inf,
        (box.y + math.copysign(half_h, dy) - y) / dy if dy else math.inf,
    )
    t = min(t, 0.45)  # boxes that nearly touch: keep the arrow visible between them
    return round(x + dx * t, 1), round(y + dy * t, 1)


def _name_lines(title: str) -> tuple[str, ...]:
    # Only the start of a long title can show; wrapping all of it would cost for nothing.
    lines = textwrap.wrap(title[: _NAME_CHARACTERS * 3], _NAME_CHARACTERS, break_long_words=True) or [""]
    if len(lines) > 2:
        lines = [lines[0], _shortened(" ".join(lines[1:]), _NAME_CHARACTERS)]
    return tuple(lines)


def _shortened(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
