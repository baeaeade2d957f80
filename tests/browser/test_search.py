"""Finding a buyer by a phrase: mkdocs-material's search box, in the browser, over the built index."""

from __future__ import annotations

import pytest


def search(page: object, phrase: str) -> list[str]:
    """Type `phrase` into the search box; the links of the results (pages and their sections)."""
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.press_sequentially(phrase, delay=20)  # typed, as a person does
    results = page.locator(".md-search-result__link")  # type: ignore[attr-defined]
    results.first.wait_for(timeout=10_000)
    return [
        (link.get_attribute("href") or "").split("?")[0] + "#" + (link.get_attribute("href") or "").partition("#")[2]
        for link in results.all()
    ]


@pytest.mark.parametrize(
    ("start", "phrase", "expected"),
    [
        ("", "Operatieassistententekort", "maps/zorg/chirurg/"),  # one item, in one map only
        ("", "businesscase", "maps/zorg/directeur/"),
        ("", "Racefiets", "metaphors/"),  # an index page
        ("en/", "quotes", "en/maps/retail/buyer/"),  # the English playbook's own index
    ],
)
def test_a_phrase_finds_its_page(page_at: object, start: str, phrase: str, expected: str) -> None:
    page = page_at(start)
    links = search(page, phrase)
    assert any(expected in link for link in links), links


def test_a_result_lands_on_the_section_that_holds_the_item(page_at: object) -> None:
    page = page_at("")
    links = search(page, "Operatieassistententekort")
    assert any(link.endswith("maps/zorg/chirurg/#pains") for link in links), links
