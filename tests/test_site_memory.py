"""What a build keeps in memory: the parsed playbook is let go once every page is rendered.

MkDocs reads (and the plugin renders) every page before it writes one; writing them, with the theme
and the search plugin's index, is the peak of a build's memory. The maps are not needed there, and
must not be held there. Under `mkdocs serve` the plugin's map cache keeps them for the next build.
How much memory a build takes is measured by the benchmark (benchmarks/run.py), not here.
"""

from __future__ import annotations

import gc
from typing import Literal

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from empathy_playbook.model import EmpathyMap

from .support import GOOD_MAP, Site


class _NoOptions(Config):
    """The probe takes no options."""


class _Probe(BasePlugin[_NoOptions]):
    """Counts the parsed maps in memory when the first page is rendered and when the first page is written."""

    def __init__(self) -> None:
        self.rendering: int | None = None
        self.writing: int | None = None

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        if self.rendering is None:
            self.rendering = _maps_in_memory()

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> None:
        if self.writing is None:
            self.writing = _maps_in_memory()


def _maps_in_memory() -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, EmpathyMap))


def _build(site: Site, command: Literal["build", "serve"]) -> _Probe:
    site.configure()
    site.write("docs/index.md", "# Home\n")
    for name in ("a", "b", "c"):
        site.write(f"maps/care/{name}.md", GOOD_MAP.replace("title: Test buyer", f"title: Buyer {name}"))
    config = load_config(str(site.root / "mkdocs.yml"))
    probe = _Probe()
    config.plugins["test-probe"] = probe
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # the plugin instance is kept per process
    return probe


@pytest.mark.parametrize("command", ["build", "serve"])
def test_the_parsed_maps_are_let_go_before_the_pages_are_written(
    site: Site, command: Literal["build", "serve"]
) -> None:
    before = _maps_in_memory()  # what other tests of this process may still hold
    probe = _build(site, command)
    assert probe.rendering is not None and probe.writing is not None
    assert probe.rendering >= before + 3
    if command == "build":
        assert probe.writing == before
    else:  # the map cache keeps each map for the next build of the serve
        assert probe.writing >= before + 3
    assert (site.root / "site" / "cards" / "care" / "b" / "index.html").is_file()
