"""The front matter keys of a map: one definition (`FIELDS`), from which the validator, the `Profile`,
the JSON Schema, the export, the profile card and the meeting card all follow.

Values are read from YAML *nodes*, not from what PyYAML would construct, so that a
text field keeps the text as written (`segment: NO` is "NO", not False) and every
problem has the line it stands on.
"""

from __future__ import annotations

import datetime
import enum
import unicodedata
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

from .messages import Choices, Number, phrase
from .model import Profile, Relation, Report, RoutineEntry, quoted
from .vocabulary import nearest


class Kind(enum.Enum):
    TEXT = "text"
    TEXTS = "text or list of texts"
    CHOICE = "one of a fixed set of words"
    CHOICES = "one or more of a fixed set of words"
    DATE = "date"
    MAPPING = "mapping of names to texts"
    LIST = "list of texts"
    RELATIONS = "list of relations to other maps"


class LinksTo(enum.Enum):
    """Where a value on the profile card links to."""

    NOTHING = "nothing"
    ACCOUNT = "the account's page"
    METAPHOR = "the metaphor's entry on the metaphors page"


class Field(NamedTuple):
    """One front matter key. Adding a field is adding one of these (and its labels in `i18n.py`): the
    reader, the `Profile`, the JSON Schema, the export, the profile card and the meeting card follow."""

    name: str
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    choice_aliases: Mapping[str, str] = MappingProxyType({})
    """Other words for a choice (in Dutch), as spelled; compared without case or accents. Messages list
    them to Dutch writers."""
    attribute: str = ""
    """Its name on `Profile` and in the export, where that differs from `name` (a list is plural: `metaphors`)."""
    choice_labels: str = ""
    """The label key prefix of its choices: `market` shows `b2b` as the label `market.b2b`."""
    unshown: tuple[str, ...] = ()
    """Values the profile card does not show (the default `persona` says nothing)."""
    links_to: LinksTo = LinksTo.NOTHING
    """Where its values link to on the profile card."""
    on_meeting_card: bool = False
    """Also in the meeting card's "who" (the rest is the team's own business: owner, tags, review)."""

    @property
    def key(self) -> str:
        """Its name on `Profile` and in the export."""
        return self.attribute or self.name

    def choice(self, text: str) -> str | None:
        """The choice `text` names (a choice or an alias, in any case, with or without accents), if any."""
        if text in self.choices:  # as most are written; choices are folded words (a test keeps them so)
            return text
        word = folded(text)
        if word in self.choices:
            return word
        return next((choice for alias, choice in self.choice_aliases.items() if folded(alias) == word), None)


MAX_TITLE = 120
"""A title stands in the navigation of every page: ten maps with megabyte titles made a 321 MB site."""

BUYING_ROLES: tuple[str, ...] = ("user", "influencer", "buyer", "decider", "gatekeeper", "initiator")
"""The roles of the decision-making unit."""

RELATION_KINDS: tuple[str, ...] = ("reports-to", "influences", "blocks", "advises")
"""How one stakeholder of an account relates to another (`relations:`), read as "<this map> <kind> <other map>"."""

