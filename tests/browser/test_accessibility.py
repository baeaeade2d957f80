"""Readable for everyone: axe-core finds nothing serious in either palette; the grid works by keyboard."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..support import OpenPage

PAGES = [
    "",
    "maps/zorg/chirurg/",
    "maps/",
    "needs/",
    "metaphors/",
    "review/",
    "onboarding/",
    "bijdragen/",
    "en/maps/retail/store-manager/",
]
AXE = Axe()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_accessibility_violation(page_at: OpenPage, path: str, dark: bool) -> None:
    page = page_at(path, dark=dark)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == ("slate" if dark else "default")  # the palette really is the one under test
    violations = AXE.run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_the_sections_are_reached_by_keyboard_and_announced_by_their_heading(page_at: OpenPage) -> None:
    page = page_at("maps/zorg/chirurg/")
    reached: list[tuple[str, str]] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || !el.dataset.section) return null;
                const heading = document.getElementById(el.getAttribute('aria-labelledby'));
                return [el.dataset.section, heading && heading.textContent];
            }"""
        )
        if focused and focused[0] not in [key for key, _ in reached]:
            reached.append(tuple(focused))
    assert reached == [
        ("thinks-feels", "Denkt & voelt"),
        ("hears", "Hoort"),
        ("sees", "Ziet"),
        ("says-does", "Zegt & doet"),
        ("pains", "Frustraties"),
        ("gains", "Wil bereiken"),
        ("approach", "Aanpak"),
        ("story", "Verhaal"),
    ]
    name = page.get_by_role("region", name="Ziet")
    assert name.count() == 1  # a landmark a screen reader lists by its heading
