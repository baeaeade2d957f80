"""The built site in a real browser: Debian's Chromium, driven by Playwright, over HTTP on localhost.

Without Chromium these tests skip, saying how to install it; with CI set, a missing browser fails them.
Playwright's own browser download is neither needed nor wanted: the system Chromium is launched
by its path.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from ..support import CHROMIUM_ARGS, OpenPage, debian_program
from .playbook import (
    DUTCH_DOCS,
    DUTCH_MAPS,
    DUTCH_ONBOARDING,
    ENGLISH_DOCS,
    ENGLISH_MAPS,
    ENGLISH_ONBOARDING,
    LONG_MAP,
    build_site,
    write_playbook,
)


@pytest.fixture(scope="session")
def chromium() -> str:
    return debian_program("chromium")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' own playbooks, built strict: the Dutch one at the root, the English one under en/,
    and under stress/ the Dutch one with a map made to stretch the layout."""
    dutch = write_playbook(
        tmp_path_factory.mktemp("nl"), language="nl", maps=DUTCH_MAPS, docs=DUTCH_DOCS, steps=DUTCH_ONBOARDING
    )
    english = write_playbook(
        tmp_path_factory.mktemp("en"), language="en", maps=ENGLISH_MAPS, docs=ENGLISH_DOCS, steps=ENGLISH_ONBOARDING
    )
    site = tmp_path_factory.mktemp("site")
    build_site(dutch, site)
    build_site(english, site / "en")
    items = "\n".join(
        f"- Punt {n} in een lange lijst met genoeg tekst om de regel te vullen. #functioneel" for n in range(12)
    )
    (dutch / "maps" / "test" / "lang.md").parent.mkdir()
    (dutch / "maps" / "test" / "lang.md").write_text(LONG_MAP.format(items=items), encoding="utf-8")
    build_site(dutch, site / "stress")
    return site


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_at(browser: Browser, base_url: str) -> Iterator[OpenPage]:
    """open(path, width=1280, height=800, dark=False) → a Playwright page at that URL, closed after the test."""
    contexts = []

    def open_page(path: str, width: int = 1280, height: int = 800, dark: bool = False) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme="dark" if dark else "light"
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(base_url + path)
        return page

    yield open_page
    for context in contexts:
        context.close()
