"""A playbook of many maps in a browser: the needs matrix, the overview's search, sorting and address, and
the index pages' budget. The playbook is generated here, with a small `index_page_size`, so that every
index has to split itself into pages the way it does at thousands of maps."""

from __future__ import annotations

import datetime
import functools
import http.server
import itertools
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from ..support import attribute, one
from .playbook import build_site, write_playbook

PAGE_SIZE = 30
COUNT = 130  # more than the overview writes into its HTML (100): the rest come from its data as you scroll
SEGMENTS = ["Zorg", "Bouw", "Onderwijs"]
ROLES = ["Inkoper", "Directeur", "Facility manager"]
TAGS = ["#functioneel", "#economisch", "#psychologisch"]
HEADINGS = ["Ziet", "Hoort", "Denkt en voelt", "Zegt en doet", "Frustraties", "Wil bereiken"]


def title(n: int) -> str:
    return f"Koper {n:03d}"


def segment(n: int) -> str:
    return "" if n % 10 == 9 else SEGMENTS[n % 3]


def organisation(n: int) -> str:
    return f"Organisatie {chr(ord('A') + n % 26)}{n // 26}"


def item(n: int, section: int) -> str:
    return f"Punt {n}-{section} van {title(n)}"


def scale_map(n: int) -> str:
    lines = [
        "---",
        f"title: {title(n)}",
        f"role: {ROLES[n % 3]}",
        f"organisation: {organisation(n)}",
        *([f"segment: {segment(n)}"] if segment(n) else []),
        f"account: Account {n // 4}",
        f"metaphor: {['Racefiets', 'Schaakspel'][n % 2]}",
        f"owner: Eigenaar {n % 3}",
        # Half overdue, half reviewed today (a review date in the future is an error).
        f"reviewed: {'2020-01-01' if n % 2 else datetime.date.today().isoformat()}",
        f"tags: [label{n % 7}]",
        "---",
        "",
    ]
    for section, heading in enumerate(HEADINGS):
        lines += [f"## {heading}", "", f"- {item(n, section)}. {TAGS[(n + section) % 3]}", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def scale_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    maps = {f"{segment(n).lower() or 'overig'}/koper-{n:03d}.md": scale_map(n) for n in range(COUNT)}
    root = write_playbook(
        tmp_path_factory.mktemp("scale"), language="nl", maps=maps, docs={"index.md": "# Playbook\n"}, steps=[]
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("      onboarding:\n\n", f"      index_page_size: {PAGE_SIZE}\n"))
    site = tmp_path_factory.mktemp("scale-site")
    build_site(root, site)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_page(browser: Browser, scale_url: str) -> Iterator[Callable[..., Page]]:
    contexts = []

    def open_(path: str, width: int = 1280, height: int = 800, javascript: bool = True) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.goto(scale_url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


def titles(page: Page) -> list[str]:
    return page.locator(".ep-overview tbody tr td:nth-child(2) > a").all_inner_texts()


# -- the needs matrix -------------------------------------------------------------------------------------


def test_the_needs_matrix_is_a_table_of_segments_by_need_with_shaded_counts(open_page: Callable[..., Page]) -> None:
    page = open_page("needs/")
    table = page.locator(".ep-matrix table")
    assert table.locator("caption").count() == 1
    assert table.locator("thead th[scope=col]").all_inner_texts() == [
        "Segment",
        "Functioneel",
        "Economisch",
        "Psychologisch",
        "Totaal",
    ]
    assert table.locator("tbody th[scope=row]").all_inner_texts() == ["Bouw", "Onderwijs", "Zorg", "Geen segment"]
    cells = page.evaluate(
        """() => [...document.querySelectorAll('.ep-matrix tbody td[data-level]')].map(td => ({
            count: Number(td.textContent), level: Number(td.dataset.level), href: td.querySelector('a')?.href || null,
            background: getComputedStyle(td).backgroundColor}))"""
    )
    expected: dict[tuple[str, str], int] = {}
    for n in range(COUNT):
        for section in range(len(HEADINGS)):
            key = (segment(n) or "Geen segment", TAGS[(n + section) % 3])
            expected[key] = expected.get(key, 0) + 1
    rows = ["Bouw", "Onderwijs", "Zorg", "Geen segment"]
    assert [cell["count"] for cell in cells] == [expected.get((row, tag), 0) for row in rows for tag in TAGS]
    # Shaded by count: more items, a darker (or equal) shade; the busiest cell the darkest.
    ranked = sorted(cells, key=lambda cell: cell["count"])
    assert [cell["level"] for cell in ranked] == sorted(cell["level"] for cell in ranked)
    assert ranked[-1]["level"] == 5 and ranked[0]["level"] >= 1
    assert ranked[-1]["background"] != ranked[0]["background"] or ranked[-1]["count"] == ranked[0]["count"]
    assert all(cell["href"] for cell in cells if cell["count"])  # each number leads to its items


def test_every_tagged_item_is_within_three_clicks_of_the_needs_index_on_pages_within_budget(
    open_page: Callable[..., Page], scale_url: str
) -> None:
    """Crawl the links from needs/ three clicks deep, as a reader would, reading only needs pages."""
    page = open_page("needs/")
    start = page.url
    seen, found = {start}, set()
    queue = deque([(start, 0)])
    while queue:
        url, depth = queue.popleft()
        html = page.evaluate("url => fetch(url).then(r => r.text())", url)
        soup = BeautifulSoup(html, "html.parser")
        article = one(soup, "article")
        items = article.select(".ep-need-list ul > li")
        assert len(items) <= PAGE_SIZE, url  # the page budget
        found |= {" ".join(str(li.contents[0]).split()) for li in items}
        if depth == 3:
            continue
        for a in article.select("a[href]"):
            target = urljoin(url, attribute(a, "href")).split("#")[0]
            if urlsplit(target).path.startswith("/needs/") and target not in seen:
                seen.add(target)
                queue.append((target, depth + 1))
    tagged = {f"{item(n, section)}." for n in range(COUNT) for section in range(len(HEADINGS))}
    assert found == tagged
    assert len(seen) > 4  # the items really are spread over pages of their own


def test_the_needs_chips_anchors_still_land_on_their_category(open_page: Callable[..., Page]) -> None:
    page = open_page("maps/zorg/koper-000/")
    chip = page.locator("a.ep-need").first
    href = chip.get_attribute("href")
    assert href is not None
    key = href.rsplit("#", 1)[1]
    chip.click()
    assert page.url.endswith(f"/needs/#{key}")
    heading = page.locator(f"h2#{key}")
    heading.wait_for(state="visible")  # the needs page may still be loading on a busy machine
    # Under the category: its segments, each leading to the pages of its items.
    assert heading.locator("xpath=following-sibling::ul[1]").locator("a").count() >= 4


# -- the overview -------------------------------------------------------------------------------------------


def test_the_overview_finds_a_buyer_by_typing_part_of_any_field(open_page: Callable[..., Page]) -> None:
    page = open_page("maps/")
    box = page.get_by_label("Zoek een klant")
    box.press_sequentially("per 01")
    assert titles(page) == [title(n) for n in range(10, 20)]
    assert page.locator(".ep-filters output").inner_text() == f"{len(titles(page))} van {COUNT} maps"
    for query, expected in [
        ("facility", [title(n) for n in range(COUNT) if n % 3 == 2]),  # role
        (organisation(27), [title(27)]),  # organisation
        ("account 31", [title(n) for n in range(124, 128)]),  # account (what is typed is looked for within a field)
        ("label6", [title(n) for n in range(COUNT) if n % 7 == 6]),  # tag
        ("KÓPER 005", [title(5)]),  # case and accents do not matter
        ("niemand", []),
    ]:
        box.fill(query)
        assert titles(page) == expected, query
    assert page.locator(".ep-overview .ep-empty").is_visible()


def test_the_overview_draws_further_rows_as_the_reader_scrolls(open_page: Callable[..., Page]) -> None:
    page = open_page("maps/")
    assert len(titles(page)) == 100
    page.locator(".ep-more").scroll_into_view_if_needed()
    page.locator(".ep-overview tbody tr").nth(COUNT - 1).wait_for()
    assert titles(page) == [title(n) for n in range(COUNT)]


def test_the_overview_columns_sort(open_page: Callable[..., Page]) -> None:
    page = open_page("maps/")
    page.get_by_role("button", name="Klant").click()
    assert titles(page)[:3] == [title(COUNT - 1), title(COUNT - 2), title(COUNT - 3)]
    assert page.locator("th[data-sort=title]").get_attribute("aria-sort") == "descending"
    page.get_by_role("button", name="Organisatie").click()
    assert page.locator("th[data-sort=title]").get_attribute("aria-sort") is None
    assert page.locator("th[data-sort=organisation]").get_attribute("aria-sort") == "ascending"
    shown = page.locator(".ep-overview tbody tr td:nth-child(3)").all_inner_texts()
    organisations = [text.split("\n")[0] for text in shown]
    everything = sorted(
        (organisation(n) for n in range(COUNT)),
        key=lambda text: [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text)],
    )
    assert organisations == everything[: len(organisations)]


def test_the_overview_keeps_its_filters_in_the_address(open_page: Callable[..., Page], scale_url: str) -> None:
    page = open_page("maps/")
    page.get_by_label("Zoek een klant").fill("01")
    page.select_option(".ep-filters select[name=segment]", "Zorg")
    page.get_by_role("button", name="Klant").click()
    expected = [title(n) for n in reversed(range(COUNT)) if segment(n) == "Zorg" and "01" in f"{n:03d}"]
    assert titles(page) == expected
    address = page.url
    assert "find=01" in address and "segment=Zorg" in address and "order=desc" in address
    page.reload()
    assert titles(page) == expected
    assert page.get_by_label("Zoek een klant").input_value() == "01"
    shared = open_page(address.removeprefix(scale_url))  # a colleague opens the link
    assert titles(shared) == expected
    page.go_back()  # before the sort
    assert titles(page) == list(reversed(expected))
    page.go_back()  # before the segment
    assert page.locator(".ep-filters select[name=segment]").input_value() == ""
    assert titles(page) == [title(n) for n in range(COUNT) if "01" in f"{n:03d}"]
    page.go_forward()
    assert titles(page) == list(reversed(expected))
    page.locator(".ep-overview tbody a").first.click()
    page.go_back()  # back from a map: the list as it was left
    assert titles(page) == list(reversed(expected))


def test_the_overview_fills_the_width_without_clipping(open_page: Callable[..., Page]) -> None:
    for width, height in [(1280, 800), (1920, 1080)]:
        page = open_page("maps/", width, height)
        assert page.locator(".md-sidebar--secondary").is_hidden()  # no table of contents
        geometry = page.evaluate(
            """() => {
                const table = document.querySelector('.ep-overview table');
                const content = document.querySelector('.md-content__inner');
                const clipped = [...table.querySelectorAll('th, td, a, span')]
                    .filter(el => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0).length;
                return {table: table.getBoundingClientRect().width, content: content.getBoundingClientRect().width,
                        scroll: table.parentElement.scrollWidth - table.parentElement.clientWidth, clipped,
                        page: document.documentElement.scrollWidth};
            }"""
        )
        assert geometry["table"] >= geometry["content"] - 2 * 16 * 1.2 - 2, (width, geometry)  # the content width
        assert geometry["scroll"] <= 0 and geometry["clipped"] == 0 and geometry["page"] <= width, (width, geometry)


def test_on_a_phone_the_overview_is_a_list_of_cards(open_page: Callable[..., Page]) -> None:
    page = open_page("maps/", 390, 844)
    cards = page.evaluate(
        """() => [...document.querySelectorAll('.ep-overview tbody tr')].slice(0, 5).map(tr => {
            const box = tr.getBoundingClientRect();
            return {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
        })"""
    )
    for first, second in itertools.pairwise(cards):
        assert second["top"] >= first["bottom"]  # one under the other
        assert first["left"] == pytest.approx(second["left"], abs=1) and first["right"] <= 390
        assert first["right"] - first["left"] > 300  # the width of the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_without_javascript_the_overview_leads_to_every_map(open_page: Callable[..., Page], scale_url: str) -> None:
    page = open_page("maps/", javascript=False)
    found = set(page.locator(".ep-overview tbody td:first-child > a").all_inner_texts())
    assert len(found) == 100 and page.locator(".ep-first-rows").is_visible()
    for link in page.locator(".ep-by-segment a").all():
        segment_page = open_page(urlsplit(urljoin(page.url, link.get_attribute("href"))).path[1:], javascript=False)
        found |= {a.inner_text() for a in segment_page.locator(".ep-overview tbody td:first-child > a").all()}
        for other in segment_page.locator("nav.ep-pages a").all():
            part = open_page(
                urlsplit(urljoin(segment_page.url, other.get_attribute("href"))).path[1:], javascript=False
            )
            found |= {a.inner_text() for a in part.locator(".ep-overview tbody td:first-child > a").all()}
    assert found == {title(n) for n in range(COUNT)}
