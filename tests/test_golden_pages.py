"""Golden files: the exact HTML of a map page and the indexes, so that any change to the templates is seen in review.

After an intended change, rewrite them with `UPDATE_GOLDEN=1 ./dev test tests/test_golden.py` and read the diff.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import markdown
import pytest

from empathy_playbook import Labels, Renderer, Settings, Vocabulary, parse_map
from empathy_playbook.index_views import IndexViews
from empathy_playbook.playbook import Playbook

from .support import GOOD_MAP

GOLDEN = Path(__file__).parent / "golden"

MAP = GOOD_MAP.replace("role: Purchaser\n", "role: Purchaser\nmetaphor: Racing bike\nreviewed: 2024-01-31\n").replace(
    "## Hears\n- colleagues", "## Hears\n- colleagues say *cheaper*\n\n| a | b |\n|---|---|\n| 1 | 2 |"
)


def renderer(language: str) -> tuple[Renderer, Playbook]:
    vocabulary = Vocabulary()
    m = parse_map(MAP.encode(), path="maps/seg/buyer.md", url_path="seg/buyer", vocabulary=vocabulary)
    assert m.problems == []
    playbook = Playbook(maps=[m])
    return Renderer(
        playbook, Settings(vocabulary=vocabulary), Labels(language), today=datetime.date(2024, 6, 1)
    ), playbook


def url(target: str) -> str:
    return f"/{target}"


def convert(source: str) -> str:
    return markdown.markdown(source, extensions=["tables"])


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("page", ["map", "needs", "metaphors", "overview"])
def test_pages_match_their_golden_file(page: str, language: str) -> None:
    render, playbook = renderer(language)
    rendered = {
        "map": lambda: render.map_page(playbook.maps[0], convert, url),
        "needs": lambda: IndexViews(render).needs_page(url),
        "metaphors": lambda: IndexViews(render).metaphors_page(url),
        "overview": lambda: IndexViews(render).overview_page(url),
    }[page]()
    golden = GOLDEN / f"{page}.{language}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered.html, encoding="utf-8")
    assert rendered.html == golden.read_text(encoding="utf-8")
