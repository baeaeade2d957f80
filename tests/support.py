"""What the tests share: the fixture site, the spy, HTML helpers, running the installed programs,
the corpus and the active-content assertion. Fixtures live in conftest.py; they build on these.

A `Site` is a small project written into a tmp folder and built by MkDocs itself. Every warning or
error MkDocs logs during a build is captured: a test must claim each one it expects
(`site.expect(...)`), and the `site` fixture fails the test on any left unclaimed.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from playwright.sync_api import FloatRect, Locator
    from playwright.sync_api import Page as BrowserPage

# mkdocs-material prints an end-of-life banner on every run; it says nothing about the site under test.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

REPO = Path(__file__).resolve().parent.parent

CORPUS = Path(__file__).parent / "corpus"
"""Broken and hostile maps; expected.yml lists every problem each must produce."""
EXPECTED: dict[str, list[str]] = yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))
_EXPECTED_HEADER = """\
# Broken and hostile maps, each with every problem it must produce, as '<level> <line>: <message>'.
# Read by tests/test_corpus.py through the reader, `mkdocs build --strict` and a lenient build.
"""


def write_corpus_expectations(expected: dict[str, list[str]]) -> None:
    """Rewrite expected.yml (UPDATE_GOLDEN=1), in the layout it is read and reviewed in."""
    lines = [_EXPECTED_HEADER]
    for name in sorted(expected):
        lines.append(f"{name}:{'' if expected[name] else ' []'}\n")
        for problem in expected[name]:
            lines.append(yaml.safe_dump([problem], default_style="'", allow_unicode=True, width=1_000_000))
    (CORPUS / "expected.yml").write_text("".join(lines), encoding="utf-8")


BASE_CONFIG = """\
site_name: Test playbook
theme:
  name: material
  language: {language}
plugins:
  - search
  - empathy-playbook{plugin_options}
markdown_extensions:
  - attr_list
  - tables
  - toc
  - pymdownx.superfences
"""

GOOD_MAP = """\
---
title: Test buyer
role: Purchaser
---

## Sees
- the market #economic

## Hears
- colleagues

## Thinks and feels
- worries

## Says and does
- asks for quotes

## Pains
- delays #functional

## Gains
- growth #psychological
"""


DUTCH_SECTIONS = """\
## Ziet
- de markt #economisch

## Hoort
- collega's

## Denkt en voelt
- zorgen

## Zegt en doet
- vraagt offertes

## Frustraties
- vertraging #functioneel

## Wil bereiken
- groei #psychologisch
"""
"""The six sections of a valid Dutch map, each item as short as it can be: the body of the Dutch fixture maps."""


def plugin_options_yaml(options: str) -> str:
    """The plugin's entry in BASE_CONFIG, with `options` (YAML, any indentation) below it."""
    return ":\n" + textwrap.indent(textwrap.dedent(options).strip(), " " * 6) if options else ""


def write_project(root: Path, *, language: str = "en", plugin_options: str = "") -> Path:
    """A playbook on disk: mkdocs.yml, a home page and one good map (`maps/good.md`)."""
    (root / "mkdocs.yml").write_text(
        BASE_CONFIG.format(language=language, plugin_options=plugin_options_yaml(plugin_options)), encoding="utf-8"
    )
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "maps").mkdir(exist_ok=True)
    (root / "maps" / "good.md").write_text(GOOD_MAP, encoding="utf-8")
    return root


# The site: real MkDocs builds in a tmp folder, with every logged warning captured.


class _NoOptions(Config):
    """The spy takes no options."""