FIELDS: tuple[Field, ...] = (
    # In the order of the profile card (the JSON Schema, the export and the 'new' template follow it too).
    Field("title", Kind.TEXT, "The persona or buyer, as shown.", required=True),
    Field(
        "subject",
        Kind.CHOICE,
        "Who the map describes: a persona (default), a composite of real buyers, or a real person.",
        choices=("persona", "composite", "real"),
        choice_labels="subject",
        unshown=("persona",),
    ),
    Field("role", Kind.TEXT, "Job title or function.", on_meeting_card=True),
    Field("organisation", Kind.TEXT, "The customer organisation.", aliases=("organization",), on_meeting_card=True),
    Field("market", Kind.CHOICE, "Business or consumer market.", choices=("b2b", "b2c"), choice_labels="market"),
    Field("segment", Kind.TEXT, "Sector or buyer segment, e.g. 'Prijskopers'."),
    Field(
        "account",
        Kind.TEXT,
        "Groups the maps of one customer account (multi-level selling).",
        links_to=LinksTo.ACCOUNT,
    ),
    Field(
        "buying_role",
        Kind.CHOICES,
        "The buyer's role(s) in the decision-making unit: user, influencer, buyer, decider, gatekeeper, initiator.",
        choices=BUYING_ROLES,
        choice_aliases={
            "gebruiker": "user",
            "beïnvloeder": "influencer",
            "inkoper": "buyer",
            "beslisser": "decider",
            "poortwachter": "gatekeeper",
            "initiatiefnemer": "initiator",
        },
        attribute="buying_roles",
        choice_labels="role",
        on_meeting_card=True,
    ),
    Field(
        "relations",
        Kind.RELATIONS,
        "This buyer's relations to other maps of the same account: a list of "
        "'map: <path below the maps folder>' with 'kind: reports-to, influences, blocks or advises'.",
        choices=RELATION_KINDS,
        choice_aliases={
            "rapporteert-aan": "reports-to",
            "beïnvloedt": "influences",
            "blokkeert": "blocks",
            "adviseert": "advises",
        },
        # Shown as a row per kind, both ways: 'Reports to' on this map, 'Is reported to by' on the other.
        choice_labels="relation",
        on_meeting_card=True,
    ),
    Field(
        "metaphor",
        Kind.TEXTS,
        "The storytelling metaphor(s) for this buyer, e.g. 'Racefiets'.",
        attribute="metaphors",
        links_to=LinksTo.METAPHOR,
        on_meeting_card=True,
    ),
    Field("routine", Kind.MAPPING, "Routine customer data: name, address, age, position, ..."),
    Field("owner", Kind.TEXT, "Who keeps this map current."),
    Field("reviewed", Kind.DATE, "Date of the last review, as YYYY-MM-DD."),
    Field("tags", Kind.LIST, "Free tags."),
)

FIELD_BY_NAME: dict[str, Field] = {name: f for f in FIELDS for name in (f.name, *f.aliases)}

ROUTINE_KEYS: tuple[str, ...] = (
    "name",
    "address",
    "gender",
    "age",
    "household",
    "profession",
    "income",
    "position",
    "education",
    "experience",
    "location",
)

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_READ_AS = {
    "tag:yaml.org,2002:bool": "what.yes_no",
    "tag:yaml.org,2002:int": "what.number",
    "tag:yaml.org,2002:float": "what.number",
    _TIMESTAMP: "what.date",
}


