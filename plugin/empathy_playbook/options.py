"""The plugin's options in mkdocs.yml: one contract, read the same way by the MkDocs adapter and the checker.

`PluginOptions` is the contract: every option, its type and its default, written once. Each option
has one reader that turns the value as written in mkdocs.yml into the typed value, or raises
`ValueError` saying what is wrong. The MkDocs adapter (`config.py`) validates each option with these
readers; the command-line program reads mkdocs.yml itself and calls `read_options`. So
`mkdocs build` and `empathy-playbook check` accept and refuse exactly the same options.

A missing option, or one written with no value (`needs:`), takes its default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from .fields import BUYING_ROLES, FIELD_BY_NAME
from .privacy import DEFAULT_PERSONAL_FIELDS
from .reader import DEFAULT_MAX_BYTES
from .vocabulary import SECTION_KEYS, NeedCategory

DEFAULT_COVERAGE_ROLES: tuple[str, ...] = ("user", "influencer", "buyer", "decider", "gatekeeper")
"""The buying roles every account should have a map for. The initiator is left out by default:
once a sale is under way, who started it matters less than who decides, pays, uses and can block."""

SEARCH_MODES = ("pagefind", "theme")
"""The `search` option: Pagefind (the default), or the theme's own search (mkdocs-material's lunr index).
Defined here, not with the Pagefind step (search_index.py): `check` reads the options and runs no search."""


class OnboardingStep(NamedTuple):
    """One step of the path for new account managers: a map, why it matters, questions to answer."""

    map: str
    """The map's path below the maps folder, without .md (`zorg/orthopedisch-arts`)."""
    why: str = ""
    questions: tuple[str, ...] = ()


class PluginOptions(NamedTuple):
    """The options under `plugins: - empathy-playbook:` in mkdocs.yml, typed, with their defaults."""

    enabled: bool = True
    maps_dir: str = "maps"
    """The folder of the maps, relative to mkdocs.yml. Their pages are published under `maps/` whatever its name."""
    headings: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    """Extra headings per section key, added to the built-in English and Dutch ones."""
    needs: tuple[NeedCategory, ...] = ()
    """The need categories; empty means functional, economic and psychological."""
    max_file_size: int = DEFAULT_MAX_BYTES
    """Bytes; a larger map is rejected before it is parsed."""
    personal_fields: tuple[str, ...] = DEFAULT_PERSONAL_FIELDS
    """Routine keys that are personal data in a map with `subject: real` (age and income only when exact)."""
    publish_personal_data: bool = False
    """Publish those fields of real people after all. Think twice: the GDPR asks for a reason."""
    review_months: int = 6
    """A map whose `reviewed` date is this many months old or older is due for review."""
    nav_max_maps: int = 100
    """Up to this many maps appear in the navigation; above it only the overview does (the build stays linear)."""
    index_page_size: int = 500
    """Most entries (items, maps) one index page lists; above it an index lists its groups, each with pages of its own."""
    coverage_roles: tuple[str, ...] = DEFAULT_COVERAGE_ROLES
    """The buying roles every account should have a map for (English keys, or Dutch as in a map): an account
    page flags each one without."""
    onboarding: tuple[OnboardingStep, ...] = ()
    """The onboarding path, in order: map paths (below the maps folder), or {map, why, questions} each."""
    search: str = "pagefind"
    """`pagefind`: the site is indexed with Pagefind after the build and the theme's search box shows its
    results, with filters; the theme builds no index of its own. `theme`: the theme's own search."""
    indexable: bool = False
    """Let search engines index the site: no `noindex` on the pages and no `robots.txt` that disallows everything."""
    allow_external: bool = False
    """Accept settings and pages that load something from another host (Google Fonts, analytics, an external image)."""


OPTION_NAMES: tuple[str, ...] = PluginOptions._fields


def default(name: str) -> Any:
    """The default of option `name`, as `PluginOptions` defines it."""
    return PluginOptions._field_defaults[name]


def read_option(name: str, value: Any) -> Any:
    """Option `name` as written in mkdocs.yml, typed; raises ValueError (the reason, without the option's name)."""
    return default(name) if value is None else _READERS[name](value)


