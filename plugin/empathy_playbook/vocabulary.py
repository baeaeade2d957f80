"""The words a map is written in: section headings and need tags.

Both are configurable per playbook, so they live in a `Vocabulary` object that
the reader consults; the built-in defaults below are the contract of the map
format (see README, "The map format").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple, TypeVar

GRID_SECTIONS: tuple[str, ...] = ("sees", "hears", "thinks-feels", "says-does", "pains", "gains")
"""The six questions of the empathy map, as `data-section` keys."""

EXTRA_SECTIONS: tuple[str, ...] = ("approach", "story", "questions")
"""Optional sections, rendered below the grid in this order. `questions` are the ones to ask in a meeting:
the meeting card prints them (without them it suggests questions from the pains and gains)."""

SECTION_KEYS: tuple[str, ...] = GRID_SECTIONS + EXTRA_SECTIONS

GRID_ORDER: tuple[str, ...] = ("thinks-feels", "hears", "sees", "says-does", "pains", "gains")
"""Reading order of the grid as drawn: top to bottom, left to right."""

DEFAULT_HEADINGS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "sees": ("Sees", "See", "Ziet", "Zien"),
        "hears": ("Hears", "Hear", "Hoort", "Horen"),
        "thinks-feels": ("Thinks and feels", "Think and feel", "Denkt en voelt", "Denken en voelen"),
        "says-does": ("Says and does", "Say and do", "Zegt en doet", "Zeggen en doen"),
        "pains": ("Pains", "Pain", "Frustrations", "Frustraties", "Pijnpunten"),
        "gains": ("Gains", "Gain", "Wants", "Goals", "Wil bereiken", "Winst", "Doelen"),
        "approach": ("Approach", "Our approach", "Sales approach", "Aanpak", "Onze aanpak"),
        "story": ("Story", "Verhaal"),
        "questions": ("Questions", "Questions to ask", "Vragen", "Vragen om te stellen"),
    }
)


class NeedCategory(NamedTuple):
    """A category of customer need that list items can be tagged with."""

    key: str
    aliases: tuple[str, ...] = ()
    label: str = ""
    """Shown instead of the built-in translation; empty means "use the translation"."""
    description: str = ""


DEFAULT_NEEDS: tuple[NeedCategory, ...] = (
    NeedCategory("functional", ("functioneel",)),
    NeedCategory("economic", ("economisch",)),
    NeedCategory("psychological", ("psychologisch",)),
)

MAX_REMEMBERED = 1_000
"""Headings and tag tails a vocabulary remembers the answer for: a playbook's few, not a hostile map's thousands."""
MAX_REMEMBERED_LENGTH = 200
_Answer = TypeVar("_Answer")


def _remember(memory: dict[str, _Answer], key: str, value: _Answer) -> None:
    """Keep an answer for a key met again, within the bounds: MAX_REMEMBERED keys of MAX_REMEMBERED_LENGTH."""
    if len(memory) < MAX_REMEMBERED and len(key) <= MAX_REMEMBERED_LENGTH:
        memory[key] = value


_AMPERSAND = re.compile(r"\s*&\s*|\s+en\s+")
_DECORATION = re.compile(r"[*_`]")


def normalise_heading(text: str) -> str:
    """The form in which headings are compared: case, `&`/"en"/"and" and a trailing `?`/`:` don't matter."""
    text = " ".join(_DECORATION.sub("", text).casefold().split())  # first: `\s*&` on a long run of spaces is quadratic
    text = text.rstrip("?:").strip()
    text = _AMPERSAND.sub(" and ", text)
    return " ".join(text.split())


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a typo most likely meant, if any is close enough (none for a very long word: no typo)."""
    if len(word) > 100:
        return None
    import difflib  # here: only a typo needs it, and `check` of a clean playbook starts without it

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.7)
    return matches[0] if matches else None


class Vocabulary:
    """Which headings name which section, and which tags name which need category. Equal to another made
    from the same words: what it derives and remembers follows from them."""

    __slots__ = (
        "_hints",
        "_need_by_tag",
        "_section_by_heading",
        "_sections_of",
        "_spelled_headings",
        "headings",
        "known_tails",
        "needs",
    )

    def __init__(
        self,
        headings: Mapping[str, tuple[str, ...]] = DEFAULT_HEADINGS,
        needs: tuple[NeedCategory, ...] = DEFAULT_NEEDS,
    ) -> None:
        self.headings = headings
        self.needs = needs
        # Lookup tables derived from the fields.
        self._section_by_heading: dict[str, str] = {}
        for key, names in headings.items():
            for name in names:
                self._section_by_heading.setdefault(normalise_heading(name), key)
        self._need_by_tag: dict[str, str] = {}
        for category in needs:
            for name in (category.key, *category.aliases):
                self._need_by_tag.setdefault(name.casefold(), category.key)
        self._spelled_headings = {normalise_heading(name): name for names in headings.values() for name in names}
        self._hints: dict[tuple[str, str], str | None] = {}
        """"Did you mean" answers already given: a map may repeat one typo a hundred thousand times."""
        self._sections_of: dict[str, str | None] = {}
        """Headings looked up before, as written: every map of a playbook repeats the same few."""
        self.known_tails: dict[str, tuple[str, ...]] = {}
        """The needs of tag tails (' #functional #economic') read before whose tags are all known (body._item): the
        maps of a playbook repeat a few tails many times. Filled by the reader through `remember_tail`, within bounds."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Vocabulary):
            return NotImplemented
        return (self.headings, self.needs) == (other.headings, other.needs)

    def __repr__(self) -> str:
        # Its words, not what it remembers: a rebuild's page keys hold the settings' repr (rebuild.page_keys).
        return f"Vocabulary(headings={self.headings!r}, needs={self.needs!r})"

    @classmethod
    def with_options(
        cls,
        extra_headings: Mapping[str, Sequence[str]] | None = None,
        needs: Sequence[NeedCategory] | None = None,
    ) -> Vocabulary:
        """The defaults, plus a playbook's own heading aliases and (if given) its own need categories."""
        headings = {key: tuple(names) for key, names in DEFAULT_HEADINGS.items()}
        for key, names in (extra_headings or {}).items():
            if key not in headings:
                raise ValueError(f"unknown section key {key!r}; the keys are: {', '.join(SECTION_KEYS)}")
            headings[key] = (*headings[key], *names)
        return cls(headings=headings, needs=tuple(needs) if needs else DEFAULT_NEEDS)

    def section_for(self, heading: str) -> str | None:
        seen = self._sections_of
        if heading in seen:
            return seen[heading]
        key = self._section_by_heading.get(normalise_heading(heading))
        _remember(seen, heading, key)
        return key

    def remember_tail(self, tail: str, needs: tuple[str, ...]) -> None:
        """The needs of a tag tail whose tags are all known, for the next item that ends with it (`known_tails`)."""
        _remember(self.known_tails, tail, needs)

    def nearest_heading(self, heading: str) -> str | None:
        """The spelling of the known heading closest to `heading`, for "did you mean" hints."""
        key = ("heading", normalise_heading(heading))
        if key not in self._hints:
            match = nearest(key[1], self._spelled_headings)
            self._hints[key] = self._spelled_headings[match] if match else None
        return self._hints[key]

    def need_for(self, tag: str) -> str | None:
        return self._need_by_tag.get(tag.casefold())

    def nearest_tag(self, tag: str) -> str | None:
        key = ("tag", tag.casefold())
        if key not in self._hints:
            self._hints[key] = nearest(key[1], self._need_by_tag)
        return self._hints[key]

    @property
    def need_keys(self) -> tuple[str, ...]:
        return tuple(category.key for category in self.needs)
