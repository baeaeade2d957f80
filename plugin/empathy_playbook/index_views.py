"""The index pages, light at any size: the needs matrix and its pages, the overview and the segment pages,
the metaphors, review and accounts indexes and their pages.

Which page lists what follows paging.py. The rows of the long lists are made here as strings, once per
page, rather than in templates: a Jinja loop costs several times more per row, and these are the pages
that grow with every map. Every value from a map goes through `escape`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TypeVar

from markupsafe import Markup, escape

from .model import EmpathyMap
from .pages import (
    ACCOUNTS_PAGE,
    COMPARE_PAGE,
    METAPHORS_PAGE,
    NEEDS_PAGE,
    OVERVIEW_PAGE,
    REVIEW_PAGE,
    GeneratedPage,
    Heading,
    MarkdownConverter,
    PageKind,
    PageView,
    RenderedPage,
    UrlFor,
    account_page,
)
from .paging import NeedMatrix, Part, Segment, by_map, need_matrix, segment_page, segments, split
from .playbook import Metaphor, NeedEntry
from .render import Renderer, script_json
from .review import Overdue, overdue_maps
from .section_html import plain_text
from .slugs import slugify, unique_slugs

T = TypeVar("T")

STATIC_ROWS = 100
"""Maps the overview writes into its HTML when it has more than fit on a page: the first screen, before
(or without) JavaScript. The rest come from the page's JSON data as the reader scrolls."""


