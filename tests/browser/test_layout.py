"""What a reader sees: the quadrant grid on a laptop and a big screen, one column on a phone.

Positions come from the elements' bounding boxes in a real browser, never from class names.
"""

from __future__ import annotations

import itertools

import pytest

MAPS = ["maps/zorg/chirurg/", "maps/consument/hardloper/", "en/maps/retail/store-manager/", "stress/maps/test/lang/"]
KEYS = ["thinks-feels", "hears", "sees", "says-does", "pains", "gains"]


def boxes(page: object) -> dict[str, dict[str, float]]:
    return page.evaluate(  # type: ignore[attr-defined]
        """keys => Object.fromEntries(keys.map(key => {
            const box = document.querySelector(`[data-section="${key}"]`).getBoundingClientRect();
            return [key, {left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: box.width}];
        }))""",
        KEYS,
    )


def overflowing(page: object) -> list[str]:
    """Elements inside a section whose content is wider than their box (text running out of it)."""
    return page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('[data-section], [data-section] *')]
            .filter(el => getComputedStyle(el).overflowX !== 'auto' && el.scrollWidth > el.clientWidth + 1
                          && el.clientWidth > 0)
            .map(el => el.tagName + ' in ' + el.closest('[data-section]').dataset.section)"""
    )


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
@pytest.mark.parametrize("path", MAPS)
def test_the_grid_is_the_classic_empathy_map_on_a_desktop(page_at: object, path: str, size: tuple[int, int]) -> None:
    page = page_at(path, *size)
    box = boxes(page)
    thinks, hears, sees, says, pains, gains = (box[key] for key in KEYS)
    assert thinks["bottom"] <= min(hears["top"], sees["top"])  # Thinks & feels above
    assert hears["right"] <= sees["left"]  # Hears left, Sees right ...
    assert hears["top"] == pytest.approx(sees["top"], abs=1)  # ... on the same band
    assert says["top"] >= max(hears["bottom"], sees["bottom"])  # Says & does below them
    assert pains["right"] <= gains["left"] and pains["top"] == pytest.approx(gains["top"], abs=1)
    assert min(pains["top"], gains["top"]) >= says["bottom"]  # Pains and Gains beneath
    person = page.locator(".ep-person").bounding_box()  # type: ignore[attr-defined]
    assert hears["right"] <= person["x"] and person["x"] + person["width"] <= sees["left"]  # the buyer in between
    for i, first in enumerate(KEYS):
        for second in KEYS[i + 1 :]:
            assert not overlap(box[first], box[second]), (first, second)
    assert overflowing(page) == []


@pytest.mark.parametrize("path", MAPS)
def test_on_a_phone_the_sections_stack_in_one_column_at_full_width(page_at: object, path: str) -> None:
    page = page_at(path, 375, 812)
    box = boxes(page)
    content = page.evaluate("document.querySelector('.ep-grid').getBoundingClientRect().width")  # type: ignore[attr-defined]
    tops = [box[key]["top"] for key in KEYS]
    assert tops == sorted(tops)  # in reading order, one under the other
    for key in KEYS:
        assert box[key]["width"] == pytest.approx(content, abs=1), key
        assert box[key]["left"] == pytest.approx(box["thinks-feels"]["left"], abs=1), key
    for first, second in itertools.pairwise(KEYS):
        assert box[first]["bottom"] <= box[second]["top"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # type: ignore[attr-defined]
    assert overflowing(page) == []


def test_long_words_and_long_lists_wrap_inside_their_box(page_at: object) -> None:
    page = page_at("stress/maps/test/lang/", 1280, 800)
    assert overflowing(page) == []
    box = boxes(page)
    assert box["pains"]["bottom"] - box["pains"]["top"] > 300  # the long list made its box grow, not overflow
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # type: ignore[attr-defined]
