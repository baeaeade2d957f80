"""The selling tools in a browser: overview filters, the compare view, onboarding progress, the meeting card."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader


def visible_titles(page: object) -> list[str]:
    return page.locator(".ep-overview tbody tr:visible td:nth-child(2)").all_inner_texts()  # type: ignore[attr-defined]


ALL = ["Inkoper van leaseauto’s", "Orthopedisch arts", "Raad van bestuur ziekenhuis"]


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("market", "B2B", ALL),
        ("segment", "Zorg", ["Orthopedisch arts", "Raad van bestuur ziekenhuis"]),
        ("account", "Ziekenhuis", ["Orthopedisch arts", "Raad van bestuur ziekenhuis"]),
        ("roles", "Beslisser", ["Raad van bestuur ziekenhuis"]),
        ("needs", "Functioneel", ALL),
        ("metaphors", "Racefiets", ["Orthopedisch arts"]),
    ],
)
def test_the_overview_filters_by_each_facet(page_at: object, facet: str, value: str, expected: list[str]) -> None:
    page = page_at("maps/")
    assert visible_titles(page) == ALL
    page.select_option(f".ep-filters select[name={facet}]", value)  # type: ignore[attr-defined]
    assert visible_titles(page) == expected
    assert page.locator(".ep-filters output").inner_text() == f"{len(expected)} van 3 maps"  # type: ignore[attr-defined]
    page.select_option(f".ep-filters select[name={facet}]", "")  # type: ignore[attr-defined]
    assert visible_titles(page) == ALL


def test_without_javascript_the_overview_shows_every_map(browser: object, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "maps/")
    assert page.locator(".ep-overview tbody tr").count() == 3
    assert page.locator(".ep-filters").count() == 0
    context.close()


def test_two_maps_compared_side_by_side(page_at: object) -> None:
    page = page_at("maps/")
    compare = page.get_by_role("button", name="Vergelijk de gekozen maps")  # type: ignore[attr-defined]
    assert compare.is_disabled()
    page.get_by_label("Vergelijk: Orthopedisch arts").check()  # type: ignore[attr-defined]
    page.get_by_label("Vergelijk: Inkoper van leaseauto’s").check()  # type: ignore[attr-defined]
    compare.click()
    page.wait_for_selector("[data-ep-compare] table:not([hidden]) thead th:nth-child(3)")  # type: ignore[attr-defined]
    assert page.locator("[data-ep-compare] thead th").all_inner_texts() == [  # type: ignore[attr-defined]
        "Onderdeel",
        "Inkoper van leaseauto’s",
        "Orthopedisch arts",
    ]
    pains = page.locator('[data-ep-compare] tr[data-row="pains"] td')  # type: ignore[attr-defined]
    assert "traag met informatie en contracten" in pains.nth(0).inner_text()
    assert "Claims bij mislukking" in pains.nth(1).inner_text()
    chip = pains.nth(1).locator("a.ep-need").first
    assert chip.get_attribute("href").endswith("/needs/#economic")  # links still land from here


def test_onboarding_progress_is_kept_in_the_browser(page_at: object) -> None:
    page = page_at("onboarding/")
    assert page.locator("[data-ep-progress]").inner_text() == "0 van 3 stappen gedaan"  # type: ignore[attr-defined]
    page.locator('[data-step="zorg/raad-van-bestuur"] input[type=checkbox]').check()  # type: ignore[attr-defined]
    assert page.locator("[data-ep-progress]").inner_text() == "1 van 3 stappen gedaan"  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    assert page.locator('[data-step="zorg/raad-van-bestuur"] input[type=checkbox]').is_checked()  # type: ignore[attr-defined]
    assert not page.locator('[data-step="zorg/orthopedisch-arts"] input[type=checkbox]').is_checked()  # type: ignore[attr-defined]
    assert page.locator("[data-ep-progress]").inner_text() == "1 van 3 stappen gedaan"  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["zorg/orthopedisch-arts", "zakelijk/inkoper-leaseautos", "zorg/raad-van-bestuur"])
def test_the_meeting_card_prints_as_one_a4_portrait_page(page_at: object, name: str) -> None:
    page = page_at(f"cards/{name}/")
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))  # type: ignore[attr-defined]
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    text = reader.pages[0].extract_text()
    assert "Gesprekskaart" in text and "Vragen om te stellen" in text
