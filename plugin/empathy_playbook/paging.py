"""Indexes that stay light at any size: entries grouped, and groups split into pages of a bounded size.

An index page of a playbook grows with every map: at thousands of maps a page that lists everything
is megabytes that no browser shows comfortably and no reader can use. So every index lists its entries
in full only while they fit on one page (`Settings.index_page_size`); above that it lists its groups
(segments, metaphors, owners, accounts), each leading to pages of its own with at most that many
entries. The rule is here once, for every index; the renderer only draws the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .model import EmpathyMap
from .playbook import NeedEntry
from .slugs import unique_slugs

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

SEGMENTS_DIR = "segments"
"""Pages of all maps per segment (`segments/<slug>/`): the overview's way to every map without JavaScript."""
NO_SEGMENT_SLUG = "no-segment"
"""The address of the group of maps without a segment; reserved, so that no segment takes it."""


@dataclass(frozen=True)
class Part(Generic[T_co]):
    """One page of a group's entries. Covariant: a page of maps is a page of entries (`Part[object]`)."""

    path: str
    """The page's path among the site's pages (`needs/functional/zorg.md`, `needs/functional/zorg/2.md`)."""
    number: int
    """1 for the first page."""
    entries: tuple[T_co, ...]


def split(base: str, entries: Sequence[T], size: int) -> list[Part[T]]:
    """`entries` in pages of at most `size`: the first at `<base>.md`, the next at `<base>/2.md`, ...

    Always at least one page, so that a group's first address exists even when it is empty.
    """
    size = max(size, 1)
    chunks = [tuple(entries[start : start + size]) for start in range(0, len(entries), size)] or [()]
    return [
        Part(f"{base}.md" if number == 1 else f"{base}/{number}.md", number, chunk)
        for number, chunk in enumerate(chunks, 1)
    ]


@dataclass(frozen=True)
class Segment:
    """The maps of one segment (the matrix's rows); `name` is empty for the maps without a segment."""

    name: str
    slug: str
    maps: tuple[EmpathyMap, ...]


def segments(maps: Iterable[EmpathyMap]) -> list[Segment]:
    """Segments by name (names that differ only in case are one), the maps without a segment last.

    `maps` in the order wanted within each segment (the overview's: by title).
    """
    by_key: dict[str, list[EmpathyMap]] = {}
    spelling: dict[str, str] = {}
    for m in maps:
        key = m.profile.segment.casefold()
        spelling.setdefault(key, m.profile.segment)
        by_key.setdefault(key, []).append(m)
    keys = sorted(key for key in by_key if key)
    slugs = unique_slugs([NO_SEGMENT_SLUG, *(spelling[key] for key in keys)])[1:]
    result = [Segment(spelling[key], slug, tuple(by_key[key])) for key, slug in zip(keys, slugs, strict=True)]
    if "" in by_key:
        result.append(Segment("", NO_SEGMENT_SLUG, tuple(by_key[""])))
    return result


def segment_page(segment: Segment) -> str:
    """The base path (without `.md`) of a segment's pages of maps."""
    return f"{SEGMENTS_DIR}/{segment.slug}"


@dataclass(frozen=True)
class NeedCell:
    """The tagged items of one need category in one segment: a cell of the needs matrix."""

    key: str
    segment: Segment
    entries: tuple[NeedEntry, ...]
    parts: tuple[Part[NeedEntry], ...]
    """Empty while the needs index lists every item itself."""

    @property
    def anchor(self) -> str:
        """The cell's place on the needs index: `<category>--<segment>`."""
        return f"{self.key}--{self.segment.slug}"


@dataclass(frozen=True)
class NeedMatrix:
    keys: tuple[str, ...]
    segments: tuple[Segment, ...]
    cells: dict[tuple[str, str], NeedCell]
    """By (category key, segment slug)."""
    paged: bool
    """True when the items are too many for one page: each cell then has pages of its own."""

    def cell(self, key: str, segment: Segment) -> NeedCell:
        return self.cells[(key, segment.slug)]

    @property
    def highest(self) -> int:
        return max((len(cell.entries) for cell in self.cells.values()), default=0)

    def level(self, count: int) -> int:
        """A shade from 0 (no item) to 5 (the busiest cell), linear in the count."""
        highest = self.highest
        return 0 if count == 0 or highest == 0 else max(1, -(-5 * count // highest))


def need_matrix(
    needs: dict[str, list[NeedEntry]], all_segments: Sequence[Segment], size: int, base: Callable[[str, Segment], str]
) -> NeedMatrix:
    """Every tagged item by category and segment; in pages of at most `size` items once they are more.

    `base(key, segment)` is a cell's first page path without `.md`.
    """
    slug_of = {id(m): segment.slug for segment in all_segments for m in segment.maps}
    paged = sum(len(entries) for entries in needs.values()) > size
    cells = {}
    for key, entries in needs.items():
        by_segment: dict[str, list[NeedEntry]] = {segment.slug: [] for segment in all_segments}
        for entry in entries:
            by_segment[slug_of[id(entry.map)]].append(entry)
        for segment in all_segments:
            found = by_segment[segment.slug]
            parts = tuple(split(base(key, segment), found, size)) if paged and found else ()
            cells[(key, segment.slug)] = NeedCell(key, segment, tuple(found), parts)
    return NeedMatrix(tuple(needs), tuple(all_segments), cells, paged)


def by_map(entries: Iterable[NeedEntry]) -> list[tuple[EmpathyMap, list[NeedEntry]]]:
    """Entries grouped by map, in the order the maps first occur."""
    groups: dict[int, tuple[EmpathyMap, list[NeedEntry]]] = {}
    for entry in entries:
        groups.setdefault(id(entry.map), (entry.map, []))[1].append(entry)
    return list(groups.values())
