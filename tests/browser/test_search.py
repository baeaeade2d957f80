"""Search as a reader uses it: the header's box over the Pagefind index, in Chromium.

The first tests search the browser suite's own playbooks (Dutch at the root, English under en/); the
others tests/search_playbook.py, a playbook made for search (facets, stems, a real person's data), built
once into a tmp folder and served on localhost, with a copy without its index for a site not indexed.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Locator, Page, expect

from ..search_playbook import write_search_playbook
from ..support import OpenPage

AXE = Axe()

# As long as wait_for_function waited: the first search loads Pagefind and its index.
expect.set_options(timeout=30_000)


def search(page: Page, phrase: str) -> list[str]:
    """Type `phrase` into the search box; the links of the results (pages and their sections)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(phrase, delay=20)  # typed, as a person does
    # The list says which search it shows: wait for the whole phrase's, not a half-typed one's.
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", phrase)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.getAttribute('href'))")
    return [href.partition("#")[0].split("?")[0] + "#" + href.partition("#")[2] for href in hrefs]


@pytest.mark.parametrize(
    ("start", "phrase", "expected"),
    [
        ("", "Operatieassistententekort", "maps/zorg/chirurg/"),  # one item, in one map only
        ("", "businesscase", "maps/zorg/directeur/"),
        ("", "Racefiets", "metaphors/"),  # an index page
        ("en/", "quotes", "en/maps/retail/buyer/"),  # the English playbook's own index
    ],
)
def test_a_phrase_finds_its_page(page_at: OpenPage, start: str, phrase: str, expected: str) -> None:
    page = page_at(start)
    links = search(page, phrase)
    assert any(expected in link for link in links), links


def test_a_result_lands_on_the_section_that_holds_the_item(page_at: OpenPage) -> None:
    page = page_at("")
    links = search(page, "Operatieassistententekort")
    assert any(link.endswith("maps/zorg/chirurg/#pains") for link in links), links


@pytest.fixture(scope="module")
def search_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = write_search_playbook(tmp_path_factory.mktemp("search-playbook"))
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    site = root / "site"
    shutil.copytree(site, site / "unbuilt", ignore=shutil.ignore_patterns("pagefind"))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_page(browser: Browser, search_url: str) -> Iterator[Callable[..., Page]]:
    contexts = []

    def open_at(path: str = "", dark: bool = False) -> Page:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark" if dark else "light")
        contexts.append(context)
        page = context.new_page()
        page.goto(search_url + path)
        return page

    yield open_at
    for context in contexts:
        context.close()


def search_by_keyboard(page: Page, phrase: str, shortcut: str = "/") -> Locator:
    """Open the search with the theme's shortcut and type `phrase` as a person does; the results list."""
    page.keyboard.press(shortcut)
    box = page.locator("input.md-search__input")
    assert box.evaluate("element => element === document.activeElement")
    page.keyboard.type(phrase, delay=15)
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", phrase)
    return page.locator(".md-search-result__item")


def status(page: Page) -> str:
    return page.locator(".md-search-result__meta").inner_text()


def test_a_phrase_in_one_map_item_leads_to_its_section(open_page: Callable[..., Page]) -> None:
    page = open_page("lezen/")
    results = search_by_keyboard(page, "Personeelschaarste op de operatiekamer")
    assert results.count() == 1
    assert status(page) == "1 resultaat"
    result = results.first
    assert result.locator("h1").inner_text() == "Orthopedisch arts"
    section = result.locator("a[href$='/maps/zorg/arts/#pains']")
    assert section.locator("h2").inner_text() == "Frustraties"
    assert section.locator("mark").first.inner_text() == "Personeelschaarste"
    # The excerpt, without the heading it would start with (shown just above it).
    assert section.locator(".md-search-result__teaser").inner_text() == "Personeelschaarste op de operatiekamer."
    # The arrows walk the results, Enter opens one: the reader lands on the section.
    for _ in range(5):
        page.keyboard.press("ArrowDown")
        if page.evaluate("document.activeElement.getAttribute('href') || ''").endswith("#pains"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/maps/zorg/arts/#pains")
    assert page.locator("#__search").is_checked() is False


def test_two_facets_narrow_the_results_and_show_their_counts(open_page: Callable[..., Page]) -> None:
    page = open_page()
    results = search_by_keyboard(page, "operatiekamer", shortcut="s")
    assert results.count() == 3 and status(page) == "3 resultaten"

    def facet(name: str) -> Locator:
        group = page.locator("details.ep-search__facet", has=page.locator("summary", has_text=name))
        if not group.evaluate("element => element.open"):
            group.locator("summary").click()
        return group

    def counts(group: Locator) -> dict[str, str]:
        labels = group.locator("label").all()
        return {
            label.locator(".ep-search__value").inner_text(): label.locator(".ep-search__count").inner_text()
            for label in labels
        }

    market = facet("Markt")
    assert counts(market) == {"B2B": "2", "B2C": "1"}
    market.get_by_label("B2B").check()
    expect(page.locator(".md-search-result__item")).to_have_count(2)
    role = facet("Rol in de beslissing")
    assert counts(role) == {"Beslisser": "1", "Inkoper": "1", "Poortwachter": "1"}
    role.get_by_label("Beslisser").check()
    expect(page.locator(".md-search-result__item")).to_have_count(1)
    assert status(page) == "1 resultaat"
    assert results.first.locator("h1").inner_text() == "Orthopedisch arts"
    # The filters alone, without a word, list the maps they select.
    page.locator("input.md-search__input").fill("")
    expect(page.locator(".md-search-result__meta")).to_have_text("1 resultaat")
    page.locator(".ep-search__clear").click()
    expect(page.locator(".md-search-result__item")).to_have_count(0)


def test_a_dutch_word_is_found_by_its_stem(open_page: Callable[..., Page]) -> None:
    page = open_page()
    results = search_by_keyboard(page, "prullenbak")
    assert results.first.locator("h1").inner_text() == "Orthopedisch arts"
    section = results.first.locator("a[href$='#sees']")
    assert section.locator("mark").first.inner_text() == "prullenbakken"


def test_the_personal_data_of_a_real_person_is_not_found(open_page: Callable[..., Page]) -> None:
    page = open_page()
    results = search_by_keyboard(page, "zeldzaamwoord")  # the map itself is found...
    assert results.first.locator("h1").inner_text() == "Directeur"
    box = page.locator("input.md-search__input")
    box.fill("Geheimnaam")
    # Locators, not wait_for_function: the page's Content-Security-Policy forbids the eval that the latter needs.
    expect(page.locator(".md-search-result__meta")).to_have_text("Niets gevonden.")
    assert results.count() == 0  # ...its real person's name is not


def test_a_site_without_its_index_says_so(open_page: Callable[..., Page]) -> None:
    page = open_page("unbuilt/")
    page.keyboard.press("/")
    page.keyboard.type("operatiekamer")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("^Zoeken werkt op de gebouwde site"))
    page.keyboard.press("Escape")
    assert page.locator("#__search").is_checked() is False


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_serious_accessibility_violation_with_results_and_filters_open(
    open_page: Callable[..., Page], dark: bool
) -> None:
    page = open_page(dark=dark)
    search_by_keyboard(page, "operatiekamer")
    page.locator("details.ep-search__facet summary").first.click()
    page.locator(".ep-search__values input").first.check()
    page.wait_for_selector(".ep-search__clear")
    # The footer lies under the theme's dimming overlay while the search is open; the page tests check it.
    violations = AXE.run(page, context={"exclude": [[".md-footer"]]}).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
