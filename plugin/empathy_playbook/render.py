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
from markupsafe import Markup, escape

from . import safe_html
from .i18n import Labels
from .model import EmpathyMap, Item, Problem, Report, Section, SourceLine, quoted
from .playbook import METAPHORS_PAGE, Account, Playbook, account_page, card_page, slugify, unique_slugs
from .review import overdue
from .settings import Settings
from .vocabulary import GRID_ORDER, NeedCategory, nearest

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
    searchable: bool = True
    """False for a page that only repeats what the map pages say (the search would show it twice)."""
    anchors: set[str] = field(default_factory=set)
    """Ids on the page besides its headings' (an index's compact entries), for link checks."""
    search_html: str | None = None
    """What the search index should read instead of `html`: the same headings and text, without the
    decoration (chips, profile card, grid), which only slows the search plugin down and clutters results."""


@dataclass(frozen=True)
class SectionView:
    key: str
    id: str
    label: str
    question: str
    html: Markup
    plain: str
    """The section's HTML without need chips: what the search index reads."""
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
        self.accounts = playbook.accounts()
        self._account_of = {id(m): account for account in self.accounts for m in account.maps}
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

    def account_of(self, m: EmpathyMap) -> Account | None:
        return self._account_of.get(id(m))

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
        report = Report(m.path)
        sections = [*m.sections.values(), *m.other_sections]
        intro = Section("", "", m.intro[0][0] if m.intro else 1, m.intro)
        html, plain = self._sections_html([intro, *sections], m, convert, url, report)
        converted = {id(section): (h, p) for section, h, p in zip(sections, html[1:], plain[1:], strict=True)}

        def view(key: str, anchor: str, label: str, question: str, section: Section) -> SectionView:
            return SectionView(key, anchor, label, question, *converted[id(section)], section.line)

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
        profile = self._profile_rows(m, url)
        page = self.env.get_template("empathy_playbook/map.html").render(
            map=m,
            profile=profile,
            intro=html[0] if html[0].strip() else "",
            grid={v.key: v for v in grid},
            below=below,
            problems=sorted([*m.problems, *report.problems], key=lambda problem: problem.line),
            overdue=overdue(m, self.settings.review_months, self.today),
            card=url(card_page(m)),
            url=url,
        )
        summary = " · ".join(f"{label}: {', '.join(text for text, _ in values)}" for label, values in profile)
        search = [f"<p>{escape(summary)}</p>", plain[0]]
        search += [f'<h2 id="{v.id}">{escape(v.label)}</h2>\n{v.plain}' for v in [*grid, *below] if v.line]
        return RenderedPage(
            m.title,
            page,
            [Heading(v.id, v.label) for v in [*grid, *below]],
            wide=True,
            problems=report.problems,
            search_html="\n".join(search),
        )

    def _sections_html(
        self, sections: list[Section], m: EmpathyMap, convert: MarkdownConverter, url: UrlFor, report: Report
    ) -> tuple[list[Markup], list[str]]:
        """Each section as safe HTML, its need tags as chips; and the same without the chips (for search).

        The sections are converted in one go, separated by marker paragraphs: a conversion has a
        fixed cost that would otherwise be paid eight times a page. A section that swallows the
        marker after it (an unclosed code fence or HTML block) makes the page fall back to one
        conversion per section, so that no section can spill into the next.
        """
        markers: dict[str, tuple[str, ...]] = {}
        sources = [self._with_need_markers(section.lines, section.items, markers) for section in sections]
        separators = [f"{self._marker_prefix}s{index}" for index in range(1, len(sections))]
        source = sources[0] + "".join(f"\n\n{sep}\n\n{text}" for sep, text in zip(separators, sources[1:], strict=True))
        splitters = [f"<p>{sep}</p>" for sep in separators]
        joined = convert(source)
        raw, safe = _split(joined, splitters), _split(safe_html.sanitize(joined), splitters)
        if raw is None or safe is None:
            raw = [convert(text) for text in sources]
            safe = [safe_html.sanitize(part) for part in raw]
        for section, before, after in zip(sections, raw, safe, strict=True):
            if before != after and not m.unsafe_lines.intersection(number for number, _ in section.lines):
                lost = safe_html.removed(before, after)
                if lost:  # The source scan names what the sanitiser removes; this is its safety net.
                    report.warning(
                        section.line, f"unsafe content was left out of this section: {quoted(', '.join(lost))}"
                    )
        chips = self._chips_for_page(url)
        with_chips, without = [], []
        for part in safe:
            plain = part
            # Longest markers first: marker 1 is a prefix of marker 10.
            for marker in sorted((mk for mk in markers if mk in part), key=len, reverse=True):
                part = part.replace(marker, chips(markers[marker]))
                plain = plain.replace(marker, "")
            with_chips.append(Markup(part))
            without.append(plain)
        return with_chips, without

    def _chips_for_page(self, url: UrlFor) -> Callable[[tuple[str, ...]], str]:
        """Chips HTML per combination of needs, made once per page: a page repeats the same few."""
        macro = self.env.get_template("empathy_playbook/partials/chips.html").module.chips  # type: ignore[attr-defined]
        cache: dict[tuple[str, ...], str] = {}

        def chips(needs: tuple[str, ...]) -> str:
            if needs not in cache:
                cache[needs] = str(macro(needs, url))
            return cache[needs]

        return chips

    def _empty_view(self, key: str) -> SectionView:
        return SectionView(key, key, self.labels[key], self.labels[f"question.{key}"], Markup(""), "", 0)

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
        account = self._account_of.get(id(m))
        add("account", (p.account, url(account_page(account.slug)) if account else ""))
        add("buying_role", *((self.labels[f"role.{role}"], "") for role in p.buying_roles))
        add("metaphor", *((name, url(f"{METAPHORS_PAGE}#{self.metaphor_anchor(name)}")) for name in p.metaphors))
        for entry in p.routine:
            add(f"routine.{entry.key}", (entry.value, ""))
        add("owner", (p.owner, ""))
        add("reviewed", (p.reviewed.isoformat() if p.reviewed else "", ""))
        add("tags", *((tag, "") for tag in p.tags))
        if account:
            add("account.others", *((other.title, url(other.page_path)) for other in account.maps if other is not m))
        return rows

    def _with_need_markers(
        self, lines: list[SourceLine], items: list[Item], markers: dict[str, tuple[str, ...]]
    ) -> str:
        """The lines as Markdown, with a marker where each item's need tags stood (noted in `markers`)."""
        tagged = {item.line: item for item in items if item.needs and item.tag_column is not None}
        source = []
        for number, text in lines:
            item = tagged.get(number)
            if item is not None:
                marker = f"{self._marker_prefix}{len(markers)}"
                markers[marker] = item.needs
                text = " ".join([text[: item.tag_column].rstrip(), *item.unknown_tags, marker])
            source.append(text)
        return "\n".join(source)

    def account_page(self, account: Account, url: UrlFor) -> RenderedPage:
        """The stakeholders side by side: one column each, one row per section, then per need category."""
        rows = [(self.labels[key], [self._item_texts(m, key) for m in account.maps]) for key in GRID_ORDER]
        needs = [
            (self.need_label(key), [[plain_text(i.text) for _, i in m.items() if key in i.needs] for m in account.maps])
            for key in self.vocabulary.need_keys
        ]
        page = self.env.get_template("empathy_playbook/account.html").render(
            account=account, rows=rows, needs=needs, url=url
        )
        headings = [Heading("stakeholders", account.name), Heading("needs", self.labels["account.needs"])]
        # Left out of search, like the needs index: every item on it is found on its map page.
        return RenderedPage(account.name, page, headings, wide=True, searchable=False)

    def card_page(self, m: EmpathyMap, url: UrlFor) -> RenderedPage:
        """A one-page meeting card: who they are, the story, top pains and gains, our approach, questions.

        A whole HTML document of its own, not a page of the site: it exists to be printed, and a
        theme page per map (navigation, search, scripts) would double the cost of the build.
        """
        pains, gains = self._item_texts(m, "pains")[:3], self._item_texts(m, "gains")[:3]
        approach = m.sections.get("approach")
        questions = [self.labels["card.ask_pain"].format(item=item) for item in pains] + [
            self.labels["card.ask_gain"].format(item=item) for item in gains
        ]
        page = self.env.get_template("empathy_playbook/card.html").render(
            map=m,
            profile=self._profile_rows(m, url),
            pains=pains,
            gains=gains,
            approach=[plain_text(item.text) for item in approach.items] if approach else [],
            approach_text=_text_outside_items(approach) if approach else "",
            questions=questions,
            url=url,
        )
        title = self.labels["card.title"].format(title=m.title)
        document = self.env.get_template("empathy_playbook/card_document.html").render(title=title, card=Markup(page))
        return RenderedPage(title, document, searchable=False)

    def compare_page(self, url: UrlFor) -> RenderedPage:
        sections = [(key, self.labels[key]) for key in GRID_ORDER]
        page = self.env.get_template("empathy_playbook/compare.html").render(sections=sections, url=url)
        return RenderedPage(self.labels["page.compare"], page, searchable=False, wide=True)

    def onboarding_page(self, url: UrlFor) -> RenderedPage:
        by_path = {m.url_path: m for m in self.playbook.maps}
        report = Report("mkdocs.yml")
        steps = []
        for step in self.settings.onboarding:
            m = by_path.get(step.map)
            if m is None:
                hint = nearest(step.map, by_path)
                report.error(
                    1,
                    f"the onboarding step '{quoted(step.map)}' names no map"
                    + (f"; did you mean '{hint}'?" if hint else ""),
                )
                continue
            steps.append((m, step))
        page = self.env.get_template("empathy_playbook/onboarding.html").render(steps=steps, url=url)
        headings = [Heading(f"step-{n}", m.title) for n, (m, _) in enumerate(steps, 1)]
        return RenderedPage(self.labels["page.onboarding"], page, headings, problems=report.problems)

    @staticmethod
    def _item_texts(m: EmpathyMap, key: str) -> list[str]:
        section = m.sections.get(key)
        return [plain_text(item.text) for item in section.items] if section else []


def _text_outside_items(section: Section) -> str:
    """The plain text of a section's lines that belong to no list item (its paragraphs)."""
    in_items = {n for item in section.items for n in range(item.first_line, item.line + 1)}
    return " ".join(plain_text(text) for number, text in section.lines if text.strip() and number not in in_items)


def _split(html: str, separators: list[str]) -> list[str] | None:
    """`html` cut at each separator in turn; None unless each occurs exactly once, in order."""
    parts = []
    rest = html
    for separator in separators:
        before, found, rest = rest.partition(separator)
        if not found or separator in before:
            return None
        parts.append(before)
    if any(separator in rest for separator in separators):
        return None
    return [part.strip("\n") for part in (*parts, rest)]


def plain_text(markdown: str) -> str:
    """An item's Markdown as the plain text shown in index tables: links keep their text, markup goes."""
    if not any(mark in markdown for mark in "[<*_`"):  # most items: nothing to take out
        return " ".join(markdown.split())
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<[^>]*>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split())
