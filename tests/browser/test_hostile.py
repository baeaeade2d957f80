"""The hostile corpus (tests/corpus) in a real browser: every page opened, nothing of a map runs.

The corpus is built as a user would build it: leniently as a whole (maps with hostile file names
included, snippets enabled as in this repository's own mkdocs.yml), and strictly where a strict build
can pass (the maps that must produce no problem). Chromium opens every HTML document of both sites
with the pages' Content-Security-Policy switched off: the policy is a second wall, and this probes the
first, the sanitising. No dialog may open, no element, attribute or script a map wrote may be in the
DOM once the page's own scripts have run, and no request may leave the site's origin.

The compare view is probed with addresses anyone could write: it loads only map pages of the build.
"""

from __future__ import annotations

import codecs
import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Dialog, Page

from ..support import CORPUS, EXPECTED, GOOD_MAP, Site

NAMES: dict[str, str] = yaml.safe_load((CORPUS / "names.yml").read_text(encoding="utf-8"))

DECOY = """\
# Decoy

A page of the site that is not a map, with sections as a map page has them: the compare view must not load it.

<div data-section="sees"><p>DECOY-SEES</p><img src="decoy.png" onerror="alert('decoy')"></div>
<div data-section="pains"><p>DECOY-PAINS</p></div>
"""

MARKERS = re.compile(r"alert|msgbox|evil\.example|DECOY", re.IGNORECASE)
"""What the corpus's payloads (and the decoy) say: no script of a page may hold it."""
ACTIVE = {"iframe", "frame", "object", "embed", "applet", "base", "math"}
_UNSAFE_URL = re.compile(r"^(javascript|vbscript):", re.IGNORECASE)


def _name(key: str) -> str:
    """A path of names.yml as the file system gives it (`\\xff` is that byte, as on Linux)."""
    return os.fsdecode(codecs.escape_decode(key.encode())[0])


def _corpus_site(root: Path, names: list[str], *, hostile_names: bool) -> Site:
    site = Site(root)
    (site.root / "maps").mkdir()
    for name in names:
        shutil.copy(CORPUS / name, site.root / "maps" / name)
    if hostile_names:
        site.write("maps/good.md", GOOD_MAP)
        for name in NAMES:
            file = site.root / "maps" / _name(name)
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(GOOD_MAP, encoding="utf-8")
    site.configure(extra='  - pymdownx.snippets:\n      base_path: ["."]\n')
    site.write("secret.txt", "token=SECRET-IN-THE-CHECKOUT\n")
    site.write("docs/decoy.md", DECOY)
    return site


