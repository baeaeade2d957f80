"""What a reader sees: the quadrant grid on a laptop and a big screen, one column on a phone.

Positions come from the elements' bounding boxes in a real browser, never from class names.
"""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Page

from ..support import OpenPage, bounds

MAPS = ["maps/zorg/chirurg/", "maps/consument/hardloper/", "en/maps/retail/store-manager/", "stress/maps/test/lang/"]
KEYS = ["thinks-feels", "hears", "sees", "says-does", "pains", "gains"]


def boxes(page: Page) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = page.evaluate(
        """keys => Object.fromEntries(keys.map(key => {
            const box = document.querySelector(`[data-section="${key}"]`).getBoundingClientRect();
            return [key, {left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: box.width}];
        }))""",
        KEYS,
    )
    return found


def overflowing(page: Page) -> list[str]:
    """Elements inside a section whose content is wider than their box (text running out of it)."""
    found: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('[data-section], [data-section] *')]
            .filter(el => getComputedStyle(el).overflowX !== 'auto' && el.scrollWidth > el.clientWidth + 1
                          && el.clientWidth > 0)
            .map(el => el.tagName + ' in ' + el.closest('[data-section]').dataset.section)"""
    )
    return found


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
@pytest.mark.parametrize("path", MAPS)
def test_the_grid_is_the_classic_empathy_map_on_a_desktop(page_at: OpenPage, path: str, size: tuple[int, int]) -> None:
    page = page_at(path, *size)
    box = boxes(page)
    thinks, hears, sees, says, pains, gains = (box[key] for key in KEYS)
    assert thinks["bottom"] <= min(hears["top"], sees["top"])  # Thinks & feels above
    assert hears["right"] <= sees["left"]  # Hears left, Sees right ...
    assert hears["top"] == pytest.approx(sees["top"], abs=1)  # ... on the same band
    assert says["top"] >= max(hears["bottom"], sees["bottom"])  # Says & does below them
    assert pains["right"] <= gains["left"] and pains["top"] == pytest.approx(gains["top"], abs=1)
    assert min(pains["top"], gains["top"]) >= says["bottom"]  # Pains and Gains beneath
    person = bounds(page.locator(".ep-person"))
    assert hears["right"] <= person["x"] and person["x"] + person["width"] <= sees["left"]  # the buyer in between
    for i, first in enumerate(KEYS):
        for second in KEYS[i + 1 :]:
            assert not overlap(box[first], box[second]), (first, second)
    assert overflowing(page) == []


@pytest.mark.parametrize("path", MAPS)
def test_on_a_phone_the_sections_stack_in_one_column_at_full_width(page_at: OpenPage, path: str) -> None:
    page = page_at(path, 375, 812)
    box = boxes(page)
    content = page.evaluate("document.querySelector('.ep-grid').getBoundingClientRect().width")
    tops = [box[key]["top"] for key in KEYS]
    assert tops == sorted(tops)  # in reading order, one under the other
    for key in KEYS:
        assert box[key]["width"] == pytest.approx(content, abs=1), key
        assert box[key]["left"] == pytest.approx(box["thinks-feels"]["left"], abs=1), key
    for first, second in itertools.pairwise(KEYS):
        assert box[first]["bottom"] <= box[second]["top"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert overflowing(page) == []


def test_long_words_and_long_lists_wrap_inside_their_box(page_at: OpenPage) -> None:
    page = page_at("stress/maps/test/lang/", 1280, 800)
    assert overflowing(page) == []
    box = boxes(page)
    assert box["pains"]["bottom"] - box["pains"]["top"] > 300  # the long list made its box grow, not overflow
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


# One stakeholder at a time on a phone: account pages and the compare view share the side-by-side table and
# its phone rule, whatever rows the table holds. Read from the bounding boxes, like the grid above.
SIDE_BY_SIDE = """() => [...document.querySelectorAll('.ep-side-by-side table')].filter(t => !t.hidden).map(table => {
    const frame = table.getBoundingClientRect();
    const cells = [...table.querySelectorAll('th, td')].filter(cell => cell.getClientRects().length).map(cell => {
        const box = cell.getBoundingClientRect();
        const label = cell.tagName === 'TD' ? getComputedStyle(cell, '::before').content : '';
        return {column: cell.cellIndex, head: !!cell.closest('thead'), text: cell.innerText, label,
                role: cell.querySelector('.ep-sub')?.innerText || '',
                left: box.left, right: box.right, top: box.top, bottom: box.bottom};
    });
    return {left: frame.left, right: frame.right, cells};
})"""

# Words broken across two lines (hyphenation or a break inside a word). A word longer than the line has to
# break somewhere, so only words that fit are checked.
BROKEN_WORDS = """() => {
    const broken = [];
    for (const root of document.querySelectorAll('.ep-side-by-side')) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            if (!node.parentElement.getClientRects().length) continue;
            for (const match of node.textContent.matchAll(/[^\\s\\-\\u2010]+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const rects = [...range.getClientRects()].filter(r => r.width > 0);
                const width = rects.reduce((sum, r) => sum + r.width, 0);
                const line = node.parentElement.closest('td, th').clientWidth;
                if (width < line * 0.8 && new Set(rects.map(r => Math.round(r.top))).size > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""

# Need chips that do not fit in their cell or on the screen.
CUT_CHIPS = """() => [...document.querySelectorAll('.ep-side-by-side .ep-need')].filter(chip => {
    const box = chip.getBoundingClientRect(), cell = chip.closest('td').getBoundingClientRect();
    return box.left < cell.left - 0.5 || box.right > cell.right + 0.5 || box.right > innerWidth
        || chip.scrollWidth > chip.clientWidth + 1;
}).map(chip => chip.textContent)"""


def assert_one_stakeholder_at_a_time(page: Page, stakeholders: list[str]) -> None:
    tables = page.evaluate(SIDE_BY_SIDE)
    assert tables
    for table in tables:
        cells = table["cells"]
        assert all(cell["column"] >= 1 for cell in cells)  # the row names are in each cell, not a column
        columns = sorted({cell["column"] for cell in cells})
        assert len(columns) == len(stakeholders)
        for column, name in zip(columns, stakeholders, strict=True):
            own = [cell for cell in cells if cell["column"] == column]
            head = min(own, key=lambda cell: cell["top"])
            assert head["head"] and head["text"].startswith(name)  # each block opens with the stakeholder ...
            if table is tables[0]:
                assert head["role"] and head["role"] in head["text"]  # ... and their role
            for cell in own:
                assert cell["left"] == pytest.approx(table["left"], abs=1)  # the whole width, one under the other
                assert cell["right"] == pytest.approx(table["right"], abs=1)
                if not cell["head"]:
                    assert cell["label"] not in ("none", "normal", ""), cell  # and each cell names its row
        for first, second in itertools.pairwise(columns):
            assert max(c["bottom"] for c in cells if c["column"] == first) <= min(
                c["top"] for c in cells if c["column"] == second
            )  # one stakeholder after the other, never side by side
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate(CUT_CHIPS) == []


def test_on_a_phone_an_account_shows_one_stakeholder_at_a_time(page_at: OpenPage) -> None:
    page = page_at("accounts/ziekenhuis-noord/", 390, 844)
    assert_one_stakeholder_at_a_time(page, ["Chirurg", "Directeur ziekenhuis"])


def test_on_a_phone_the_compare_view_shows_one_map_at_a_time(page_at: OpenPage) -> None:
    page = page_at("maps/", 390, 844)
    page.get_by_label("Vergelijk: Fanatieke hardloper").check()
    page.get_by_label("Vergelijk: Chirurg").check()
    page.get_by_role("button", name="Vergelijk de gekozen maps").click()
    page.wait_for_selector("[data-ep-compare] table:not([hidden]) thead th:nth-child(3)")
    assert page.locator("[data-ep-compare] .ep-need").count() > 5  # chips to check
    assert_one_stakeholder_at_a_time(page, ["Chirurg", "Fanatieke hardloper"])


def test_on_a_desktop_the_stakeholders_stay_side_by_side(page_at: OpenPage) -> None:
    page = page_at("accounts/ziekenhuis-noord/", 1280, 800)
    heads = page.locator(".ep-side-by-side table").first.locator("thead th")
    boxes = [bounds(heads.nth(i)) for i in range(heads.count())]
    assert len({round(box["y"]) for box in boxes}) == 1  # one row of columns
