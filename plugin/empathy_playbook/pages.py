"""What a generated page is, for the views that render it and the engine adapters that publish it.

Paths are page paths, as a Markdown source among the site's pages would have (`maps/zorg/arts.md`,
`needs.md`, `accounts/index.md`): the engine turns them into URLs (`maps/zorg/arts/`, ...). The
list of every page of a playbook is `registry.generated_pages`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from .model import EmpathyMap, Problem

MarkdownConverter = Callable[[str], str]
"""Markdown source to HTML, with the site's own Markdown extensions."""
UrlFor = Callable[[str], str]
"""A page path (`needs.md`, `maps/zorg/arts.md`, optionally with `#anchor`) to a URL relative to the current page."""

OVERVIEW_PAGE = "maps/index.md"
NEEDS_PAGE = "needs.md"
METAPHORS_PAGE = "metaphors.md"
REVIEW_PAGE = "review.md"
ACCOUNTS_PAGE = "accounts/index.md"
COMPARE_PAGE = "compare.md"
ONBOARDING_PAGE = "onboarding.md"


def account_page(slug: str) -> str:
    """Where an account's page sits (templates call it with the account's slug)."""
    return f"accounts/{slug}.md"


def card_page(m: EmpathyMap) -> str:
    """Where a map's meeting card sits: `cards/<path below maps/>.md`."""
    return f"cards/{m.url_path}.md"


@dataclass(frozen=True)
class Heading:
    id: str
    title: str


@dataclass
class RenderedPage:
    title: str
    html: str
    headings: list[Heading] = field(default_factory=list)
    """The page's level-2 headings, for its table of contents and anchor checks."""
    wide: bool = False
    """The page needs the whole width (a map's grid): the theme should hide the table of contents."""
    problems: list[Problem] = field(default_factory=list)
    """Found while rendering (the reader finds the others)."""
    anchors: set[str] = field(default_factory=set)
    """Ids on the page besides its headings' (an index's compact entries), for link checks."""
    search_html: str | None = None
    """What the search index should read instead of `html`: the same headings and text, without the
    decoration (chips, profile card, grid), which only slows the search plugin down and clutters results."""


PageView = Callable[[UrlFor, MarkdownConverter], RenderedPage]
"""How every page is rendered: given the URL of any page path relative to it, and the site's Markdown."""


class PageKind(enum.Enum):
    MAP = "map"
    OVERVIEW = "overview"
    NEEDS = "needs"
    METAPHORS = "metaphors"
    REVIEW = "review"
    ACCOUNTS = "accounts"
    INDEX_PART = "index-part"
    """A page of one group of a long index (a segment's maps, a need category's items in a segment, ...)."""
    ACCOUNT = "account"
    ONBOARDING = "onboarding"
    COMPARE = "compare"
    CARD = "card"


@dataclass(frozen=True, eq=False)
class GeneratedPage:
    path: str
    """The page path (see the module's docstring)."""
    kind: PageKind
    render: PageView
    in_nav: bool = False
    """Listed in the site's navigation (else reached through links and search)."""
    searchable: bool = True
    """Indexed by the site's search: False for pages that only repeat what the map pages say."""
    standalone: bool = False
    """A whole HTML document of its own (a meeting card, made to be printed), not a page of the site's theme."""
    source: str = ""
    """The map file the page is made from (a map page, a meeting card), for messages; empty for the others."""
    shows: tuple[str, ...] | None = None
    """For a rebuild (rebuild.py), on a page that is not a map's own: the maps (their paths) whose content
    it shows, once per entry; None when it may show any map (an index of every map)."""
    group: str = ""
    """With `shows`: the rest of what the page shows, as text that changes when it does (the group's name
    and every entry of the group, for a page of a long index)."""
