"""A private playbook in a real browser: every page served by nginx with the shipped configuration.

Chromium loads every HTML document of the tests' built playbooks (maps, indexes, account pages,
meeting cards, onboarding, compare, review, 404) through nginx, with its Content-Security-Policy
header and each page's own policy enforced, and uses the search, the compare view and the palette
toggle. Every network request is recorded: all must go to the site's own origin, and the console
must show no policy violation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from ..nginx_server import nginx

# Lets the test see each violation as an event, on top of the console message the browser prints.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def served(site_dir: Path) -> Iterator[str]:
    with nginx(site_dir) as url:
        yield url


@dataclass
class Visit:
    """What the browser did while the test used the site: every request and every policy complaint."""

    requests: list[str] = field(default_factory=list)
    complaints: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser: Browser, served: str) -> Iterator[tuple[Page, Visit]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    record = Visit()
    context.add_init_script(WATCH_VIOLATIONS)
    context.on("request", lambda request: record.requests.append(request.url))
    page = context.new_page()
    page.on(
        "console",
        lambda message: record.complaints.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: record.complaints.append(f"page error: {error}"))
    yield page, record
    context.close()


def _violations(page: Page) -> list[str]:
    found: list[str] = page.evaluate("window.__violations || []")
    return found


def test_every_page_loads_only_from_its_own_origin_with_the_policy_enforced(
    visit: tuple[Page, Visit], served: str, site_dir: Path
) -> None:
    page, record = visit
    documents = sorted(site_dir.rglob("*.html"))
    kinds = {path.relative_to(site_dir).parts[0] for path in documents}
    assert {"maps", "accounts", "cards", "needs", "metaphors", "onboarding", "compare", "review", "404.html"} <= kinds
    first = documents[0]
    response = page.goto(served + first.relative_to(site_dir).as_posix())
    assert response is not None
    assert "Content-Security-Policy" in response.headers or "content-security-policy" in response.headers
    violations: list[str] = []
    for document in documents:
        url = served + document.relative_to(site_dir).as_posix().removesuffix("index.html")
        page.goto(url, wait_until="load")
        violations += [f"{url}: {v}" for v in _violations(page)]
    # Search (its worker and index), the compare view and the palette, each used once.
    page.goto(served + "maps/", wait_until="load")
    boxes = page.locator(".ep-overview tbody input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Vergelijk de gekozen maps").click()
    page.wait_for_selector("[data-ep-compare] table:not([hidden]) thead th:nth-child(3)")
    violations += _violations(page)
    page.goto(served, wait_until="load")
    page.locator("label.md-header__button[for^='__palette']:not([hidden])").first.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Chirurg", delay=20)
    page.locator(".md-search-result__link").first.wait_for(timeout=10_000)
    violations += _violations(page)

    assert violations == []
    assert record.complaints == []
    origin = urlsplit(served).netloc
    elsewhere = sorted(
        {url for url in record.requests if urlsplit(url).scheme != "data" and urlsplit(url).netloc != origin}
    )
    assert elsewhere == []
    # The search did run: Pagefind's index and its WebAssembly, under the policy.
    pagefind = [urlsplit(url).path for url in record.requests if "/pagefind/" in url]
    assert "/pagefind/pagefind-entry.json" in pagefind, pagefind
    assert any(path.startswith("/pagefind/wasm.") for path in pagefind), pagefind
    assert any(url.endswith(".woff2") for url in record.requests)  # the fonts came from the site
    assert len(record.requests) > len(documents)


def test_script_injected_into_a_page_does_not_run(visit: tuple[Page, Visit], served: str) -> None:
    page, _ = visit
    page.goto(served + "maps/", wait_until="load")
    page.evaluate(
        """() => {
      document.body.insertAdjacentHTML("beforeend", '<img src="x.png" onerror="window.__ran = 1">');
      const script = document.createElement("script");
      script.textContent = "window.__ran = 2";
      document.body.append(script);
    }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    assert sorted(v.split()[0] for v in _violations(page)) == ["script-src-attr", "script-src-elem"]