def read_options(written: Mapping[str, Any]) -> PluginOptions:
    """All options from the plugin's entry in mkdocs.yml; raises OptionError naming the first wrong one.

    Options the contract does not know are ignored here (see `unknown_options`): MkDocs warns about them.
    """
    values = {}
    for name in OPTION_NAMES:
        try:
            values[name] = read_option(name, written.get(name))
        except ValueError as error:
            raise OptionError(name, str(error)) from None
    return PluginOptions(**values)


def unknown_options(written: Mapping[str, Any]) -> list[str]:
    return sorted(str(name) for name in written if name not in OPTION_NAMES)


class OptionError(ValueError):
    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"option '{name}': {reason}")
        self.name = name
        self.reason = reason


def _typed(kind: type) -> Callable[[Any], Any]:
    what = {bool: "true or false", int: "a whole number", str: "a text"}[kind]

    def read(value: Any) -> Any:
        # YAML's true is an int to Python; a size of `true` is a mistake, not 1.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"should be {what}, not {value!r}")
        return value

    return read


def _at_least(minimum: int) -> Callable[[Any], int]:
    def read(value: Any) -> int:
        number: int = _typed(int)(value)
        if number < minimum:
            raise ValueError(f"should be {minimum} or more, not {number}")
        return number

    return read


def _one_of(*choices: str) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"should be one of {', '.join(choices)}, not {value!r}")
        return str(value)

    return read


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"should be a list, not {value!r}")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(_typed(str)(item) for item in _list(value))


def _headings(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise ValueError("should map section keys to lists of headings, like 'pains: [Ergernissen]'")
    for key in value:
        if key not in SECTION_KEYS:
            raise ValueError(f"unknown section key {key!r}; the keys are: {', '.join(SECTION_KEYS)}")
    return {str(key): tuple(str(item) for item in items) for key, items in value.items()}


def _need(entry: Any) -> NeedCategory:
    """A need category: a bare name (`functional`), or {key, aliases, label, description}."""
    if isinstance(entry, str) and entry:
        return NeedCategory(entry)
    if not isinstance(entry, Mapping) or not entry.get("key"):
        raise ValueError("every entry needs a 'key' (the tag without '#'), or is a bare name like 'functional'")
    return NeedCategory(
        str(entry["key"]),
        tuple(str(alias) for alias in _list(entry.get("aliases") or [])),
        str(entry.get("label") or ""),
        str(entry.get("description") or ""),
    )


def _needs(value: Any) -> tuple[NeedCategory, ...]:
    return tuple(_need(entry) for entry in _list(value))


def _roles(value: Any) -> tuple[str, ...]:
    """Buying roles, by key or as a map may write them (`beslisser` is `decider`)."""
    roles = []
    for entry in _list(value):
        role = FIELD_BY_NAME["buying_role"].choice(str(entry))
        if role is None:
            raise ValueError(f"names {entry!r}, which is no buying role; the roles are: {', '.join(BUYING_ROLES)}")
        roles.append(role)
    return tuple(dict.fromkeys(roles))


def _onboarding(value: Any) -> tuple[OnboardingStep, ...]:
    return tuple(_step(entry) for entry in _list(value))


def _step(entry: Any) -> OnboardingStep:
    if isinstance(entry, str) and entry:
        return OnboardingStep(entry.removesuffix(".md"))
    if not isinstance(entry, Mapping) or not entry.get("map"):
        raise ValueError("every step needs a 'map' (its path below the maps folder)")
    return OnboardingStep(
        str(entry["map"]).removesuffix(".md"),
        str(entry.get("why") or ""),
        tuple(str(question) for question in _list(entry.get("questions") or [])),
    )


_READERS: dict[str, Callable[[Any], Any]] = {
    "enabled": _typed(bool),
    "maps_dir": _typed(str),
    "headings": _headings,
    "needs": _needs,
    "max_file_size": _at_least(1),
    "personal_fields": _texts,
    "publish_personal_data": _typed(bool),
    "review_months": _at_least(0),
    "nav_max_maps": _at_least(0),
    "index_page_size": _at_least(1),
    "coverage_roles": _roles,
    "onboarding": _onboarding,
    "search": _one_of(*SEARCH_MODES),
    "indexable": _typed(bool),
    "allow_external": _typed(bool),
}
