"""The page views of a map (its page, its meeting card) and of the selling pages, with the playbook's own templates.

Independent of any site engine: the caller passes a Markdown converter and a function that gives
the relative URL of a page. The Jinja environment is our own, with autoescape on, so every value
from a map is escaped unless a template marks it safe; the only values marked safe are HTML
produced from Markdown by the section pipeline (`section_html.py`). The index pages are in
`index_views.py`; `registry.py` lists every page.
"""

from __future__ import annotations

import datetime
import functools
import json
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .card import Block, blocks, inline_html, topic
from .committee import Coverage, Link, account_links, coverage, diagram
from .fields import FIELDS, Field, Kind, LinksTo
from .i18n import Labels
from .model import EmpathyMap, Report, Section
from .pages import (
    METAPHORS_PAGE,
    Heading,
    MarkdownConverter,
    RenderedPage,
    UrlFor,
    account_page,
    card_page,
)
from .playbook import Account, Playbook, fold_name
from .review import overdue
from .search_index import FACETS
from .section_html import SectionPipeline, plain_text
from .settings import Settings
from .slugs import slugify, unique_slugs
from .vocabulary import EXTRA_SECTIONS, GRID_ORDER, NeedCategory

ACCOUNT_ROWS: tuple[str, ...] = (*GRID_ORDER, *EXTRA_SECTIONS)
"""The rows of an account page's side-by-side table: every section, in the order a map page shows them."""

CARD_TOP_ITEMS = 3
"""Pains and gains on a meeting card: the first ones of the map, as its author ordered them."""


