"""The search part of the benchmark (`run.py --suite search`): Pagefind against the theme's own search.

For a generated playbook of N maps (run.py's generator, which puts one unique word, NEEDLE, in one map
item) it measures:

- the build with the plugin's default `search: pagefind`, and in it the index step alone (the time
  the plugin logs for Pagefind), as whole `mkdocs build` processes;
- the same build with `search: theme` (mkdocs-material's lunr index), for comparison;
- in Debian's Chromium, from a cold page load (a new browser context: no cache), the time from the
  first key press in the search box until the result for NEEDLE shows, and the bytes the search
  fetched for it (counted by the local HTTP server: Pagefind's files, or the theme's worker and
  search_index.json). Files are served uncompressed, so the bytes are an upper bound.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

INDEX_LOG = re.compile(r"Pagefind indexed (\d+) pages \(([\w, -]+)\) in ([\d.]+) s")
SEARCH_FILES = ("/pagefind/", "search_index.json", "/workers/search")


@dataclass
class SearchRun:
    build_pagefind: float
    """Seconds: mkdocs build with search: pagefind, whole process."""
    index: float
    """Seconds of that build spent in the Pagefind step."""
    build_theme: float
    """Seconds: mkdocs build with search: theme."""
    theme_index_mb: float
    """Size of the theme's search_index.json."""
    first_pagefind: float
    """Seconds from the first key press to the result, Pagefind."""
    bytes_pagefind: int
    first_theme: float
    bytes_theme: int


def build(site: Path, command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {site}:\n{result.stderr[-2000:]}")
    return seconds, result.stderr


def prepare(root: Path, pagefind_config: str) -> tuple[Path, Path]:
    """Two copies of the generated playbook A: P with the default search (Pagefind), T with search: theme.

    A's own mkdocs.yml has `search: theme` (the build suite compares it with bare MkDocs);
    `pagefind_config` is A's default configuration beside it."""
    pagefind, theme = root / "P", root / "T"
    for target in (pagefind, theme):
        shutil.copytree(root / "A" / "maps", target / "maps")
        shutil.copytree(root / "A" / "docs", target / "docs")
    shutil.copy(root / "A" / pagefind_config, pagefind / "mkdocs.yml")
    shutil.copy(root / "A" / "mkdocs.yml", theme / "mkdocs.yml")
    return pagefind, theme


class _Counted(http.server.SimpleHTTPRequestHandler):
    served: list[tuple[str, int]]

    def log_message(self, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        outputfile.write(data)
        self.served.append((self.path, len(data)))


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    served: list[tuple[str, int]] = []
    handler = type("Counted", (_Counted,), {"served": served})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", served
    finally:
        server.shutdown()
        server.server_close()


def first_result(browser: object, site: Path, word: str, target: str) -> tuple[float, int]:
    """Seconds from the first key press until a result links to `target`, and the search's bytes (cold load)."""
    with serve(site) as (url, served):
        context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.evaluate(
            """target => {
                window.__found = null;
                const seen = () => document.querySelector(`.md-search-result__link[href*="${target}"]`);
                new MutationObserver((_, observer) => {
                    if (window.__found === null && seen()) { window.__found = performance.now(); observer.disconnect(); }
                }).observe(document.body, { childList: true, subtree: true });
            }""",
            target,
        )
        start = page.evaluate("performance.now()")
        page.click("input.md-search__input")
        page.keyboard.type(word)
        # A locator, not wait_for_function (which evaluates a string in the page: the pages' policy forbids it);
        # the time itself is the observer's, taken in the page.
        page.locator(f'.md-search-result__link[href*="{target}"]').first.wait_for(state="attached", timeout=180_000)
        found = page.evaluate("window.__found")
        context.close()
        fetched = sum(size for path, size in served if any(part in path for part in SEARCH_FILES))
        return (found - start) / 1000, fetched


def measure(
    root: Path, bin_dir: Path, env: dict[str, str], needle: str, needle_map: str, repeat: int, pagefind_config: str
) -> SearchRun:
    pagefind, theme = prepare(root, pagefind_config)
    command = [str(bin_dir / "mkdocs"), "build", "-d", "site"]
    builds, indexes, theme_builds = [], [], []
    for _ in range(repeat):
        seconds, log = build(pagefind, command, env)
        match = INDEX_LOG.search(log)
        if match is None:
            raise SystemExit(f"the build logged no Pagefind step:\n{log[-2000:]}")
        builds.append(seconds)
        indexes.append(float(match.group(3)))
        theme_builds.append(build(theme, command, env)[0])
    theme_index = theme / "site" / "search" / "search_index.json"

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("the search benchmark needs Debian's Chromium: apt-get install chromium")
    target = f"/{needle_map}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        pagefind_runs = [first_result(browser, pagefind / "site", needle, target) for _ in range(max(repeat, 3))]
        theme_runs = [first_result(browser, theme / "site", needle, target) for _ in range(max(repeat, 3))]
        browser.close()
    return SearchRun(
        build_pagefind=statistics.median(builds),
        index=statistics.median(indexes),
        build_theme=statistics.median(theme_builds),
        theme_index_mb=theme_index.stat().st_size / 1e6,
        first_pagefind=statistics.median(run[0] for run in pagefind_runs),
        bytes_pagefind=int(statistics.median(run[1] for run in pagefind_runs)),
        first_theme=statistics.median(run[0] for run in theme_runs),
        bytes_theme=int(statistics.median(run[1] for run in theme_runs)),
    )


def section(results: dict[int, SearchRun], machine: str, date: str) -> list[str]:
    """The search part of docs/benchmark.md."""
    lines = [
        "## Search",
        "",
        f"Measured on {date} ({machine}) by `./dev bench --suite search` (benchmarks/search_bench.py): the",
        "default build (`search: pagefind`) and the index step in it, the build with the theme's own search",
        "(`search: theme`), and in Debian's Chromium, from a cold page load, the time from the first key",
        "press until the result for a word that occurs in one map item shows, with the bytes the search",
        "fetched for it (served uncompressed: an upper bound).",
        "",
        "| maps | build, Pagefind (s) | index step (s) | index / rest of build | build, theme search (s) "
        "| first result, Pagefind (s) | bytes, Pagefind | first result, theme (s) | bytes, theme |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count, run in sorted(results.items()):
        share = run.index / (run.build_pagefind - run.index)
        lines.append(
            f"| {count} | {run.build_pagefind:.2f} | {run.index:.2f} | {share:.0%} | {run.build_theme:.2f} "
            f"| {run.first_pagefind:.2f} | {run.bytes_pagefind / 1e3:.0f} kB | {run.first_theme:.2f} "
            f"| {run.bytes_theme / 1e6:.1f} MB |"
        )
    lines += [
        "",
        "Goals: the first result within 1 s and at most 1 MB for the query at 5000 maps; the index step",
        "adds at most 25 % to the build at 1000 and 5000 maps.",
        "",
        # A shared machine slows every time here; the load says how much to trust them.
        f"Load average at the end of the run: {os.getloadavg()[2]:.1f} over 15 minutes ({os.cpu_count()} cores).",
        "",
    ]
    return lines
