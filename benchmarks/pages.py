"""What a reader's browser gets: the weight of each index page and of a typical map page in Chromium.

For a built playbook it measures, per page: the HTML size, the number of elements once the page's
scripts have run, and the time to interactive; and on the overview, how long finding a buyer by
typing part of their name takes. Used by run.py (`./dev bench --suite pages`).

Time to interactive here: from the start of navigation until the load event has fired, the page's
scripts have run and the browser has painted the next frame with nothing left to do (a
requestAnimationFrame, then a task). The median of three loads in a fresh browser context each.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
LOADS = 3

IDLE = """() => new Promise(resolve => {
    const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    if (document.readyState === 'complete') done(); else addEventListener('load', done);
})"""

# Type into the overview's search box as a reader does, key by key; measure from the last key's input
# event to the next painted frame, and read what is shown then.
FIND = """async (query) => {
    const box = document.querySelector('.ep-filters input[type=search]');
    box.value = '';
    box.dispatchEvent(new Event('input', {bubbles: true}));
    let started = 0;
    for (const key of query) {
        box.value += key;
        started = performance.now();
        box.dispatchEvent(new Event('input', {bubbles: true}));
    }
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const shown = [...document.querySelectorAll('.ep-overview tbody td:nth-child(2) > a')].map(a => a.textContent);
    return {ms: performance.now() - started, shown: shown.slice(0, 5), count: shown.length};
}"""


@dataclass
class PageFigures:
    name: str
    path: str
    html_kb: float
    elements: int
    interactive_ms: float
    main_thread_ms: float
    """Time the page's main thread was busy (Chromium's TaskDuration): the work itself, whatever the machine's load."""


@dataclass
class FindFigures:
    query: str
    ms: float
    found: bool


def pages_to_measure(site: Path) -> list[tuple[str, str]]:
    """(name, path) of every main index page, the first page of each kind of group page, a map and an account."""
    found = [
        ("overview", "maps/"),
        ("needs", "needs/"),
        ("metaphors", "metaphors/"),
        ("accounts", "accounts/"),
        ("review", "review/"),
    ]
    for name, folder in [
        ("segment page", "segments"),
        ("needs page", "needs/*/*"),
        ("metaphor page", "metaphors/*"),
        ("review page", "review/*"),
        ("account page", "accounts/*"),
        ("map page", "maps/*/*"),
    ]:
        first = next(iter(sorted(site.glob(f"{folder}/*/index.html"))), None) if "*" not in folder else None
        if "*" in folder:
            first = next(iter(sorted(site.glob(f"{folder}/index.html"))), None)
        if first is not None:
            found.append((name, first.parent.relative_to(site).as_posix() + "/"))
    return found


def largest_pages(site: Path, count: int = 3) -> list[tuple[str, str]]:
    """The largest generated HTML pages of the site (every page, not only the sampled ones)."""
    pages = sorted(site.rglob("index.html"), key=lambda page: page.stat().st_size, reverse=True)[:count]
    return [(f"largest #{n}", page.parent.relative_to(site).as_posix() + "/") for n, page in enumerate(pages, 1)]


@contextmanager
def serve(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a page closed while it still loaded (the next load starts): not a finding

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def measure_site(site: Path, find: list[str]) -> tuple[list[PageFigures], list[FindFigures]]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("the page figures need Debian's Chromium: apt-get install chromium")
    figures, finds = [], []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for name, path in pages_to_measure(site) + largest_pages(site):
            times, busy, elements = [], [], 0
            for _ in range(LOADS):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                session = context.new_cdp_session(page)
                session.send("Performance.enable")
                page.goto(base + path, wait_until="commit")
                times.append(page.evaluate(IDLE))
                metrics = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
                busy.append(metrics.get("TaskDuration", 0.0) * 1000)
                elements = page.evaluate("document.getElementsByTagName('*').length")
                context.close()
            size = (site / path / "index.html").stat().st_size / 1024
            figures.append(PageFigures(name, path, size, elements, statistics.median(times), statistics.median(busy)))
            print(
                f"  {name:14} {path:40} {size:8.0f} KB {elements:7} elements {figures[-1].interactive_ms:7.0f} ms"
                f" (main thread {figures[-1].main_thread_ms:5.0f} ms)",
                flush=True,
            )
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(base + "maps/")
        page.evaluate(IDLE)
        for query in find:
            result = page.evaluate(FIND, query)
            finds.append(
                FindFigures(query, result["ms"], any(query.lower() in shown.lower() for shown in result["shown"]))
            )
            print(f"  find {query!r}: {result['ms']:.1f} ms, {result['count']} rows shown, first {result['shown'][:2]}")
        context.close()
        browser.close()
    return figures, finds


GOALS = "every page at most 1 MB of HTML and 15,000 elements, interactive within 1 s; find within 100 ms"


def section(results: dict[int, tuple[list[PageFigures], list[FindFigures]]], machine: str, date: str) -> list[str]:
    """The pages section of benchmark.md."""
    lines = [
        "## What the reader's browser gets",
        "",
        f"Measured on {date} ({machine}) by `./dev bench --suite pages`: each page of a playbook",
        "built with the plugin, loaded over HTTP on localhost in Chromium at 1280×800, median of three loads.",
        "*Elements*: after the page's scripts have run. *Interactive*: from the start of navigation until",
        "loaded, scripts run and the next frame painted. *Find*: typing part of a buyer's name into the",
        "overview's search box, from the last key to the next painted frame showing the matching rows.",
        "*Main thread*: the time Chromium's main thread was busy with the page (TaskDuration): the work",
        "itself, which the machine's load does not stretch as it stretches *interactive*.",
        f"Goals at 5000 maps: {GOALS}.",
        "",
    ]
    for count, (figures, finds) in results.items():
        lines += [
            f"### {count} maps",
            "",
            "| page | address | HTML (KB) | elements | interactive (ms) | main thread (ms) |",
            "|---|---|---:|---:|---:|---:|",
            *(
                f"| {f.name} | `{f.path}` | {f.html_kb:.0f} | {f.elements} | {f.interactive_ms:.0f} "
                f"| {f.main_thread_ms:.0f} |"
                for f in figures
            ),
            "",
            *(f"- Find `{f.query}`: {f.ms:.1f} ms{'' if f.found else ' (not found!)'}" for f in finds),
            "",
        ]
    # A shared machine stretches *interactive* (not *main thread*); the load says how much.
    lines += [
        f"Load average at the end of the run: {os.getloadavg()[2]:.1f} over 15 minutes ({os.cpu_count()} cores).",
        "",
    ]
    return lines