ProfileRow = tuple[str, list[tuple[str, str]]]
"""A row of a profile card: its label and its values, each as (text, link or "")."""


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
        self._account_of = {m: account for account in self.accounts for m in account.maps}
        self._links: dict[str, list[Link]] = {}
        self._coverage: dict[str, Coverage] = {}
        self._section_html: dict[EmpathyMap, dict[str, Markup]] = {}
        """Per map of an account, its sections' HTML as made for its page: the account page shows them again."""
        self._metaphor_anchors = {fold_name(metaphor.name): metaphor.anchor for metaphor in self.metaphors}
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [
                    # A theme's custom_dir can override any template as `empathy_playbook/<name>.html`.
                    jinja2.FileSystemLoader([str(directory) for directory in template_dirs]),
                    jinja2.PackageLoader("empathy_playbook", "templates"),
                ]
            ),
            autoescape=True,
            auto_reload=False,  # one build: no stat() of every template at every render
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
        chips = self.env.get_template("empathy_playbook/partials/chips.html").module.chips  # type: ignore[attr-defined]
        self.sections = SectionPipeline(chips)

    def account_of(self, m: EmpathyMap) -> Account | None:
        return self._account_of.get(m)

    def metaphor_anchor(self, name: str) -> str:
        return self._metaphor_anchors.get(fold_name(name), slugify(name))

    def need_label(self, key: str) -> str:
        category = self._category(key)
        return category.label if category and category.label else self.labels[key]

    def need_description(self, key: str) -> str:
        category = self._category(key)
        return category.description if category and category.description else self.labels.get(f"description.{key}")

    def _category(self, key: str) -> NeedCategory | None:
        return next((category for category in self.vocabulary.needs if category.key == key), None)

    def facets(self, m: EmpathyMap) -> list[tuple[str, list[str]]]:
        """(facet, values) of a map, as shown on the site: what the overview and the search filter by."""
        p = m.profile
        return [
            ("market", [self.labels[f"market.{p.market}"]] if p.market else []),
            ("segment", [p.segment] if p.segment else []),
            ("account", [p.account] if p.account else []),
            ("buying_role", [self.labels[f"role.{role}"] for role in p.buying_roles]),
            ("need", [self.need_label(key) for key in sorted({need for _, item in m.items() for need in item.needs})]),
            ("metaphor", list(p.metaphors)),
        ]

    def facet_labels(self) -> dict[str, str]:
        """The name of each facet in the site's language, in the order of FACETS."""
        keys = {"need": "filter.need"}
        return {facet: self.labels[keys.get(facet, facet)] for facet in FACETS}

    def map_page(self, m: EmpathyMap, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
        report = Report(m.path)
        sections = [*m.sections.values(), *m.other_sections]
        intro = Section("", "", m.intro[0][0] if m.intro else 1, m.intro)
        converted_html, plain = self.sections.to_html([intro, *sections], m, convert, url, report)
        converted = {s: (h, p) for s, h, p in zip(sections, converted_html[1:], plain[1:], strict=True)}

        def view(key: str, anchor: str, label: str, question: str, section: Section) -> SectionView:
            return SectionView(key, anchor, label, question, *converted[section], section.line)

        views = {
            key: view(key, key, self.labels[key], self.labels[f"question.{key}"], s) for key, s in m.sections.items()
        }
        used_ids = set(GRID_ORDER) | set(EXTRA_SECTIONS)
        others = []
        for section, anchor in zip(m.other_sections, unique_slugs(s.heading for s in m.other_sections), strict=True):
            others.append(
                view("", anchor if anchor not in used_ids else f"{anchor}-{section.line}", section.heading, "", section)
            )
        if m in self._account_of:
            self._section_html[m] = {key: view.html for key, view in views.items()}
        grid = [views.get(key) or self._empty_view(key) for key in GRID_ORDER]
        below = [views[key] for key in EXTRA_SECTIONS if key in views] + others
        profile = self._profile_rows(m, url)
        page = self.env.get_template("empathy_playbook/map.html").render(
            map=m,
            profile=profile,
            intro=converted_html[0] if converted_html[0].strip() else "",
            grid={v.key: v for v in grid},
            below=below,
            problems=sorted([*m.problems, *report.problems], key=lambda problem: problem.line),
            overdue=overdue(m, self.settings.review_months, self.today),
            card=url(card_page(m)),
            url=url,
            facets=self.facets(m),
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

    def _empty_view(self, key: str) -> SectionView:
        return SectionView(key, key, self.labels[key], self.labels[f"question.{key}"], Markup(""), "", 0)

    def _profile_rows(self, m: EmpathyMap, url: UrlFor) -> list[ProfileRow]:
        """(label, [(text, link or "")]) for each front matter value the map has, in the order of `FIELDS`,
        then the other maps of its account."""
        rows = self._field_rows(m, [spec for spec in FIELDS if spec.name != "title"], url, card=False)
        account = self._account_of.get(m)
        if account:
            others = [(other.title, url(other.page_path)) for other in account.maps if other is not m]
            if others:
                rows.append((self.labels["account.others"], others))
        return rows

    def _field_rows(self, m: EmpathyMap, specs: Sequence[Field], url: UrlFor, *, card: bool) -> list[ProfileRow]:
        """A row per field the map has a value for (routine data: a row per entry; relations: a row per
        kind, both ways). On the profile card values link where their field says; on the meeting `card`
        only relations link, to the other maps' cards."""
        p = m.profile
        rows: list[ProfileRow] = []
        for spec in specs:
            value = getattr(p, spec.key)
            if spec.kind is Kind.MAPPING:
                rows += [(self.labels[f"{spec.name}.{e.key}"], [(e.value, "")]) for e in value if e.value]
                continue
            if spec.kind is Kind.RELATIONS:
                for label, others in self._relation_rows(m, spec):
                    rows.append((label, [(o.title, url(card_page(o) if card else o.page_path)) for o in others]))
                continue
            texts = [value] if not isinstance(value, tuple) else list(value)
            shown = []
            for text in texts:
                if not text or text in spec.unshown:
                    continue
                if isinstance(text, datetime.date):
                    text = text.isoformat()
                link = "" if card else self._link(m, spec, text)
                shown.append(
                    (self.labels[f"{spec.choice_labels}.{text}"] if spec.choice_labels else text, link and url(link))
                )
            if shown:
                rows.append((self.labels[spec.name], shown))
        return rows

    def _link(self, m: EmpathyMap, spec: Field, value: str) -> str:
        """The page path a value on the profile card links to, or ""."""
        if spec.links_to is LinksTo.ACCOUNT:
            account = self._account_of.get(m)
            return account_page(account.slug) if account else ""
        if spec.links_to is LinksTo.METAPHOR:
            return f"{METAPHORS_PAGE}#{self.metaphor_anchor(value)}"
        return ""

    def coverage(self, account: Account) -> Coverage:
        if account.slug not in self._coverage:
            self._coverage[account.slug] = coverage(
                account.maps, self.settings.coverage_roles, self.settings.review_months, self.today
            )
        return self._coverage[account.slug]

    def account_page(self, account: Account, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
        """The buying committee: coverage and what to act on, the diagram of relations, then the
        stakeholders side by side (one column each, one row per section, with need chips) and their needs."""
        shown = {m: self._sections_shown_on(m, url, convert) for m in account.maps}
        rows = []
        for key in ACCOUNT_ROWS:
            cells = [shown[m].get(key, Markup("")) for m in account.maps]
            if key in GRID_ORDER or any(cells):  # an optional section no stakeholder has is no row
                rows.append((key, self.labels[key], cells))
        needs: list[tuple[str, list[list[str]]]] = [
            (self.need_label(key), [[] for _ in account.maps]) for key in self.vocabulary.need_keys
        ]
        column = {key: cells for key, (_, cells) in zip(self.vocabulary.need_keys, needs, strict=True)}
        for index, m in enumerate(account.maps):
            for _, item in m.items():
                if item.needs:
                    text = plain_text(item.text)  # once per item, whatever the number of its needs
                    for key in set(item.needs):  # an item listed once per need, as tagged twice or not
                        if key in column:
                            column[key][index].append(text)
        links = self._links_of(account)
        page = self.env.get_template("empathy_playbook/account.html").render(
            account=account,
            coverage=self.coverage(account),
            diagram=diagram(account.maps, links, lambda role: self.labels[f"role.{role}"]),
            links=links,
            rows=rows,
            needs=needs,
            url=url,
            card_page=card_page,
        )
        headings = [
            Heading("coverage", self.labels["coverage"]),
            Heading("to-act-on", self.labels["coverage.act"]),
            Heading("committee", self.labels["committee"]),
            Heading("stakeholders", self.labels["account.side_by_side"]),
            Heading("needs", self.labels["account.needs"]),
        ]
        return RenderedPage(account.name, page, headings, wide=True)

    def _sections_shown_on(self, m: EmpathyMap, url: UrlFor, convert: MarkdownConverter) -> dict[str, Markup]:
        """A map's sections as on its page (need chips included), with their links pointing from `url`'s page.

        The map page made them already (map pages are rendered first): its HTML is reused with its
        relative links rebased, rather than converted again, which would also resolve the map's own
        relative links from the wrong file.
        """
        made = self._section_html.pop(m, None)
        if made is not None:
            base = url(m.page_path)
            return {key: Markup(rebase_links(html, base)) for key, html in made.items()}
        sections = [m.sections[key] for key in ACCOUNT_ROWS if key in m.sections]
        html, _ = self.sections.to_html(sections, m, convert, url, Report(m.path))  # its page reports the problems
        return {section.key: part for section, part in zip(sections, html, strict=True)}

    def card_page(self, m: EmpathyMap, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
        """A one-page meeting card: who they are, the story, top pains and gains, our approach, questions.

        A whole HTML document of its own, not a page of the site: it exists to be printed, and a
        theme page per map (navigation, search, scripts) would double the cost of the build.
        Each section it shows keeps the map's own order of paragraphs and lists.
        """
        pains, gains = m.sections.get("pains"), m.sections.get("gains")
        top_pains = [inline_html(item.text) for item in pains.items[:CARD_TOP_ITEMS]] if pains else []
        top_gains = [inline_html(item.text) for item in gains.items[:CARD_TOP_ITEMS]] if gains else []
        own_questions = m.sections.get("questions")
        if own_questions is not None:
            questions = blocks(own_questions)
        else:
            asked = [self.labels["card.ask_pain"].format(item=topic(i.text)) for i in pains.items[:3]] if pains else []
            asked += [self.labels["card.ask_gain"].format(item=topic(i.text)) for i in gains.items[:3]] if gains else []
            questions = [Block("ol", [Markup(escape(question)) for question in asked])] if asked else []
        page = self.env.get_template("empathy_playbook/card.html").render(
            map=m,
            profile=self._card_rows(m, url),
            pains=top_pains,
            gains=top_gains,
            approach=blocks(m.sections["approach"]) if "approach" in m.sections else [],
            story=blocks(m.sections["story"]) if "story" in m.sections else [],
            questions=questions,
            suggested=own_questions is None,
            url=url,
        )
        title = self.labels["card.title"].format(title=m.title)
        robots = "noindex" if self.settings.indexable else "noindex, nofollow"
        document = self.env.get_template("empathy_playbook/card_document.html").render(
            title=title, card=Markup(page), robots=robots
        )
        return RenderedPage(title, document)

    def _card_rows(self, m: EmpathyMap, url: UrlFor) -> list[ProfileRow]:
        """The card's "who": what matters in the meeting. Not the owner, tags or review dates: those are ours."""
        return self._field_rows(m, [spec for spec in FIELDS if spec.on_meeting_card], url, card=True)

    def _relation_rows(self, m: EmpathyMap, spec: Field) -> list[tuple[str, list[EmpathyMap]]]:
        """("Reports to", [maps]) for the map's own relations, then ("Is reported to by", [maps]) for the
        others' relations to it; the labels are the field's choice labels (`relation.reports-to`,
        `relation.in.reports-to`)."""
        account = self._account_of.get(m)
        if account is None:
            return []
        rows: dict[str, list[EmpathyMap]] = {}
        for link in self._links_of(account):
            if link.source is m:
                rows.setdefault(f"{spec.choice_labels}.{link.kind}", []).append(link.target)
        for link in self._links_of(account):
            if link.target is m:
                rows.setdefault(f"{spec.choice_labels}.in.{link.kind}", []).append(link.source)
        return [(_capitalised(self.labels[key]), list(dict.fromkeys(maps))) for key, maps in rows.items()]

    def _links_of(self, account: Account) -> list[Link]:
        if account.slug not in self._links:
            self._links[account.slug] = account_links(account.maps)
        return self._links[account.slug]

    def compare_page(self, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
        sections = [(key, self.labels[key]) for key in GRID_ORDER]
        # The only pages the view may load: the map pages of this build. Its address names the maps to
        # compare, and anyone can write an address, so it is a choice among these, never a URL to fetch.
        maps = Markup(script_json([url(m.page_path) for m in self.playbook.maps]))
        page = self.env.get_template("empathy_playbook/compare.html").render(sections=sections, maps=maps)
        return RenderedPage(self.labels["page.compare"], page, wide=True)

    def onboarding_page(self, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
        by_path = {m.url_path: m for m in self.playbook.maps}
        # A step that names no map is reported at its line in mkdocs.yml (onboarding.check_onboarding), and left out.
        steps = [(by_path[step.map], step) for step in self.settings.onboarding if step.map in by_path]
        page = self.env.get_template("empathy_playbook/onboarding.html").render(steps=steps, url=url)
        headings = [Heading(f"step-{n}", m.title) for n, (m, _) in enumerate(steps, 1)]
        return RenderedPage(self.labels["page.onboarding"], page, headings)


_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def rebase_links(html: str, base: str) -> str:
    """`html` made for the page at `base` (a URL relative to where it is shown now), its relative links
    rewritten to point from here: `../needs/#economic` made at `../maps/a/` becomes `../needs/#economic`
    seen from one level deeper. Addresses with a scheme or an absolute path are left as they are.
    """

    def rebased(match: re.Match[str]) -> str:
        return f"{match.group(1)}{_rebased(match.group(2), base)}{match.group(3)}"

    return _LINK_ATTRIBUTE.sub(rebased, html)


@functools.lru_cache(maxsize=4096)
def _rebased(value: str, base: str) -> str:
    """One link of `rebase_links`. Cached: an account page rebases the same few links (need chips) again and again."""
    if _SCHEME.match(value) or value.startswith("/"):
        return value
    folder = base if base.endswith("/") or "/" not in base else base.rsplit("/", 1)[0] + "/"
    cut = min((i for i in (value.find("#"), value.find("?")) if i >= 0), default=len(value))
    path, rest = value[:cut], value[cut:]
    if not path:
        return f"{base}{rest}"
    joined = posixpath.normpath(folder + path)
    if joined == ".":
        joined = ""
    if path.endswith("/") and joined:
        joined += "/"
    return f"{joined or './'}{rest}"


def script_json(data: object) -> str:
    """JSON that can stand in a <script> element: `<`, `>` and `&` escaped, so no text can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
