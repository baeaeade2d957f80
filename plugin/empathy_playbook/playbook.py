"""All maps of a playbook, and the cross-indexes built from them (needs, metaphors, overview)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import EmpathyMap, Item, Problem, Section, quoted
from .reader import DEFAULT_MAX_BYTES, read_map
from .vocabulary import Vocabulary

OVERVIEW_PAGE = "maps/index.md"
NEEDS_PAGE = "needs.md"
METAPHORS_PAGE = "metaphors.md"
"""Where the generated index pages sit among the site's pages (so at `maps/`, `needs/`, `metaphors/`)."""


@dataclass(frozen=True)
class NeedEntry:
    """One tagged item on the needs index."""

    map: EmpathyMap
    section: Section
    item: Item


@dataclass(frozen=True)
class Metaphor:
    name: str
    """As first written (metaphors that differ only in case are one)."""
    anchor: str
    maps: tuple[EmpathyMap, ...]


@dataclass
class Playbook:
    maps: list[EmpathyMap] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Problems that concern several files at once (two maps at one URL)."""

    @property
    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(problem for m in self.maps for problem in m.problems)]

    def overview(self) -> list[EmpathyMap]:
        return sorted(self.maps, key=lambda m: (m.title.casefold(), m.path))

    def needs(self, vocabulary: Vocabulary) -> dict[str, list[NeedEntry]]:
        """Every tagged item by need category, in the vocabulary's order; maps by title."""
        index: dict[str, list[NeedEntry]] = {key: [] for key in vocabulary.need_keys}
        for m in self.overview():
            for section, item in m.items():
                for need in item.needs:
                    index[need].append(NeedEntry(m, section, item))
        return index

    def metaphors(self) -> list[Metaphor]:
        by_name: dict[str, list[EmpathyMap]] = {}
        spelling: dict[str, str] = {}
        for m in self.overview():
            for name in m.profile.metaphors:
                key = name.casefold()
                spelling.setdefault(key, name)
                if m not in by_name.setdefault(key, []):
                    by_name[key].append(m)
        anchors = unique_slugs(spelling[key] for key in sorted(by_name))
        return [
            Metaphor(spelling[key], anchor, tuple(by_name[key]))
            for key, anchor in zip(sorted(by_name), anchors, strict=True)
        ]


def read_playbook(
    maps_dir: Path, *, root: Path, vocabulary: Vocabulary, max_bytes: int = DEFAULT_MAX_BYTES
) -> Playbook:
    """Read every `*.md` under `maps_dir` once. Problems in one map never stop the others being read."""
    playbook = Playbook()
    if not maps_dir.is_dir():
        return playbook
    by_url: dict[str, EmpathyMap] = {}
    for file in sorted(maps_dir.rglob("*.md")):
        if not file.is_file():
            continue
        m = read_map(file, root=root, maps_dir=maps_dir, vocabulary=vocabulary, max_bytes=max_bytes)
        url = _published_at(m.url_path)
        if not url:
            playbook.problems.append(
                Problem(
                    m.path,
                    1,
                    f"'{quoted(file.name)}' here would replace the overview of all maps at maps/; rename the file",
                )
            )
            continue
        if url in by_url:
            other = by_url[url]
            playbook.problems.append(
                Problem(
                    m.path,
                    1,
                    f"this map and {other.path} would both be published at maps/{m.url_path}/; rename one of them",
                )
            )
            continue
        by_url[url] = m
        playbook.maps.append(m)
    return playbook


def _published_at(url_path: str) -> str:
    """The folder a map is published at, compared as a case-insensitive file system would.

    Like MkDocs, `index.md` and `README.md` are published at their folder's URL.
    """
    parts = url_path.casefold().split("/")
    if parts[-1] in ("index", "readme"):
        parts.pop()
    return "/".join(parts)


def slugify(text: str) -> str:
    """An ASCII anchor for `text`: accents folded, lowercase, words joined by '-'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def unique_slugs(texts: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    slugs = []
    for text in texts:
        slug = base = slugify(text)
        counter = 2
        while slug in seen:
            slug, counter = f"{base}-{counter}", counter + 1
        seen.add(slug)
        slugs.append(slug)
    return slugs