class FrontMatterReader:
    """Turns the composed YAML of one map's front matter into a `Profile` and problems."""

    def __init__(self, report: Report, first_line: int) -> None:
        self.report = report
        self.first_line = first_line
        """The file line of the first YAML line: node marks count from 0 within the YAML."""
        self.subject_unclear_at: int | None = None
        """Where `subject` is given but cannot be read (misspelt key, wrong value, twice): fail closed."""

    def line_of(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def error(self, node: yaml.Node | int, code: str, **params: object) -> None:
        self.report.error(node if isinstance(node, int) else self.line_of(node), code, **params)

    def read(self, root: yaml.Node | None) -> Profile:
        if root is None:
            self.error(self.first_line, "front_matter.empty")
            return Profile()
        if not isinstance(root, yaml.MappingNode):
            what = phrase("what.list" if isinstance(root, yaml.SequenceNode) else "what.value")
            self.error(root, "front_matter.not_mapping", what=what)
            return Profile()

        values: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in root.value:
            key = self._key(key_node)
            if key is None:
                continue
            spec = FIELD_BY_NAME.get(key)
            if spec is None:
                if _may_mean_subject(key):
                    self.subject_unclear_at = self.subject_unclear_at or self.line_of(key_node)
                hint = nearest(key, FIELD_BY_NAME)
                suggestion = (
                    phrase("hint.did_you_mean", hint=hint)
                    if hint
                    else phrase("hint.known_keys", keys=", ".join(f.name for f in FIELDS))
                )
                self.report.warning(self.line_of(key_node), "key.unknown", key=quoted(key), suggestion=suggestion)
                continue
            name = spec.name
            if name in seen:
                if name == "subject":
                    self.subject_unclear_at = self.subject_unclear_at or self.line_of(key_node)
                first_node = seen[name]
                self.error(
                    key_node,
                    "key.twice",
                    key=quoted(key),
                    first=self.line_of(first_node),
                    second=self.line_of(key_node),
                )
                continue
            seen[name] = key_node
            value = _READER_OF_FIELD[name](self, spec, value_node)
            if value is not None:
                values[name] = value

        if "subject" in seen and "subject" not in values:  # given, but not one of the three words
            self.subject_unclear_at = self.subject_unclear_at or self.line_of(seen["subject"])
        for spec in _REQUIRED:
            # A key that is there but wrong already has its own message; only a missing or empty one gets this.
            if spec.name not in seen or values.get(spec.name) == "":
                self.error(seen.get(spec.name, self.first_line), _MISSING[spec.name])

        title = str(values.get("title", ""))
        if len(title) > MAX_TITLE:
            self.report.warning(
                self.line_of(seen["title"]), "title.too_long", length=Number(len(title)), limit=MAX_TITLE
            )
            title = title[: MAX_TITLE - 1] + "…"
        values["title"] = title
        # An empty value is no value: the Profile's default stands (subject: persona).
        return Profile(**{_KEY_OF_FIELD[name]: value for name, value in values.items() if value not in (None, "")})

    def _key(self, node: yaml.Node) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            return str(node.value)
        shown = node.value if isinstance(node, yaml.ScalarNode) else "a list or mapping"
        self.error(node, "key.not_a_word", key=quoted(shown))
        return None

    def _text(self, spec: Field, node: yaml.Node, *, read_as_text: bool = True) -> str | None:
        """The text of a scalar as written; `read_as_text` warns where YAML would read it as something else."""
        name = spec.name
        if not isinstance(node, yaml.ScalarNode):
            what = phrase("what.list" if isinstance(node, yaml.SequenceNode) else "what.mapping")
            self.error(node, "value.not_text", key=name, what=what)
            return None
        tag = node.tag
        if tag == _STR:  # most values: the rest of the checks are for the other tags
            return str(node.value).strip()
        if tag == _NULL and not node.style:
            return ""
        if tag in _READ_AS and not node.style and read_as_text:
            self.error(node, "value.read_as", value=quoted(node.value), what=phrase(_READ_AS[node.tag]), key=name)
        # Explicit tags never get here (safe_yaml refuses them), so the value is text as written.
        return str(node.value).strip()

    def _texts(self, spec: Field, node: yaml.Node) -> tuple[str, ...] | None:
        if isinstance(node, yaml.SequenceNode):
            texts = [self._text(spec, item) for item in node.value]
            return tuple([text for text in texts if text])
        text = self._text(spec, node)
        return (text,) if text else ()

    def _list(self, spec: Field, node: yaml.Node) -> tuple[str, ...] | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "value.not_list", key=spec.name)
            return None
        return self._texts(spec, node)

    def _choice(self, spec: Field, node: yaml.Node) -> str | None:
        text = self._text(spec, node, read_as_text=False)
        return self._one_of(spec, node, text) if text else text

    def _choices(self, spec: Field, node: yaml.Node) -> tuple[str, ...] | None:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        found = [self._one_of(spec, item, self._text(spec, item, read_as_text=False)) for item in nodes]
        return tuple(dict.fromkeys(choice for choice in found if choice))

    def _one_of(self, spec: Field, node: yaml.Node, written: str | None) -> str | None:
        if not written:
            return None
        choice = spec.choice(written)
        if choice is not None:
            return choice
        hint = nearest(folded(written), [*spec.choices, *map(folded, spec.choice_aliases)])
        choices = Choices(spec.choices, tuple(spec.choice_aliases))
        suggestion = phrase("hint.did_you_mean_after", hint=hint) if hint else phrase("hint.none")
        self.error(
            node, "value.not_a_choice", key=spec.name, choices=choices, value=quoted(written), suggestion=suggestion
        )
        return None

    def _relations(self, spec: Field, node: yaml.Node) -> tuple[Relation, ...] | None:
        """`- map: <path below the maps folder>` with `kind: <kind>` per relation; each problem at its line.

        Whether the map exists and is of the same account is checked once every map is read
        (`relations.check_relations`)."""
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "relations.not_list")
            return None
        relations = []
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                self.error(item, "relations.not_mapping")
                continue
            parts: dict[str, yaml.Node] = {}
            unknown = False
            for key_node, value_node in item.value:
                key = self._key(key_node)
                if key in ("map", "kind") and key not in parts:
                    parts[key] = value_node
                elif key is not None:
                    unknown = True
                    hint = nearest(key, ["map", "kind"])
                    suggestion = phrase("hint.did_you_mean_after", hint=hint) if hint else phrase("hint.none")
                    self.error(key_node, "relations.unknown_key", key=quoted(key), suggestion=suggestion)
            if ("map" not in parts or "kind" not in parts) and unknown:
                continue  # the unknown key's message (with its "did you mean") says it
            if "map" not in parts or "kind" not in parts:
                self.error(item, "relations.no_map" if "map" not in parts else "relations.no_kind")
                continue
            target = self._text(Field("relations.map", Kind.TEXT, ""), parts["map"])
            kind_spec = Field(
                "relations.kind", Kind.CHOICE, "", choices=spec.choices, choice_aliases=spec.choice_aliases
            )
            kind = self._one_of(kind_spec, parts["kind"], self._text(kind_spec, parts["kind"], read_as_text=False))
            if target is None or kind is None:
                continue
            if not relation_target(target):
                self.error(parts["map"], "relations.empty_map")
                continue
            relations.append(Relation(relation_target(target), kind, self.line_of(parts["map"])))
        return tuple(relations)

    def _date(self, spec: Field, node: yaml.Node) -> datetime.date | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag in (_STR, _TIMESTAMP):
            try:
                date = datetime.date.fromisoformat(node.value.strip()[:10])
            except ValueError:
                pass
            else:
                if date <= datetime.date.today():
                    return date
                # A review in the future would keep the map off the review list for years.
                self.error(node, "date.future", key=spec.name, value=quoted(node.value))
                return None
            if node.tag == _TIMESTAMP:
                self.error(node, "date.not_a_day", key=spec.name, value=quoted(node.value))
                return None
        shown = node.value if isinstance(node, yaml.ScalarNode) else "a list or mapping"
        self.error(node, "date.format", key=spec.name, value=quoted(shown))
        return None

    def _mapping(self, spec: Field, node: yaml.Node) -> tuple[RoutineEntry, ...] | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return ()
        if not isinstance(node, yaml.MappingNode):
            self.error(node, "routine.not_mapping", key=spec.name)
            return None
        entries: dict[str, RoutineEntry] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                continue
            line = self.line_of(key_node)
            if key in entries:
                self.error(
                    key_node, "routine.twice", key=f"{spec.name}.{quoted(key)}", first=entries[key].line, second=line
                )
                continue
            if not isinstance(value_node, yaml.ScalarNode):
                self.error(value_node, "routine.not_text", key=f"{spec.name}.{quoted(key)}")
                continue
            # Routine data is free text: a number or yes/no is shown exactly as written.
            value = "" if value_node.tag == _NULL and not value_node.style else value_node.value.strip()
            entries[key] = RoutineEntry(key, value, line)
        return tuple([entry for entry in entries.values() if entry.value])


