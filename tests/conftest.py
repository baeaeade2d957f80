"""Fixtures that build real sites: a small project written into tmp_path, built by MkDocs itself.

Every warning or error MkDocs logs during a build is captured. A test must claim each one
it expects (`site.expect(...)`); any left unclaimed fails the test, so an unexpected
warning can never slip through.
"""

from __future__ import annotations

import json
import logging
import os
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

REPO = Path(__file__).resolve().parent.parent

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


class Spy(BasePlugin):
    """Keeps what MkDocs built, for assertions beyond the HTML (navigation, page objects)."""

    def __init__(self) -> None:
        self.nav: Navigation | None = None
        self.pages: dict[str, Page] = {}

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: object) -> None:
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
        options = ":\n" + textwrap.indent(textwrap.dedent(plugin_options).strip(), " " * 6) if plugin_options else ""
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
        return json.loads((self.root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    result = Site(tmp_path)
    yield result
    leftover = [m for m in result.messages if not m.startswith("INFO")]
    assert not leftover, f"unexpected warnings or errors in the build log: {leftover}"
