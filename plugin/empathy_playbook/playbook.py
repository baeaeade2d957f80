"""All maps of a playbook, and the cross-indexes built from them (needs, metaphors, accounts, overview)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from .model import EmpathyMap, Item, Problem, Section
from .slugs import unique_slugs
from .vocabulary import Vocabulary


class NeedEntry(NamedTuple):
    """One tagged item on the needs index (one per need of every tagged item: a tuple, no dict each)."""

    map: EmpathyMap
    section: Section
    item: Item


class Metaphor(NamedTuple):
    name: str
    """As first written (metaphors that differ only in case are one)."""
    anchor: str
    """Its anchor on the metaphors index."""
    maps: tuple[EmpathyMap, ...]


class Account(NamedTuple):
    """The maps of one customer account: the stakeholders of a multi-level sale."""

    name: str
    slug: str
    maps: tuple[EmpathyMap, ...]


class Playbook:
    __slots__ = ("maps", "problems")

    def __init__(self, maps: list[EmpathyMap] | None = None, problems: list[Problem] | None = None) -> None:
        self.maps: list[EmpathyMap] = [] if maps is None else maps
        self.problems: list[Problem] = [] if problems is None else problems
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

    def accounts(self) -> list[Account]:
        """Accounts by name; their maps by title. Names that differ only in case are one account."""
        # Never "index" or "readme": that page is the accounts overview (an account called "Index" replaced it).
        named = ((m.profile.account, m) for m in self.overview())
        return [Account(*group) for group in _by_name(named, reserved=("index", "readme"))]

    def metaphors(self) -> list[Metaphor]:
        """Metaphors by name; their maps by title. Names that differ only in case are one metaphor."""
        return [
            Metaphor(*group) for group in _by_name((name, m) for m in self.overview() for name in m.profile.metaphors)
        ]


def _by_name(
    named: Iterable[tuple[str, EmpathyMap]], reserved: Iterable[str] = ()
) -> list[tuple[str, str, tuple[EmpathyMap, ...]]]:
    """(name, slug, maps) per name, sorted by name; names compared by `fold_name`, spelled as first written.

    Empty names are no group. The maps keep the order given, each once; the slugs are unique.
    """
    groups: dict[str, tuple[str, dict[EmpathyMap, None]]] = {}
    for name, m in named:
        if name:
            groups.setdefault(fold_name(name), (name, {}))[1].setdefault(m)
    keys = sorted(groups)
    slugs = unique_slugs((groups[key][0] for key in keys), reserved=reserved)
    return [(groups[key][0], slug, tuple(groups[key][1])) for key, slug in zip(keys, slugs, strict=True)]


def fold_name(text: str) -> str:
    """How names written by people are compared: without case, in one Unicode form (NFKC: 'Café' typed
    with a combining accent is 'Café'), with spaces collapsed. Accounts and metaphors are grouped by it."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
