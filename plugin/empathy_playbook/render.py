"""Turning maps and indexes into HTML with the playbook's own templates.

Independent of any site engine: the caller passes a Markdown converter and a
function that gives the relative URL of a page. The Jinja environment is our own,
with autoescape on, so every value from a map is escaped unless a template marks
it safe; the only values marked safe are HTML produced here from Markdown.
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import safe_html
from .i18n import Labels
from .model import EmpathyMap, Item, Problem, Report, Section, SourceLine, quoted
from .playbook import METAPHORS_PAGE, Playbook, slugify, unique_slugs
from .review import Overdue, overdue, overdue_maps
from .settings import Settings
from .vocabulary import GRID_ORDER, NeedCategory

MarkdownConverter = Callable[[str], str]
"""Markdown source to HTML, with the site's own Markdown extensions."""
UrlFor = Callable[[str], str]
"""A page path (`needs.md`, `maps/zorg/arts.md`, optionally with `#anchor`) to a URL relative to the current page."""


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


@dataclass(frozen=True)
class SectionView:
    key: str
    id: str
    label: str
    question: str
    html: Markup
    line: int


class Renderer:
    """Renders the pages of one site build; create one per build (templates are compiled once)."""

    def __init__(
        self,
        playbook: Playbook,
        settings: Settings,
        labels: Labels,
        template_dirs: Sequence[Path] = (),
        today: datetime.date | None = None,
    ) -> None:
        self.playbook = playbook
        self.settings = settings
        self.vocabulary = settings.vocabulary
        self.labels = labels
        self.today = today or datetime.date.today()
        self.metaphors = playbook.metaphors()
        self._metaphor_anchors = {metaphor.name.casefold(): metaphor.anchor for metaphor in self.metaphors}
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [
                    # A theme's custom_dir can override any template as `empathy_playbook/<name>.html`.
                    jinja2.FileSystemLoader([str(directory) for directory in template_dirs]),
                    jinja2.PackageLoader("empathy_playbook", "templates"),
                ]
            ),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            labels=labels,
            need_label=self.need_label,
            need_description=self.need_description,
            metaphor_anchor=self.metaphor_anchor,
        )
        # Markers put where an item's need tags stood, swapped for chips once the Markdown is HTML.
        # Random per build, so that no map can write one.
        self._marker_prefix = f"epneed{secrets.token_hex(6)}x"

    def metaphor_anchor(self, name: str) -> str:
        return self._metaphor_anchors.get(name.casefold(), slugify(name))

    def need_label(self, key: str) -> str:
        category = self._category(key)
        return category.label if category and category.label else self.labels[key]

    def need_description(self, key: str) -> str:
        category = self._category(key)
        return category.description if category and category.description else self.labels.get(f"description.{key}")

    def _category(self, key: str) -> NeedCategory | None:
        return next((category for category in self.vocabulary.needs if category.key == key), None)

    def map_page(self, m: EmpathyMap, convert: MarkdownConverter, url: UrlFor) -> RenderedPage:
        chips = self.env.get_template("empathy_playbook/partials/chips.html").module
        report = Report(m.path)

        def html(lines: list[SourceLine], items: list[Item], heading_line: int) -> Markup:
            markup, markers = self._markdown_with_markers(lines, items, convert)
            safe = safe_html.sanitize(markup)
            lost = safe_html.removed(markup, safe)
            if lost and not m.unsafe_lines.intersection(number for number, _ in lines):
                # The source scan is meant to name everything the sanitiser removes; this is its safety net.
                report.warning(heading_line, f"unsafe content was left out of this section: {quoted(', '.join(lost))}")
            # Longest markers first: marker 1 is a prefix of marker 10.
            for marker in sorted(markers, key=len, reverse=True):
                safe = safe.replace(marker, str(chips.chips(markers[marker], url)))  # type: ignore[attr-defined]
            return Markup(safe)

        def view(key: str, anchor: str, label: str, question: str, section: Section) -> SectionView:
            return SectionView(
                key, anchor, label, question, html(section.lines, section.items, section.line), section.line
            )

        views = {
            key: view(key, key, self.labels[key], self.labels[f"question.{key}"], s) for key, s in m.sections.items()
        }
        used_ids = set(GRID_ORDER) | {"approach", "story"}
        others = []
        for section, anchor in zip(m.other_sections, unique_slugs(s.heading for s in m.other_sections), strict=True):
            others.append(
                view("", anchor if anchor not in used_ids else f"{anchor}-{section.line}", section.heading, "", section)
            )
        grid = [views.get(key) or self._empty_view(key) for key in GRID_ORDER]
        below = [views[key] for key in ("approach", "story") if key in views] + others
        intro = html(m.intro, [], m.intro[0][0]) if "".join(text for _, text in m.intro).strip() else ""
        page = self.env.get_template("empathy_playbook/map.html").render(
            map=m,
            profile=self._profile_rows(m, url),
            intro=intro,
            grid={v.key: v for v in grid},
            below=below,
            problems=sorted([*m.problems, *report.problems], key=lambda problem: problem.line),
            overdue=overdue(m, self.settings.review_months, self.today),
            url=url,
        )
        headings = [Heading(v.id, v.label) for v in [*grid, *below]]
        return RenderedPage(m.title, page, headings, wide=True, problems=report.problems)

    def _empty_view(self, key: str) -> SectionView:
        return SectionView(key, key, self.labels[key], self.labels[f"question.{key}"], Markup(""), 0)

    def _profile_rows(self, m: EmpathyMap, url: UrlFor) -> list[tuple[str, list[tuple[str, str]]]]:
        """(label, [(text, link or "")]) for each front matter value the map has, in a fixed order."""
        p = m.profile
        rows: list[tuple[str, list[tuple[str, str]]]] = []

        def add(key: str, *values: tuple[str, str]) -> None:
            kept = [(text, link) for text, link in values if text]
            if kept:
                rows.append((self.labels[key], kept))

        add("subject", (self.labels[f"subject.{p.subject}"] if p.subject != "persona" else "", ""))
        add("role", (p.role, ""))
        add("organisation", (p.organisation, ""))
        add("market", (self.labels[f"market.{p.market}"] if p.market else "", ""))
        add("segment", (p.segment, ""))
        add("account", (p.account, ""))
        add("metaphor", *((name, url(f"{METAPHORS_PAGE}#{self.metaphor_anchor(name)}")) for name in p.metaphors))
        for entry in p.routine:
            add(f"routine.{entry.key}", (entry.value, ""))
        add("owner", (p.owner, ""))
        add("reviewed", (p.reviewed.isoformat() if p.reviewed else "", ""))
        add("tags", *((tag, "") for tag in p.tags))
        return rows

    def _markdown_with_markers(
        self, lines: list[SourceLine], items: list[Item], convert: MarkdownConverter
    ) -> tuple[str, dict[str, tuple[str, ...]]]:
        """The lines as HTML, with a marker where each item's need tags stood, and the needs per marker."""
        tagged = {item.line: item for item in items if item.needs and item.tag_column is not None}
        markers: dict[str, tuple[str, ...]] = {}
        source = []
        for number, text in lines:
            item = tagged.get(number)
            if item is not None:
                marker = f"{self._marker_prefix}{len(markers)}"
                markers[marker] = item.needs
                text = " ".join([text[: item.tag_column].rstrip(), *item.unknown_tags, marker])
            source.append(text)
        return convert("\n".join(source)), markers

    def needs_page(self, url: UrlFor) -> RenderedPage:
        index = self.playbook.needs(self.vocabulary)
        page = self.env.get_template("empathy_playbook/needs.html").render(index=index, url=url, plain_text=plain_text)
        return RenderedPage(self.labels["page.needs"], page, [Heading(key, self.need_label(key)) for key in index])

    def metaphors_page(self, url: UrlFor) -> RenderedPage:
        page = self.env.get_template("empathy_playbook/metaphors.html").render(metaphors=self.metaphors, url=url)
        headings = [Heading(metaphor.anchor, metaphor.name) for metaphor in self.metaphors]
        return RenderedPage(self.labels["page.metaphors"], page, headings)

    def review_page(self, url: UrlFor) -> RenderedPage:
        by_owner: dict[str, list[Overdue]] = {}
        for item in overdue_maps(self.playbook.maps, self.settings.review_months, self.today):
            by_owner.setdefault(item.map.profile.owner, []).append(item)
        names = [owner or self.labels["review.no_owner"] for owner in by_owner]
        anchors = dict(zip(by_owner, unique_slugs(names), strict=True))
        page = self.env.get_template("empathy_playbook/review.html").render(
            by_owner=by_owner, anchors=anchors, months=self.settings.review_months, url=url
        )
        headings = [Heading(anchors[owner], name) for owner, name in zip(by_owner, names, strict=True)]
        return RenderedPage(self.labels["page.review"], page, headings)

    def overview_page(self, url: UrlFor) -> RenderedPage:
        page = self.env.get_template("empathy_playbook/overview.html").render(maps=self.playbook.overview(), url=url)
        return RenderedPage(self.labels["page.overview"], page)


def plain_text(markdown: str) -> str:
    """An item's Markdown as the plain text shown in index tables: links keep their text, markup goes."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<[^>]*>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split())
