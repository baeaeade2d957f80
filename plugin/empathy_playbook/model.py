"""What a map is once read: plain data, no behaviour beyond what its fields imply."""

from __future__ import annotations

import datetime
import enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .depth import Flattened

from .messages import CATALOGUE, Text, phrase


class Level(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Problem(NamedTuple):
    """Something wrong in a map, at a line of the file (front matter included, counted from 1).

    It holds a message of the catalogue (`messages.py`) with its parameters, and is put into
    words in a language only when shown: `in_language("nl")`.
    """

    path: str
    """The file, relative to the project root, with forward slashes."""
    line: int
    text: Text
    level: Level = Level.ERROR

    @property
    def code(self) -> str:
        """What kind of problem this is, the same in every language (`section.missing`, ...)."""
        return self.text.code

    @property
    def message(self) -> str:
        """The message in English."""
        return self.text.render("en")

    def in_language(self, language: str) -> str:
        return self.text.render(language)

    def line_in(self, language: str) -> str:
        """The contract: `path:line: message`."""
        return f"{quoted(self.path, limit=None)}:{self.line}: {self.in_language(language)}"

    def __str__(self) -> str:
        return self.line_in("en")


def quoted(value: object, limit: int | None = 60) -> str:
    """A value from a map, safe inside a one-line message: no line breaks or invisible characters, and short.

    Every value a user wrote goes through here before it is put into a message, so that no
    map can add lines to a log or to a CI annotation, or hide text with direction overrides.
    Bytes of a file name that are not UTF-8 (surrogates in Python) show as �.
    """
    text = str(value)
    if not text.isprintable():  # the common case needs no pass in Python over every character
        text = "".join(ch if ch.isprintable() else "\ufffd" if _is_surrogate(ch) else " " for ch in text)
    text = " ".join(text.split())
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _is_surrogate(ch: str) -> bool:
    return "\ud800" <= ch <= "\udfff"


class Report:
    """Collects the problems found in one file (into `problems`, a list of its own unless given one)."""

    __slots__ = ("path", "problems")

    def __init__(self, path: str, problems: list[Problem] | None = None) -> None:
        self.path = path
        self.problems: list[Problem] = [] if problems is None else problems

    def error(self, line: int, code: str, **params: object) -> None:
        self._add(line, Level.ERROR, code, params)

    def warning(self, line: int, code: str, **params: object) -> None:
        self._add(line, Level.WARNING, code, params)

    def _add(self, line: int, level: Level, code: str, params: dict[str, object]) -> None:
        message = phrase(code, **params)
        if CATALOGUE[code].level != level.value:  # the catalogue says how serious each kind of problem is
            raise ValueError(f"'{code}' is a {CATALOGUE[code].level} in the catalogue, not a {level.value}")
        self.problems.append(Problem(self.path, line, message, level))


SourceLine = tuple[int, str]
"""A line of the file with its number (counted from 1, front matter included)."""


class Item(NamedTuple):
    """A list item in a section: one sticky note on the map. Immutable and hashable; a named tuple, not a frozen
    dataclass: a map has dozens of items, and a frozen dataclass sets each field with a call (four times the cost)."""

    text: str
    """The item's text as written (Markdown, lines joined), without its known need tags."""
    line: int
    """The item's last line: where its need tags stand."""
    needs: tuple[str, ...] = ()
    """Keys of the need categories it is tagged with, in the order written."""
    tag_column: int | None = None
    """Where the need tags start on `line` (0-based), if it has known ones."""
    unknown_tags: tuple[str, ...] = ()
    """Trailing `#words` that are no need tag: kept as text."""
    first_line: int = 0
    """The item's first line (its list marker); the item spans `first_line` to `line`."""


class Section:
    """A `##` section of a map. Compared by identity: two sections with the same text are still two."""

    __slots__ = ("heading", "items", "key", "line", "lines")

    def __init__(
        self, key: str, heading: str, line: int, lines: list[SourceLine] | None = None, items: list[Item] | None = None
    ) -> None:
        self.key = key
        """A section key (`sees`, ...), or `""` for a heading the vocabulary does not know."""
        self.heading = heading
        """The heading as written."""
        self.line = line
        """The line of the heading."""
        self.lines: list[SourceLine] = [] if lines is None else lines
        self.items: list[Item] = [] if items is None else items

    @property
    def markdown(self) -> str:
        return "\n".join(text for _, text in self.lines)


class RoutineEntry(NamedTuple):
    """One piece of routine customer data (`routine: {age: 45-55}`), with its line."""

    key: str
    value: str
    line: int


class Relation(NamedTuple):
    """How the buyer of a map relates to another map's buyer of the same account (`relations:`)."""

    map: str
    """The other map's path below the maps folder, without `.md`, as written."""
    kind: str
    """`reports-to`, `influences`, `blocks` or `advises`."""
    line: int
    """The line of the relation's `map:`, for problems."""


class Profile(NamedTuple):
    """The front matter, validated: who the buyer is. One attribute per field of `fields.FIELDS`, named
    by its `Field.key` (a test keeps the two equal); the reader fills it from those definitions."""

    title: str = ""
    role: str = ""
    organisation: str = ""
    market: str = ""
    segment: str = ""
    account: str = ""
    metaphors: tuple[str, ...] = ()
    routine: tuple[RoutineEntry, ...] = ()
    """Routine customer data, in the order written."""
    buying_roles: tuple[str, ...] = ()
    """Keys of the buyer's roles in the decision-making unit (`decider`, ...)."""
    subject: str = "persona"
    """Who the map describes: a `persona`, a `composite` of real buyers, or one `real` person."""
    owner: str = ""
    reviewed: datetime.date | None = None
    tags: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()
    """This buyer's relations to other stakeholders of the account, in the order written."""


class EmpathyMap:
    """One map, as read. Compared by identity (and hashable), so indexes can key on it."""

    __slots__ = (
        "flattened",
        "intro",
        "other_sections",
        "path",
        "problems",
        "profile",
        "sections",
        "subject_unclear_at",
        "unsafe_lines",
        "url_path",
    )

    def __init__(
        self,
        path: str,
        url_path: str,
        profile: Profile,
        intro: list[SourceLine] | None = None,
        sections: dict[str, Section] | None = None,
        other_sections: list[Section] | None = None,
        problems: list[Problem] | None = None,
        unsafe_lines: set[int] | None = None,
        subject_unclear_at: int | None = None,
        flattened: dict[int, Flattened] | None = None,
    ) -> None:
        self.path = path
        """The file, relative to the project root (for messages)."""
        self.url_path = url_path
        """The map's path below the maps folder, without `.md` (`zorg/orthopedisch-arts`)."""
        self.profile = profile
        self.intro: list[SourceLine] = [] if intro is None else intro
        self.sections: dict[str, Section] = {} if sections is None else sections
        """The known sections by key, in the order written."""
        self.other_sections: list[Section] = [] if other_sections is None else other_sections
        """Sections under headings the vocabulary does not know: shown, never dropped."""
        self.problems: list[Problem] = [] if problems is None else problems
        self.unsafe_lines: set[int] = set() if unsafe_lines is None else unsafe_lines
        """Lines already warned about for content the site leaves out as unsafe."""
        self.subject_unclear_at = subject_unclear_at
        """The line where `subject` (or the whole front matter) cannot be read: the map may be about a real person."""
        self.flattened: dict[int, Flattened] = {} if flattened is None else flattened
        """Lines nested too deeply or too costly to convert, reported; the renderer flattens them (depth.py)."""

    def with_problems(self, problems: list[Problem]) -> EmpathyMap:
        """A copy of this map with `problems` as its list of problems; everything else shared."""
        copy = EmpathyMap.__new__(EmpathyMap)
        for name in EmpathyMap.__slots__:
            setattr(copy, name, getattr(self, name))
        copy.problems = problems
        return copy

    @property
    def title(self) -> str:
        return self.profile.title or self.url_path.rsplit("/", 1)[-1].replace("-", " ").capitalize()

    @property
    def page_path(self) -> str:
        """Where the map's page sits among the site's pages: `maps/<path below maps/>.md`."""
        return f"maps/{self.url_path}.md"

    def items(self) -> list[tuple[Section, Item]]:
        return [(section, item) for section in self.sections.values() for item in section.items]
