"""The buying committee in a browser: the account page's diagram and its text alternative, the meeting
card on paper (one A4 portrait page, black on white, the approach in the map's order) and on screen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from ..committee_playbook import MAPS
from ..support import OpenPage, bounds
from .playbook import DUTCH_DOCS, build_site, write_playbook

AXE = Axe()


@pytest.fixture(scope="module")
def committee(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The committee playbook, built strict under committee/ of the served site; its URL prefix."""
    root = write_playbook(
        tmp_path_factory.mktemp("committee"),
        language="nl",
        maps=MAPS,
        docs=DUTCH_DOCS,
        steps=["zorg/orthopedisch-arts"],
    )
    build_site(root, site_dir / "committee")
    return "committee/"


def test_the_committee_diagram_has_a_text_alternative(page_at: OpenPage, committee: str) -> None:
    from playwright.sync_api import expect

    page = page_at(f"{committee}accounts/ziekenhuis-oost/")
    diagram = page.get_by_role("img", name="Het beslissingsteam van Ziekenhuis Oost", exact=True)
    expect(diagram).to_have_accessible_description(
        "3 personen en 2 relaties; de lijst onder het diagram noemt elke relatie."
    )
    # The relations as text right under it, each a sentence with links to both maps.
    relations = page.locator("figure.ep-committee figcaption li")
    assert relations.all_inner_texts() == [
        "Centrale inkoop rapporteert aan Raad van bestuur",
        "Raad van bestuur beïnvloedt Orthopedisch arts",
    ]
    expect(relations.nth(1).get_by_role("link", name="Orthopedisch arts")).to_have_attribute(
        "href", "../../maps/zorg/orthopedisch-arts/"
    )
    # Drawn in the page's palette: boxes filled with its background, lines in its muted text colour.
    painted = page.evaluate(
        """() => {
            const style = (selector) => getComputedStyle(document.querySelector(selector));
            return [style('.ep-committee__person rect').fill, style('body').backgroundColor,
                    style('.ep-committee__relation line').stroke, style('.ep-committee__relation line').strokeDasharray];
        }"""
    )
    assert painted[0] == painted[1] and painted[2] not in ("none", "rgb(0, 0, 0)"), painted
    assert painted[3] == "none"  # reports-to is a solid line; influences is dashed (below)
    dashed = page.evaluate(
        "getComputedStyle(document.querySelector('[data-relation=influences] line')).strokeDasharray"
    )
    assert dashed not in ("none", "")
    # The boxes do not overlap, and the diagram fits the page's width at a laptop's and a phone's size.
    boxes = [bounds(rect) for rect in page.locator(".ep-committee__person rect").all()]
    for n, a in enumerate(boxes):
        for b in boxes[n + 1 :]:
            apart = a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
            assert apart or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"], (a, b)
    for width in (1280, 390):
        small = page_at(f"{committee}accounts/ziekenhuis-oost/", width=width)
        svg = bounds(small.locator("svg.ep-committee__diagram"))
        figure = bounds(small.locator("figure.ep-committee"))
        assert svg["x"] >= figure["x"] - 1 and svg["x"] + svg["width"] <= figure["x"] + figure["width"] + 1
        assert small.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def luminance(css_colour: str) -> float:
    red, green, blue = (int(part) for part in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_the_surgeons_card_prints_the_approach_in_the_maps_order_on_one_page(
    page_at: OpenPage, committee: str, tmp_path: Path
) -> None:
    page = page_at(f"{committee}cards/zorg/orthopedisch-arts/", dark=True)
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (tmp_path / "card.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"{len(reader.pages)} pages; see {tmp_path / 'card.pdf'}"
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    printed = " ".join(reader.pages[0].extract_text().split())
    order = [
        "moet inspelen op de empathy map van de klant",
        "Verkoop moet een bijdrage leveren om de arts:",
        "te laten scoren in zijn directe omgeving;",
        "de successcore te verhogen.",
        "Het verhaal moet ook op andere niveaus landen",
    ]
    positions = [printed.find(words) for words in order]
    assert -1 not in positions and positions == sorted(positions), (positions, tmp_path / "card.pdf")
    for internal in ("Accountteam", "Eigenaar", "Herzien", "Print deze kaart"):
        assert internal not in printed
    # Paper is black on white, also for a reader whose screen is dark.
    colours = page.evaluate(
        "() => [getComputedStyle(document.body).color, getComputedStyle(document.querySelector('main')).backgroundColor,"
        " getComputedStyle(document.querySelector('h2')).color]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(0, 0, 0)"]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_card_follows_the_readers_palette_on_screen(page_at: OpenPage, committee: str, dark: bool) -> None:
    page = page_at(f"{committee}cards/zorg/orthopedisch-arts/", dark=dark)
    text, paper = page.evaluate(
        "() => [getComputedStyle(document.body).color, getComputedStyle(document.querySelector('main')).backgroundColor]"
    )
    assert (luminance(paper) < 0.2, luminance(text) > 0.8) == (dark, dark)
    violations = AXE.run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_account_page_is_accessible_in_both_palettes(page_at: OpenPage, committee: str, dark: bool) -> None:
    page = page_at(f"{committee}accounts/ziekenhuis-oost/", dark=dark)
    violations = AXE.run(page).response["violations"]
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
