"""The selling tools in a browser: overview filters, the compare view, onboarding progress, the meeting card."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from ..support import OpenPage
from .playbook import DUTCH_MAPS, DUTCH_ONBOARDING, DUTCH_TITLES


def visible_titles(page: Page) -> list[str]:
    return page.locator(".ep-overview tbody tr:visible td:nth-child(2) > a").all_inner_texts()


ALL = DUTCH_TITLES


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("market", "B2B", ["Chirurg", "Directeur ziekenhuis"]),
        ("segment", "Sport", ["Fanatieke hardloper"]),
        ("account", "Ziekenhuis Noord", ["Chirurg", "Directeur ziekenhuis"]),
        ("roles", "Beslisser", ["Directeur ziekenhuis"]),
        ("roles", "Gebruiker", ["Chirurg", "Fanatieke hardloper"]),
        ("needs", "Functioneel", ALL),
        ("metaphors", "Racefiets", ["Chirurg"]),
    ],
)
def test_the_overview_filters_by_each_facet(page_at: OpenPage, facet: str, value: str, expected: list[str]) -> None:
    page = page_at("maps/")
    assert visible_titles(page) == ALL
    page.select_option(f".ep-filters select[name={facet}]", value)
    assert visible_titles(page) == expected
    assert page.locator(".ep-filters output").inner_text() == f"{len(expected)} van {len(ALL)} maps"
    page.select_option(f".ep-filters select[name={facet}]", "")
    assert visible_titles(page) == ALL


def test_without_javascript_the_overview_shows_every_map(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "maps/")
    assert page.locator(".ep-overview tbody tr").count() == len(ALL)
    assert page.locator(".ep-filters").count() == 0
    context.close()


def test_two_maps_compared_side_by_side(page_at: OpenPage) -> None:
    page = page_at("maps/")
    compare = page.get_by_role("button", name="Vergelijk de gekozen maps")
    assert compare.is_disabled()
    page.get_by_label("Vergelijk: Fanatieke hardloper").check()
    page.get_by_label("Vergelijk: Chirurg").check()
    compare.click()
    page.wait_for_selector("[data-ep-compare] table:not([hidden]) thead th:nth-child(3)")
    assert page.locator("[data-ep-compare] thead th").all_inner_texts() == [
        "Onderdeel",
        "Chirurg\nOrthopedisch chirurg, lid van de maatschap",  # each with the role under the name
        "Fanatieke hardloper\nMarathonloper",
    ]
    pains = page.locator('[data-ep-compare] tr[data-row="pains"] td')
    assert "Claims bij mislukking" in pains.nth(0).inner_text()
    assert "Pijn aan de knieën" in pains.nth(1).inner_text()
    chip = pains.nth(0).locator("a.ep-need").first
    assert (chip.get_attribute("href") or "").endswith("/needs/#economic")  # links still land from here


def test_onboarding_progress_is_kept_in_the_browser(page_at: OpenPage) -> None:
    page = page_at("onboarding/")
    assert page.locator("[data-ep-progress]").inner_text() == f"0 van {len(DUTCH_ONBOARDING)} stappen gedaan"
    page.locator('[data-step="zorg/directeur"] input[type=checkbox]').check()
    assert page.locator("[data-ep-progress]").inner_text() == f"1 van {len(DUTCH_ONBOARDING)} stappen gedaan"
    page.reload()
    assert page.locator('[data-step="zorg/directeur"] input[type=checkbox]').is_checked()
    assert not page.locator('[data-step="zorg/chirurg"] input[type=checkbox]').is_checked()
    assert page.locator("[data-ep-progress]").inner_text() == f"1 van {len(DUTCH_ONBOARDING)} stappen gedaan"


@pytest.mark.parametrize("name", sorted(name.removesuffix(".md") for name in DUTCH_MAPS))
def test_the_meeting_card_prints_as_one_a4_portrait_page(page_at: OpenPage, name: str) -> None:
    page = page_at(f"cards/{name}/")
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    text = reader.pages[0].extract_text()
    assert "Gesprekskaart" in text and "Vragen om te stellen" in text