class IndexViews:
    """The index pages of one build, made from the renderer's playbook, labels and templates."""

    def __init__(self, renderer: Renderer) -> None:
        self.r = renderer
        self.labels = renderer.labels
        self.size = renderer.settings.index_page_size

    # -- what exists --------------------------------------------------------------------------------

    def pages(self) -> list[GeneratedPage]:
        """Every index page, each main index first, then the pages of its groups (left out of the navigation).

        The pages of a group and the needs index only list what the map pages say: they are left out
        of search, which would show every item twice (and cost as much as indexing all maps again).
        """
        found = [GeneratedPage(OVERVIEW_PAGE, PageKind.OVERVIEW, self.overview_page, in_nav=True)]
        for segment, parts in self.segment_parts:
            found += self._parts(parts, segment.name, _itself, functools.partial(self._segment_part, segment, parts))
        found.append(GeneratedPage(NEEDS_PAGE, PageKind.NEEDS, self.needs_page, in_nav=True, searchable=False))
        for cell in self.matrix.cells.values():
            view = functools.partial(self._need_part, cell.key, cell.segment, cell.parts)
            found += self._parts(cell.parts, f"{cell.key} {cell.segment.name}", _map_of_entry, view)
        found.append(GeneratedPage(METAPHORS_PAGE, PageKind.METAPHORS, self.metaphors_page, in_nav=True))
        for metaphor, parts in self.metaphor_parts:
            found += self._parts(
                parts, metaphor.name, _itself, functools.partial(self._metaphor_part, metaphor.name, parts)
            )
        found.append(GeneratedPage(REVIEW_PAGE, PageKind.REVIEW, self.review_page, in_nav=True))
        for (name, _), owner_parts in self.review_parts:
            view = functools.partial(self._review_part, name, owner_parts)
            found += self._parts(owner_parts, name, _map_of_overdue, view)
        # Account names, coverage and map titles: the maps are searchable, an account is a search filter.
        found.append(GeneratedPage(ACCOUNTS_PAGE, PageKind.ACCOUNTS, self.accounts_page, in_nav=True, searchable=False))
        return found

    @staticmethod
    def _parts(
        parts: Sequence[Part[T]], name: str, map_of: Callable[[T], EmpathyMap], view: Callable[[Part[T]], PageView]
    ) -> list[GeneratedPage]:
        """The pages of a group. Each shows the maps of its own entries, and of the rest of its group only
        the group's name, its size and its pages: what a rebuild compares (rebuild.py)."""
        shows = [tuple(map_of(entry).path for entry in part.entries) for part in parts]
        # Joined by NUL, which no file name holds: cheaper than a repr, for thousands of entries.
        group = "\0".join([repr(name), *(path for paths in shows for path in paths)])
        return [
            GeneratedPage(part.path, PageKind.INDEX_PART, view(part), searchable=False, shows=paths, group=group)
            for part, paths in zip(parts, shows, strict=True)
        ]

    @cached_property
    def segments(self) -> list[Segment]:
        return segments(self.r.playbook.overview())

    @cached_property
    def segment_parts(self) -> list[tuple[Segment, list[Part[EmpathyMap]]]]:
        return [(segment, split(segment_page(segment), segment.maps, self.size)) for segment in self.segments]

    @cached_property
    def matrix(self) -> NeedMatrix:
        return need_matrix(
            self.r.playbook.needs(self.r.vocabulary),
            self.segments,
            self.size,
            lambda key, segment: f"needs/{slugify(key)}/{segment.slug}",
        )

    @cached_property
    def metaphor_parts(self) -> list[tuple[Metaphor, list[Part[EmpathyMap]]]]:
        metaphors = self.r.metaphors
        if sum(len(metaphor.maps) for metaphor in metaphors) <= self.size:
            return []
        return [(metaphor, split(f"metaphors/{metaphor.anchor}", metaphor.maps, self.size)) for metaphor in metaphors]

    @cached_property
    def by_owner(self) -> list[tuple[tuple[str, str], list[Overdue]]]:
        """((owner as shown, anchor), overdue maps) per owner, in review.overdue_maps' order."""
        groups: dict[str, list[Overdue]] = {}
        for item in overdue_maps(self.r.playbook.maps, self.r.settings.review_months, self.r.today):
            groups.setdefault(item.map.profile.owner, []).append(item)
        names = [owner or self.labels["review.no_owner"] for owner in groups]
        return list(zip(zip(names, unique_slugs(names), strict=True), groups.values(), strict=True))

    @cached_property
    def review_parts(self) -> list[tuple[tuple[str, str], list[Part[Overdue]]]]:
        if sum(len(items) for _, items in self.by_owner) <= self.size:
            return []
        return [
            ((name, anchor), split(f"review/{anchor}", items, self.size)) for (name, anchor), items in self.by_owner
        ]

    # -- needs ----------------------------------------------------------------------------------------

    def needs_page(self, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
        """The matrix of segments by need category, then per category its items (or its segments' pages)."""
        matrix, labels = self.matrix, self.labels
        urls = _Urls(url)
        keys = matrix.keys
        head = "".join(
            f'<th scope="col"><a class="ep-need ep-need--{escape(key)}" href="#{escape(key)}">{escape(self.r.need_label(key))}</a></th>'
            for key in keys
        )
        rows = []
        for segment in matrix.segments:
            cells = []
            for key in keys:
                cell = matrix.cell(key, segment)
                count = len(cell.entries)
                if count == 0:
                    cells.append('<td data-level="0">0</td>')
                    continue
                target = urls(cell.parts[0].path) if cell.parts else f"#{cell.anchor}"
                hint = labels["needs.cell"].format(need=self.r.need_label(key), segment=self._segment_name(segment))
                cells.append(
                    f'<td data-level="{matrix.level(count)}"><a href="{escape(target)}" title="{escape(hint)}">{count}</a></td>'
                )
            total = sum(len(matrix.cell(key, segment).entries) for key in keys)
            first = urls(f"{segment_page(segment)}.md")
            rows.append(
                f'<tr><th scope="row"><a href="{escape(first)}">{escape(self._segment_name(segment))}</a></th>{"".join(cells)}<td>{total}</td></tr>'
            )
        totals = [sum(len(matrix.cell(key, segment).entries) for segment in matrix.segments) for key in keys]
        foot = "".join(f"<td>{count}</td>" for count in totals) + f"<td>{sum(totals)}</td>"
        bodies = {key: Markup(self._needs_body(key, urls)) for key in keys}
        page = self.r.env.get_template("empathy_playbook/needs.html").render(
            head=Markup(head), rows=Markup("\n".join(rows)), foot=Markup(foot), bodies=bodies
        )
        headings = [Heading(key, self.r.need_label(key)) for key in keys]
        anchors = set() if matrix.paged else {cell.anchor for cell in matrix.cells.values() if cell.entries}
        return RenderedPage(labels["page.needs"], page, headings, anchors=anchors)

    def _needs_body(self, key: str, urls: _Urls) -> str:
        cells = [cell for segment in self.matrix.segments if (cell := self.matrix.cell(key, segment)).entries]
        if not cells:
            return f'<p class="ep-empty">{escape(self.labels["needs.none"])}</p>'
        if not self.matrix.paged:
            return "\n".join(
                f'<h3 id="{escape(cell.anchor)}">{escape(self._segment_name(cell.segment))}</h3>\n{self._need_list(cell.entries, urls)}'
                for cell in cells
            )
        rows = []
        for cell in cells:
            count = self.labels["count.items"].format(count=len(cell.entries))
            link = f'<a href="{escape(urls(cell.parts[0].path))}">{escape(self._segment_name(cell.segment))}</a>'
            rows.append(f"<li>{link} · {escape(count)}{self._page_links(cell.parts, None, urls, inline=True)}</li>")
        return (
            f'<p>{escape(self.labels["needs.segments"])}:</p>\n<ul class="ep-need-segments">\n'
            + "\n".join(rows)
            + "\n</ul>"
        )

    def _need_list(self, entries: Sequence[NeedEntry], urls: _Urls) -> str:
        """Items grouped by map: the map once, then its items, each linking to its section."""
        groups = []
        for m, found in by_map(entries):
            href = escape(urls(m.page_path))
            items = "".join(
                f'<li>{escape(plain_text(entry.item.text))} <a href="{href}#{escape(entry.section.key)}">'
                f"{escape(self.labels[entry.section.key] if entry.section.key else entry.section.heading)}</a></li>"
                for entry in found
            )
            groups.append(f'<li><a href="{href}">{escape(m.title)}</a><ul>{items}</ul></li>')
        return '<ul class="ep-need-list">\n' + "\n".join(groups) + "\n</ul>"

    def _need_part(
        self,
        key: str,
        segment: Segment,
        parts: list[Part[NeedEntry]] | tuple[Part[NeedEntry], ...],
        part: Part[NeedEntry],
    ) -> PageView:
        def render(url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
            urls = _Urls(url)
            need, name = self.r.need_label(key), self._segment_name(segment)
            count = len(self.matrix.cell(key, segment).entries)
            intro = self.labels["needs.cell_intro"].format(need=need, segment=name, count=count)
            title = self.labels["needs.cell"].format(need=need, segment=name)
            return self._part_page(
                title,
                intro,
                (f"{NEEDS_PAGE}#{key}", self.labels["needs.back"]),
                parts,
                part,
                self._need_list(part.entries, urls),
                urls,
            )

        return render

    # -- overview and segments --------------------------------------------------------------------------

    def overview_page(self, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
        """Every map: its data once as JSON for the script, the first screen as HTML, and the segment pages."""
        maps = self.r.playbook.overview()
        urls = _Urls(url)
        shown = maps if len(maps) <= self.size else maps[:STATIC_ROWS]
        labels = self.labels
        segment_links = " · ".join(
            f'<a href="{escape(urls(parts[0].path))}">{escape(self._segment_name(segment))}</a> ({len(segment.maps)})'
            for segment, parts in self.segment_parts
        )
        page = self.r.env.get_template("empathy_playbook/overview.html").render(
            total=len(maps),
            shown=len(shown),
            rows=Markup(self._map_rows(shown, urls)),
            segment_links=Markup(segment_links),
            data=Markup(script_json(self._overview_data(maps, urls))),
            compare=url(COMPARE_PAGE),
        )
        # The search index reads the page without its data: the maps are found on their own pages.
        search = page.split('<script type="application/json"', 1)[0]
        return RenderedPage(labels["page.overview"], page, wide=True, search_html=search)

    def _map_rows(self, maps: Sequence[EmpathyMap], urls: _Urls) -> str:
        """The overview's table rows (the script makes the same from the JSON data)."""
        labels, rows = self.labels, []
        for m in maps:
            p = m.profile
            account = self.r.account_of(m)
            # f-strings only: adding str and Markup would escape the str a second time.
            title = f'<a href="{escape(urls(m.page_path))}">{escape(m.title)}</a>{_sub(escape(p.role))}'
            account_link = (
                f'<a href="{escape(urls(account_page(account.slug)))}">{escape(p.account)}</a>' if account else ""
            )
            organisation = f"{escape(p.organisation)}{_sub(account_link)}"
            market = escape(labels[f"market.{p.market}"]) if p.market else ""
            segment = f"{escape(p.segment)}{_sub(market)}"
            roles = escape(", ".join(labels[f"role.{role}"] for role in p.buying_roles))
            metaphors = ", ".join(
                f'<a href="{escape(urls(f"{METAPHORS_PAGE}#{self.r.metaphor_anchor(name)}"))}">{escape(name)}</a>'
                for name in p.metaphors
            )
            rows.append(
                f"<tr><td>{title}</td><td>{organisation}</td><td>{segment}</td><td>{roles}</td><td>{metaphors}</td></tr>"
            )
        return "\n".join(rows)

    def _overview_data(self, maps: Sequence[EmpathyMap], urls: _Urls) -> dict[str, object]:
        """The overview's maps for the script, compact: repeated values (segments, accounts, ...) once, by index."""
        labels = self.labels
        tables: dict[str, list[object]] = {
            key: [] for key in ("accounts", "segments", "markets", "roles", "needs", "metaphors")
        }
        indexes: dict[tuple[str, str], int] = {}

        def index(table: str, key: str, value: object) -> int:
            if (table, key) not in indexes:
                indexes[(table, key)] = len(tables[table])
                tables[table].append(value)
            return indexes[(table, key)]

        for key in self.r.vocabulary.need_keys:
            index("needs", key, self.r.need_label(key))
        rows = []
        for m in maps:
            p = m.profile
            account = self.r.account_of(m)
            needs = sorted(
                {need for _, item in m.items() for need in item.needs}, key=self.r.vocabulary.need_keys.index
            )
            rows.append(
                [
                    m.title,
                    urls(m.page_path),
                    p.role,
                    p.organisation,
                    index("accounts", account.slug, [account.name, urls(account_page(account.slug))])
                    if account
                    else -1,
                    index("segments", p.segment.casefold(), p.segment) if p.segment else -1,
                    index("markets", p.market, labels[f"market.{p.market}"]) if p.market else -1,
                    [index("roles", role, labels[f"role.{role}"]) for role in p.buying_roles],
                    [index("needs", need, "") for need in needs],
                    [
                        index(
                            "metaphors",
                            name.casefold(),
                            [name, urls(f"{METAPHORS_PAGE}#{self.r.metaphor_anchor(name)}")],
                        )
                        for name in p.metaphors
                    ],
                    " ".join(p.tags),
                ]
            )
        return {**tables, "rows": rows}

    def _segment_part(self, segment: Segment, parts: list[Part[EmpathyMap]], part: Part[EmpathyMap]) -> PageView:
        def render(url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
            urls = _Urls(url)
            name = self._segment_name(segment)
            intro = self.labels["segment.intro"].format(segment=name, count=len(segment.maps))
            table = self.r.env.get_template("empathy_playbook/partials/maps_table.html").render(
                rows=Markup(self._map_rows(part.entries, urls))
            )
            return self._part_page(
                self.labels["segment.title"].format(segment=name),
                intro,
                (OVERVIEW_PAGE, self.labels["page.overview"]),
                parts,
                part,
                table,
                urls,
            )

        return render

    # -- metaphors, review, accounts ------------------------------------------------------------------------

    def metaphors_page(self, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
        metaphors = self.r.metaphors
        if not self.metaphor_parts:
            page = self.r.env.get_template("empathy_playbook/metaphors.html").render(
                metaphors=metaphors, url=url, groups=""
            )
            headings = [Heading(metaphor.anchor, metaphor.name) for metaphor in metaphors]
            return RenderedPage(self.labels["page.metaphors"], page, headings)
        urls = _Urls(url)
        groups = self._groups(
            (metaphor.anchor, metaphor.name, urls(parts[0].path), len(metaphor.maps))
            for metaphor, parts in self.metaphor_parts
        )
        page = self.r.env.get_template("empathy_playbook/metaphors.html").render(
            metaphors=metaphors, url=url, groups=groups
        )
        return RenderedPage(self.labels["page.metaphors"], page, anchors={m.anchor for m in metaphors})

    def _metaphor_part(self, name: str, parts: list[Part[EmpathyMap]], part: Part[EmpathyMap]) -> PageView:
        def render(url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
            urls = _Urls(url)
            rows = []
            for m in part.entries:
                extra = "".join(
                    f' <span class="ep-muted">· {escape(value)}</span>'
                    for value in (m.profile.role, m.profile.organisation)
                    if value
                )
                rows.append(f'<li><a href="{escape(urls(m.page_path))}">{escape(m.title)}</a>{extra}</li>')
            count = sum(len(p.entries) for p in parts)
            return self._part_page(
                self.labels["metaphor.title"].format(metaphor=name),
                self.labels["metaphor.intro"].format(metaphor=name, count=count),
                (METAPHORS_PAGE, self.labels["page.metaphors"]),
                parts,
                part,
                '<ul class="ep-metaphor-maps">\n' + "\n".join(rows) + "\n</ul>",
                urls,
            )

        return render

    def review_page(self, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
        months = self.r.settings.review_months
        template = self.r.env.get_template("empathy_playbook/review.html")
        if not self.review_parts:
            by_owner = [
                (name, anchor, Markup(self._review_rows(items, _Urls(url)))) for (name, anchor), items in self.by_owner
            ]
            page = template.render(by_owner=by_owner, months=months, groups="")
            return RenderedPage(
                self.labels["page.review"], page, [Heading(anchor, name) for name, anchor, _ in by_owner]
            )
        urls = _Urls(url)
        groups = self._groups(
            (anchor, name, urls(parts[0].path), sum(len(p.entries) for p in parts))
            for (name, anchor), parts in self.review_parts
        )
        page = template.render(by_owner=[], months=months, groups=groups)
        return RenderedPage(self.labels["page.review"], page, anchors={anchor for (_, anchor), _ in self.review_parts})

    def _review_rows(self, items: Sequence[Overdue], urls: _Urls) -> str:
        never = escape(self.labels["review.never"])
        return "\n".join(
            f'<tr><td><a href="{escape(urls(item.map.page_path))}">{escape(item.map.title)}</a></td>'
            f"<td>{item.map.profile.reviewed.isoformat() if item.map.profile.reviewed else never}</td>"
            f"<td>{'' if item.months_ago is None else item.months_ago}</td></tr>"
            for item in items
        )

    def _review_part(self, name: str, parts: list[Part[Overdue]], part: Part[Overdue]) -> PageView:
        def render(url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
            urls = _Urls(url)
            table = self.r.env.get_template("empathy_playbook/partials/review_table.html").render(
                rows=Markup(self._review_rows(part.entries, urls))
            )
            count = sum(len(p.entries) for p in parts)
            return self._part_page(
                self.labels["review.title"].format(owner=name),
                self.labels["review.owner_intro"].format(owner=name, count=count),
                (REVIEW_PAGE, self.labels["page.review"]),
                parts,
                part,
                table,
                urls,
            )

        return render

    def accounts_page(self, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
        """Every account with the roles it covers and its open points, the weakest first."""
        accounts = sorted(self.r.accounts, key=lambda a: (-len(self.r.coverage(a).gaps), a.name.casefold()))
        template = self.r.env.get_template("empathy_playbook/accounts.html")
        if sum(len(account.maps) for account in accounts) <= self.size:
            page = template.render(
                accounts=[(account, self.r.coverage(account)) for account in accounts],
                url=url,
                account_page=account_page,
                groups="",
            )
            headings = [Heading(a.slug, a.name) for a in accounts]
            return RenderedPage(self.labels["page.accounts"], page, headings)
        urls = _Urls(url)
        rows = [
            f'<li id="{escape(a.slug)}" data-open-gaps="{len(self.r.coverage(a).gaps)}">'
            f'<a href="{escape(urls(account_page(a.slug)))}">{escape(a.name)}</a>'
            f" · {escape(self.labels['count.maps'].format(count=len(a.maps)))}"
            f" · {escape(self.labels['count.open'].format(count=len(self.r.coverage(a).gaps)))}</li>"
            for a in accounts
        ]
        groups = Markup('<ul class="ep-groups">\n' + "\n".join(rows) + "\n</ul>")
        page = template.render(accounts=[], url=url, account_page=account_page, groups=groups)
        return RenderedPage(self.labels["page.accounts"], page, anchors={a.slug for a in accounts})

    # -- shared -------------------------------------------------------------------------------------------

    def _groups(self, groups: Iterable[tuple[str, str, str, int]]) -> Markup:
        """A compact list of groups, each with the anchor its entry had on the full index: one line per group."""
        rows = [
            f'<li id="{escape(anchor)}"><a href="{escape(href)}">{escape(name)}</a> · {escape(self.labels["count.maps"].format(count=count))}</li>'
            for anchor, name, href, count in groups
        ]
        return Markup('<ul class="ep-groups">\n' + "\n".join(rows) + "\n</ul>")

    def _part_page(
        self,
        title: str,
        intro: str,
        back: tuple[str, str],
        parts: Sequence[Part[object]],
        part: Part[object],
        body: str,
        urls: _Urls,
    ) -> RenderedPage:
        pages = self._page_links(parts, part, urls)
        page = self.r.env.get_template("empathy_playbook/part.html").render(
            intro=intro, back=urls(back[0]), back_label=back[1], pages=Markup(pages), body=Markup(body)
        )
        if len(parts) > 1:
            title = self.labels["page.part"].format(title=title, number=part.number, count=len(parts))
        return RenderedPage(title, page)

    def _page_links(
        self, parts: Sequence[Part[object]], current: Part[object] | None, urls: _Urls, inline: bool = False
    ) -> str:
        """Links to each page of a group; nothing for a group of one page."""
        if len(parts) < 2:
            return ""
        links = " ".join(
            f'<strong aria-current="page">{part.number}</strong>'
            if part is current
            else f'<a href="{escape(urls(part.path))}">{part.number}</a>'
            for part in parts
        )
        label = escape(self.labels["pages"])
        if inline:
            return f' · <span class="ep-pages">{label}: {links}</span>'
        return f'<nav class="ep-pages" aria-label="{label}">{label}: {links}</nav>'

    def _segment_name(self, segment: Segment) -> str:
        return segment.name or self.labels["segment.none"]


class _Urls:
    """`url` with a cache: an index links to the same few pages (a map, its account) many times."""

    def __init__(self, url: UrlFor) -> None:
        self.url = url
        self.cache: dict[str, str] = {}

    def __call__(self, target: str) -> str:
        if target not in self.cache:
            self.cache[target] = self.url(target)
        return self.cache[target]


def _itself(m: EmpathyMap) -> EmpathyMap:
    return m


def _map_of_entry(entry: NeedEntry) -> EmpathyMap:
    return entry.map


def _map_of_overdue(item: Overdue) -> EmpathyMap:
    return item.map


def _sub(html: str) -> str:
    """A second, smaller line in a table cell (the role under the name, the account under the organisation)."""
    return f'<span class="ep-sub">{html}</span>' if html else ""
