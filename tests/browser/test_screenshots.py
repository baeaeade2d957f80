"""Screenshots of the tests' Dutch playbook for the README and the home page, made by the browser suite.

They are always taken (so the pages render); `UPDATE_SCREENSHOTS=1 ./dev test tests/browser/test_screenshots.py`
also writes them to docs/assets/screenshots/, where the README and the home page show them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ..support import REPO, OpenPage

SHOTS = {
    "map-light.png": ("maps/zorg/chirurg/", False),
    "map-dark.png": ("maps/zorg/chirurg/", True),
    "needs.png": ("needs/", False),
}


@pytest.mark.parametrize("name", sorted(SHOTS))
def test_screenshot(page_at: OpenPage, name: str, tmp_path: Path) -> None:
    path, dark = SHOTS[name]
    page = page_at(path, 1280, 900, dark=dark)
    target = (REPO / "docs" / "assets" / "screenshots" if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=False)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1280  # width, from the PNG header