class Spy(BasePlugin[_NoOptions]):
    """Keeps what MkDocs built, for assertions beyond the HTML (navigation, page objects)."""

    def __init__(self) -> None:
        self.nav: Navigation | None = None
        self.pages: dict[str, Page] = {}

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        self.nav = nav

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> None:
        self.pages[page.file.src_uri] = page


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Site:
    root: Path
    spy: Spy = field(default_factory=Spy)
    messages: list[str] = field(default_factory=list)
    """Warnings and errors logged by the last build, as "LEVEL message", not yet claimed by the test."""
    aborted: bool = False

    def write(self, path: str, text: str) -> Path:
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return file

    def configure(self, *, language: str = "en", plugin_options: str = "", extra: str = "") -> None:
        options = plugin_options_yaml(plugin_options)
        self.write("mkdocs.yml", BASE_CONFIG.format(language=language, plugin_options=options) + extra)

    def build(self, *, strict: bool = False) -> Site:
        if not (self.root / "mkdocs.yml").exists():
            self.configure()
        if not (self.root / "docs" / "index.md").exists():
            self.write("docs/index.md", "# Home\n")
        self.messages.clear()
        self.spy = Spy()
        capture = _Capture()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(capture)
        try:
            config = load_config(str(self.root / "mkdocs.yml"), strict=strict)
            config.plugins["test-spy"] = self.spy
            build(config)
            self.aborted = False
        except Abort:
            self.aborted = True
        finally:
            logger.removeHandler(capture)
        self.messages.extend(f"{r.levelname} {r.getMessage()}" for r in capture.records)
        return self

    def expect(self, *messages: str) -> None:
        """Claim logged messages ("WARNING maps/a.md:3: ..."); each must have been logged."""
        for message in messages:
            assert message in self.messages, f"expected log message {message!r}; logged: {self.messages}"
            self.messages.remove(message)

    def claim_all(self, pattern: str) -> list[str]:
        """Claim every logged message matching `pattern` (a regex), returning them."""
        claimed = [m for m in self.messages if re.search(pattern, m)]
        for message in claimed:
            self.messages.remove(message)
        return claimed

    def html(self, url: str) -> str:
        return (self.root / "site" / url / "index.html").read_text(encoding="utf-8")

    def search_index(self) -> list[dict[str, str]]:
        """The theme's (lunr) search index: with the option `search: theme`."""
        docs: list[dict[str, str]] = json.loads(
            (self.root / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
        )["docs"]
        return docs

    def pagefind(self) -> dict[str, dict[str, Any]]:
        """What the Pagefind index holds of each page, by URL: content, anchors (sections), filters, meta."""
        return pagefind_records(self.root / "site")


# The Pagefind index, read back from the files Pagefind wrote.


def pagefind_records(site: Path) -> dict[str, dict[str, Any]]:
    """The page records of the Pagefind index in `site` (its fragments: gzip, a signature, then JSON)."""
    records = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        record = json.loads(data[len(b"pagefind_dcd") :])
        records[record["url"]] = record
    return records


def pagefind_sections(record: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """A page record's sections by anchor id: (heading, the text up to the next anchor), as a result shows them."""
    words = record["content"].split()
    anchors = sorted(record["anchors"], key=lambda anchor: anchor["location"])
    ends = [anchor["location"] for anchor in anchors[1:]] + [len(words)]
    return {
        anchor["id"]: (anchor.get("text", ""), " ".join(words[anchor["location"] : end]))
        for anchor, end in zip(anchors, ends, strict=True)
    }


# Running the installed programs, as users and CI run them.

PROGRAM = Path(sys.executable).parent / "empathy-playbook"


def debian_program(name: str, *, also: tuple[str, ...] = ()) -> str:
    """The path of Debian's `name` (or of the first of `also` that exists, for a program outside PATH).

    Without it the test skips, saying how to install it; with CI set, the test fails: .ci/run installs it.
    """
    path = shutil.which(name) or next((candidate for candidate in also if Path(candidate).exists()), None)
    if path is None:
        message = f"Debian's {name} is missing: install it with 'apt-get install {name}' (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_program(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed `empathy-playbook` command-line program."""
    return subprocess.run([str(PROGRAM), *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=ENV)


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m <args>`: `mkdocs build`, `properdocs build`, `pip wheel`, with this environment's Python."""
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)


def problems_in(log: str) -> list[str]:
    """The warnings and errors of a MkDocs log, as "LEVEL message"."""
    return [
        re.sub(r"^(\w+)\s+-\s+", r"\1 ", line) for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))
    ]


def corpus_line_as_log(name: str, expected: str) -> str:
    """An expected.yml entry ("warning 3: message") of corpus file `name` as MkDocs logs it."""
    level, rest = expected.split(" ", 1)
    line, message = rest.split(": ", 1)
    return f"{level.upper()} maps/{name}:{line}: {message}"


# HTML.


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def one(element: Tag, selector: str) -> Tag:
    """The one element `selector` finds in `element`; fails the test if there is none."""
    found = element.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def attribute(element: Tag, name: str) -> str:
    """The value of an attribute that holds one text (`href`, `id`, `data-*`); fails the test if it has none."""
    value = element.get(name)
    assert isinstance(value, str), f"{name}={value!r} on <{element.name}>"
    return value


def after(element: Tag, name: str, class_: str | None = None) -> Tag:
    """The first `name` element (of `class_`) after `element` in the document; fails the test if there is none."""
    found = element.find_next(name, class_=class_) if class_ else element.find_next(name)
    assert isinstance(found, Tag), f"no <{name}> after <{element.name}>"
    return found


def section(page: Tag, key: str) -> Tag:
    """The element of a map's section (`data-section="<key>"`); there must be exactly one."""
    found = page.select(f'[data-section="{key}"]')
    assert len(found) == 1, f"expected one data-section={key!r}, found {len(found)}"
    return found[0]


def texts(element: Tag, selector: str) -> list[str]:
    """The text of each element `selector` finds, whitespace collapsed."""
    return [" ".join(e.get_text(" ", strip=True).split()) for e in element.select(selector)]


def cells(row: Tag) -> list[str]:
    return texts(row, "td")


ACTIVE_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link", "style"}
"""Elements that can run code, load content or change the page: none may come from a map."""
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")
_UNSAFE_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)


def assert_no_active_content(root: Tag, where: Any = "") -> None:
    """No element, event handler or link under `root` that could run code (the allow-list's promise)."""
    for element in root.find_all(True):
        if (
            element.name == "script"
            and element.get("type") == "application/json"
            and set(element.attrs) <= {"type", "class"}
        ):
            # Data for the page's own script (the overview's maps): a browser never runs it, and with '<'
            # escaped no text in it can close the element and start markup of its own.
            json.loads(element.string or "null")
            assert "<" not in (element.string or ""), (where, element)
            continue
        # The one SVG allowed is the plugin's own committee diagram; what is inside it is checked like the rest.
        if element.name == "svg" and element.get("class") == ["ep-committee__diagram"]:
            assert element.find_parent("figure", class_="ep-committee") is not None, (where, element)
            continue
        assert element.name not in ACTIVE_ELEMENTS, (where, element)
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), (where, element)
            if attribute in _URL_ATTRIBUTES:
                # Browsers ignore control characters and spaces inside a scheme: "jav\tascript:".
                assert not _UNSAFE_URL.match(re.sub(r"[\x00-\x20]", "", str(value))), (where, element)
            if not attribute.startswith("data-"):  # data-* attributes hold text for scripts, never a URL
                assert "javascript:" not in str(value).lower().replace(" ", ""), (where, element)


# The browser tests.


class OpenPage(Protocol):
    """The `page_at` fixture: a Playwright page at `path` of the built site, closed after the test."""

    def __call__(self, path: str, width: int = 1280, height: int = 800, dark: bool = False) -> BrowserPage: ...


def bounds(locator: Locator) -> FloatRect:
    """Where an element is drawn (x, y, width, height); fails the test if it is not drawn."""
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not drawn"
    return found


CHROMIUM_ARGS = [
    # Chromium as root in a sandbox-less container, with no network but loopback: no sandbox, GPU or
    # background traffic (which would be refused, noisily, at every start).
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