@pytest.fixture(scope="module")
def corpus_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both builds, side by side in one folder: `lenient/` (the whole corpus) and `strict/` (its clean maps)."""
    served = tmp_path_factory.mktemp("served")
    lenient = _corpus_site(tmp_path_factory.mktemp("lenient"), sorted(EXPECTED), hostile_names=True)
    lenient.build()
    assert not lenient.aborted, lenient.messages
    lenient.messages.clear()  # every problem of the corpus, checked by tests/test_corpus.py
    shutil.copytree(lenient.root / "site", served / "lenient")
    clean = [name for name, problems in EXPECTED.items() if not problems]
    assert len(clean) >= 3, clean
    strict = _corpus_site(tmp_path_factory.mktemp("strict"), clean, hostile_names=False)
    strict.build(strict=True)
    assert not strict.aborted, strict.messages
    assert strict.messages == []
    shutil.copytree(strict.root / "site", served / "strict")
    return served


@pytest.fixture(scope="module")
def origin(corpus_sites: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(corpus_sites)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@dataclass
class Visit:
    """What the browser did: the dialogs that opened (each dismissed) and every request it made."""

    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser: Browser) -> Iterator[tuple[Page, Visit]]:
    # bypass_csp: the pages' policy would stop an inline script too; the sanitising must stop it alone.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    record = Visit()
    context.on("request", lambda request: record.requests.append(request.url))
    page = context.new_page()

    def dismiss(dialog: Dialog) -> None:
        record.dialogs.append(f"{page.url}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    yield page, record
    context.close()


def injected(document: BeautifulSoup, origin: str) -> list[str]:
    """Everything in the live DOM that could run code or load from elsewhere, as 'element: why'."""
    found = []
    for element in document.find_all(True):
        name = element.name
        if name in ACTIVE:
            found.append(f"{element}: an active element")
        if name == "script":
            source = element.get("src")
            if isinstance(source, str) and source and urlsplit(source).netloc not in ("", urlsplit(origin).netloc):
                found.append(f"{element}: a script from elsewhere")
            if element.get("type") == "application/json":
                # Data for the page's own script (a map's title may say "alert"): never run, and with '<'
                # escaped nothing in it can close the element.
                json.loads(element.string or "null")
                if "<" in (element.string or ""):
                    found.append(f"{element}: markup in data")
            elif MARKERS.search(element.string or ""):
                found.append(f"{element}: a script a map wrote")
        if name in ("style", "link", "meta") and element.find_parent("body") is not None:
            found.append(f"{element}: {name} in the body")
        for attribute, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on"):
                found.append(f"{element}: an event handler")
            if attribute in ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"):
                if _UNSAFE_URL.match(re.sub(r"[\x00-\x20]", "", text)):
                    found.append(f"{element}: a script link")
                if attribute == "srcdoc":
                    found.append(f"{element}: srcdoc")
            if attribute == "style" and "url(" in text:
                found.append(f"{element}: a style that loads")
    return found


def _documents(corpus_sites: Path) -> list[str]:
    """Every HTML document of both builds but the decoy (hand-written, trusted, and hostile on purpose)."""
    documents = (path.relative_to(corpus_sites).as_posix() for path in corpus_sites.rglob("*.html"))
    return sorted(document for document in documents if "/decoy/" not in document)


def test_every_page_of_the_corpus_runs_nothing_injects_nothing_and_loads_only_from_its_origin(
    visit: tuple[Page, Visit], origin: str, corpus_sites: Path
) -> None:
    page, record = visit
    documents = _documents(corpus_sites)
    for name in EXPECTED:
        assert f"lenient/maps/{name[:-3]}/index.html" in documents, name
    assert "lenient/maps/good/index.html" in documents  # next to the hostile names, which are refused
    assert any(d.startswith("lenient/cards/") for d in documents)
    assert any(d.startswith("strict/maps/") for d in documents)
    problems = []
    for document in documents:
        page.goto(f"{origin}/{quote(document.removesuffix('index.html'))}", wait_until="load")
        # The page's own script has run when the loading is over; the DOM is read as it is now.
        page.locator("body").wait_for()
        live = BeautifulSoup(page.content(), "html.parser")
        problems += [f"{document}: {problem}" for problem in injected(live, origin)]
    assert record.dialogs == []
    assert problems == []
    elsewhere = sorted({url for url in record.requests if not url.startswith(f"{origin}/")})
    assert elsewhere == []
    assert len(record.requests) > len(documents)


def test_the_names_a_map_may_not_have_reach_no_navigation(visit: tuple[Page, Visit], origin: str) -> None:
    page, record = visit
    page.goto(f"{origin}/lenient/", wait_until="load")
    navigation = page.locator("nav.md-nav--primary")
    assert navigation.get_by_text("Test buyer").count() >= 1
    assert navigation.locator("img").count() == 0
    assert "onerror" not in navigation.inner_html()
    assert record.dialogs == []


# The compare view, with addresses written by hand.


def _address(origin: str, *pages: str) -> str:
    return f"{origin}/lenient/compare/#" + ",".join(quote(page, safe="") for page in pages)


def _compared(page: Page) -> list[str]:
    return page.locator("[data-ep-compare] thead th a").all_inner_texts()


def test_the_compare_view_loads_the_map_pages_it_is_given(visit: tuple[Page, Visit], origin: str) -> None:
    page, record = visit
    a, b = f"{origin}/lenient/maps/good/", f"{origin}/lenient/maps/tricky-headings/"
    page.goto(_address(origin, a, "../maps/personal-bands/", b))
    page.locator("[data-ep-compare] table:not([hidden]) thead th:nth-child(4)").wait_for()
    assert _compared(page) == ["Test buyer", "Bands are published", "Headings"]
    assert record.dialogs == []


@pytest.mark.parametrize(
    "hostile",
    [
        "{origin}/lenient/decoy/",  # a page of the site, but no map page
        "../decoy/",  # the same, relative to the compare page
        "{origin}/lenient/maps/good/?decoy",  # a map page, with a query the build never made
        "{origin}/lenient/maps/good/index.html",  # a map page, under an address the build never made
        "{origin}/lenient/search/search_index.json",
        "{origin}/lenient/maps/../decoy/",
        "//evil.example/maps/good/",
        "http://evil.example/lenient/maps/good/",
        "javascript:alert(1)",
        "%E0%A4%A",  # not even an address
    ],
)
def test_the_compare_view_loads_and_links_nothing_but_map_pages_of_the_build(
    visit: tuple[Page, Visit], origin: str, hostile: str
) -> None:
    page, record = visit
    good, other = f"{origin}/lenient/maps/good/", f"{origin}/lenient/maps/tricky-headings/"
    address = hostile.format(origin=origin)
    # With one map beside it, the view has nothing to compare; with two, it compares those two alone.
    page.goto(_address(origin, address, good), wait_until="load")
    assert page.locator("[data-ep-compare] .ep-empty").is_visible()
    assert page.locator("[data-ep-compare] table").is_hidden()
    page.goto("about:blank")  # else only the hash changes, and the page stays
    page.goto(_address(origin, good, address, other), wait_until="load")
    page.locator("[data-ep-compare] table:not([hidden]) thead th:nth-child(3)").wait_for()
    assert _compared(page) == ["Test buyer", "Headings"]
    links = page.locator("[data-ep-compare] thead th a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [good, other]
    assert "DECOY" not in page.locator("[data-ep-compare]").inner_text()
    assert record.dialogs == []
    fetched = {url.split("#")[0] for url in record.requests}
    assert [url for url in fetched if not url.startswith(f"{origin}/")] == []
    assert {url for url in fetched if "/lenient/maps/" in url} == {good, other}
    assert [url for url in fetched if "decoy" in url or "search_index" in url] == []
