"""The site's search index: Pagefind, run over the finished HTML of any static site.

Independent of the site engine: MkDocs calls `index_site` after its build, and so can the
command-line program on any built site folder (`empathy-playbook index SITE`), whichever engine
made it. What a page offers to the index is marked in its HTML: `data-pagefind-body` on the
content of a searchable page (`mark_searchable`), `data-pagefind-filter` for the facets of a map
(the map template). Pages without the mark are left out: the needs index, the account pages and
the meeting cards only repeat what the map pages say.

The Pagefind binary comes from the `pagefind[bin]` package (nothing is downloaded at run time).
It runs as a process of its own with its command-line options, rather than through the package's
asyncio service: a process that dies is noticed at once (the service would wait forever for its
answer), its message becomes the build error, and the count of pages comes from the bundle's own
`pagefind-entry.json`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BUNDLE_DIR = "pagefind"
"""Where the index and Pagefind's scripts go, below the site folder."""
FACETS = ("market", "segment", "account", "buying_role", "need", "metaphor")
"""The filters of the search, in the order the search box shows them; each is a `data-pagefind-filter` name."""
EXCLUDED_SELECTORS = (".headerlink", ".md-source-file", ".md-content__button", ".ep-actions", ".ep-need")
"""Page furniture, not content: heading permalinks (¶), the page's dates and edit buttons, the meeting card
link, and the need chips of map items (the need filter finds those; in excerpts they would be noise)."""
TIMEOUT_SECONDS = 1800.0
"""A generous bound (5000 maps index in well under a minute); a hung indexer must not hang a build forever."""

_BODY = "data-pagefind-body"
_ALL_HTML = "**/*.{html}"  # Pagefind's own default
_GLOB_SPECIAL = re.compile(r"[][{}()*?!,<>:\\]")
_MATERIAL_CONTENT = '<article class="md-content__inner'
_CONTENT_TAG = re.compile(r"<(?:article|main)\b")


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says what happened and what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    """Pages in the index."""
    language: str
    seconds: float
    bundle: Path
    """The folder with the index and Pagefind's scripts."""


def mark_searchable(html: str) -> str:
    """`html` (a whole page) with its content area marked for the index.

    The mark goes on mkdocs-material's `<article class="md-content__inner ...">`, the page content
    without navigation, header and footer. A theme without one gets it on its first `<main>` or
    `<article>`, else on `<body>`. A tag marked already is left as it is.
    """
    start = html.find(_MATERIAL_CONTENT)
    if start < 0:
        match = _CONTENT_TAG.search(html)
        start = match.start() if match else html.find("<body")
    if start < 0:
        return html
    tag_end = html.find(">", start)
    if tag_end < 0 or _BODY in html[start:tag_end]:
        return html
    return f"{html[:tag_end]} {_BODY}{html[tag_end:]}"


def index_site(
    site_dir: Path,
    language: str | None = None,
    executable: Path | None = None,
    pages: Iterable[str] | None = None,
    stop: threading.Event | None = None,
) -> IndexReport:
    """Index the built site in `site_dir` with Pagefind, writing the bundle to `site_dir/pagefind/`.

    `language` (the site's, e.g. `nl`) puts every page in one index with that language's stemming;
    without it Pagefind reads each page's `<html lang>`. `pages` (the searchable pages' files, relative
    to the site) lets Pagefind read only their folders: it must parse every file it is given to find the
    marked ones, and the meeting cards, account and needs pages are many. Raises SearchIndexError with
    Pagefind's own message when it fails or finds no page. Setting `stop` (from another thread) ends
    Pagefind and raises IndexStopped: `mkdocs serve` does, when a save makes the site again.
    """
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise SearchIndexError(f"there is no built site at {site_dir}; build the site first")
    binary = executable or _pagefind_binary()
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)  # no stale chunks of an earlier index left beside the new one
    command = [str(binary), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR, "--quiet"]
    command += ["--exclude-selectors", ", ".join(EXCLUDED_SELECTORS)]
    if language:
        command += ["--force-language", language.lower()]
    if pages is not None:
        command += ["--glob", folders_glob(pages)]
    start = time.perf_counter()
    # An empty working folder: Pagefind would otherwise also read a pagefind.yml or .toml found there.
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    # Its output into a file, not a pipe: a full pipe would stall it while this waits for it to end.
    with (
        tempfile.TemporaryDirectory(prefix="empathy-playbook-pagefind-") as workdir,
        tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log,
    ):
        try:
            process = subprocess.Popen(command, cwd=workdir, env=environment, stdout=log, stderr=subprocess.STDOUT)
        except OSError as error:
            raise SearchIndexError(f"Pagefind could not be started ({binary}): {error.strerror or error}") from None
        returncode = _wait(process, stop)
        log.seek(0)
        output = log.read().strip()
    seconds = time.perf_counter() - start
    if returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit status {returncode}): {_last_lines(output)}")
    entry = _read_entry(bundle)
    indexed = sum(int(info.get("page_count", 0)) for info in entry.get("languages", {}).values())
    if indexed == 0:
        raise SearchIndexError(
            "Pagefind found no page to index: no page is marked searchable (data-pagefind-body)"
            + (f"; it said: {_last_lines(output)}" if output else "")
        )
    languages = sorted(entry.get("languages", {}))
    return IndexReport(indexed, ", ".join(languages), seconds, bundle)


class IndexStopped(SearchIndexError):
    """Pagefind was ended on request (`stop`), before it was done."""


def _wait(process: subprocess.Popen[bytes], stop: threading.Event | None) -> int:
    """Pagefind's exit status, once it has ended; it is ended when `stop` is set or it takes too long."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while True:
        stopped = stop is not None and stop.is_set()
        if stopped or time.monotonic() >= deadline:
            process.kill()
            process.wait()
            if stopped:
                raise IndexStopped("Pagefind was stopped")
            raise SearchIndexError(f"Pagefind did not finish within {TIMEOUT_SECONDS:.0f} seconds")
        try:
            return process.wait(timeout=0.05 if stop is not None else TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            continue


def folders_glob(pages: Iterable[str]) -> str:
    """A glob of the top-level folders (and files at the top) that hold `pages`: a superset of them.

    Only pages marked searchable are indexed whatever the glob says, so a superset is safe; it keeps
    the glob short however many pages there are (one entry per top-level folder).
    """
    entries = set()
    for page in pages:
        first, separator, _ = page.replace("\\", "/").lstrip("/").partition("/")
        if not first or _GLOB_SPECIAL.search(first):  # a name the glob would read as a pattern: read everything
            return _ALL_HTML
        entries.add(f"{first}/**/*.html" if separator else first)
    return "{" + ",".join(sorted(entries)) + "}" if entries else _ALL_HTML


def _pagefind_binary() -> Path:
    """The binary of the pagefind[bin] package (or PAGEFIND_BINARY_PATH, as the package itself honours)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError(
            "the pagefind package is missing; install it with: pip install 'pagefind[bin]'"
        ) from None
    binary = get_executable()
    if binary is None:
        raise SearchIndexError("the Pagefind binary is missing; install it with: pip install 'pagefind[bin]'")
    return binary


def _read_entry(bundle: Path) -> dict[str, Any]:
    """Pagefind's pagefind-entry.json, as JSON: {"languages": {"en": {"page_count": ...}}, ...}."""
    try:
        data = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SearchIndexError(f"Pagefind wrote no readable index to {bundle}: {error}") from None
    return data if isinstance(data, dict) else {}


def _last_lines(text: str, count: int = 6) -> str:
    lines = list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))  # once each
    return " | ".join(lines[-count:]) if lines else "no message"