_READERS: dict[Kind, Callable[[FrontMatterReader, Field, yaml.Node], object | None]] = {
    Kind.TEXT: FrontMatterReader._text,
    Kind.TEXTS: FrontMatterReader._texts,
    Kind.CHOICE: FrontMatterReader._choice,
    Kind.CHOICES: FrontMatterReader._choices,
    Kind.DATE: FrontMatterReader._date,
    Kind.MAPPING: FrontMatterReader._mapping,
    Kind.LIST: FrontMatterReader._list,
    Kind.RELATIONS: FrontMatterReader._relations,
}
"""How each kind of field is read (made once, not for every map)."""
_READER_OF_FIELD = {spec.name: _READERS[spec.kind] for spec in FIELDS}
"""The same by field name (looked up per key of every map: an enum member hashes in Python, a string in C)."""
_KEY_OF_FIELD = {spec.name: spec.key for spec in FIELDS}
_REQUIRED = tuple(spec for spec in FIELDS if spec.required)
_MISSING = {"title": "title.missing"}
"""The message for each required field that is missing (a required field needs its own example text)."""


def _may_mean_subject(key: str) -> bool:
    """An unknown key that was probably meant as `subject` (`Subject`, `subjct`, `onderwerp`)."""
    word = folded(key)
    return word in ("subject", "onderwerp") or nearest(word, ["subject"]) is not None


def relation_target(written: str) -> str:
    """A relation's map as a path below the maps folder: `zorg/arts.md`, `./zorg/arts` and `zorg/arts` are one."""
    target = written.strip().replace("\\", "/").removesuffix(".md")
    while target.startswith(("./", "/")):
        target = target[1:] if target.startswith("/") else target[2:]
    return target


def folded(text: str) -> str:
    """A word compared without case or accents: 'Beïnvloeder' is 'beinvloeder'."""
    return unicodedata.normalize("NFKD", text.strip()).encode("ascii", "ignore").decode().casefold()
