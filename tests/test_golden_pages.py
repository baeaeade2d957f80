"""Golden files: the exact HTML of every kind of generated page, in English and Dutch, so that any change
to the templates or the views is seen in review.

After an intended change, rewrite them with `UPDATE_GOLDEN=1 ./dev test tests/test_golden_pages.py` and read
the diff (UPDATE_GOLDEN=1 on tests/test_corpus.py rewrites the corpus expectations the same way).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import markdown
import pytest

from empathy_playbook import (
    GeneratedPage,
    Labels,
    OnboardingStep,
    PageKind,
    Playbook,
    Renderer,
    Settings,
    Vocabulary,
    generated_pages,
    parse_map,
)
from empathy_playbook.addresses import PAGE_ROOTS, may_take_a_page

from .support import GOOD_MAP

GOLDEN = Path(__file__).parent / "golden"

MAP = GOOD_MAP.replace(
    "role: Purchaser\n",
    "role: Purchaser\nmetaphor: Racing bike\nreviewed: 2024-01-31\naccount: Acme\nbuying_role: user\n",
).replace("## Hears\n- colleagues", "## Hears\n- colleagues say *cheaper*\n\n| a | b |\n|---|---|\n| 1 | 2 |")
BOARD = (
    GOOD_MAP.replace("Test buyer", "Board member")
    .replace("role: Purchaser\n", "role: Director\naccount: Acme\nbuying_role: [decider, gatekeeper]\nowner: Ann\n")
    .replace("- growth #psychological", "- reputation #psychological\n- lower cost #economic")
    + "\n## Approach\n\nShow the savings.\n\n- first point\n- second point\n"
)


def pages(language: str) -> dict[PageKind, GeneratedPage]:
    """The registry of a two-map playbook (one account, one map overdue for review), first page of each kind."""
    first: dict[PageKind, GeneratedPage] = {}
    for page in registry(language):
        first.setdefault(page.kind, page)
    return first


def registry(language: str, index_page_size: int = 500) -> list[GeneratedPage]:
    """Every page of the two-map playbook; with an `index_page_size` of 1, every index in pages of its groups."""
    vocabulary = Vocabulary()
    maps = [
        parse_map(text.encode(), path=f"maps/seg/{name}.md", url_path=f"seg/{name}", vocabulary=vocabulary)
        for name, text in (("buyer", MAP), ("board", BOARD))
    ]
    assert [m.problems for m in maps] == [[], []]
    playbook = Playbook(maps=maps)
    onboarding = (OnboardingStep("seg/buyer", "Start here.", ("Why?",)),)
    settings = Settings(vocabulary=vocabulary, onboarding=onboarding, index_page_size=index_page_size)
    return generated_pages(Renderer(playbook, settings, Labels(language), today=datetime.date(2024, 6, 1)))


def url(target: str) -> str:
    return f"/{target}"


def convert(source: str) -> str:
    return markdown.markdown(source, extensions=["tables"])


def test_the_golden_playbook_has_every_kind_of_page() -> None:
    assert set(pages("en")) == set(PageKind)


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("kind", [kind.value for kind in PageKind])
def test_pages_match_their_golden_file(kind: str, language: str) -> None:
    rendered = pages(language)[PageKind(kind)].render(url, convert)
    golden = GOLDEN / f"{kind}.{language}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered.html, encoding="utf-8")
    assert rendered.html == golden.read_text(encoding="utf-8")


def test_check_knows_where_every_page_of_the_playbook_can_be() -> None:
    """`check` compares the docs folder with the playbook's pages only for a file that `may_take_a_page`:
    every page, the pages of paged indexes included, must be one (in any case or Unicode form)."""
    every_page = registry("en", index_page_size=1)
    assert {PageKind.INDEX_PART, PageKind.CARD, PageKind.ACCOUNT} <= {page.kind for page in every_page}
    assert {page.path.split("/")[0].removesuffix(".md") for page in every_page} == PAGE_ROOTS
    for page in every_page:
        assert may_take_a_page(page.path), page.path
        assert may_take_a_page(page.path.removesuffix(".md").upper() + ".md"), page.path
    assert may_take_a_page("needs/index.md") and may_take_a_page("needs.html") and may_take_a_page("Maps/x/y.png")
    assert not any(map(may_take_a_page, ["index.md", "README.md", "guide.md", "help/maps.md", "needs-more.md"]))
