"""Printing a map to take into a meeting: one A4 landscape page, the whole grid and the profile."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from empathy_playbook import Vocabulary, parse_map
from empathy_playbook.section_html import plain_text

from ..support import OpenPage
from .playbook import DUTCH_MAPS

EXAMPLES = ["zorg/chirurg", "consument/hardloper"]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]{3,}", text)


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_map_prints_on_one_a4_landscape_page_with_every_item(page_at: OpenPage, name: str, tmp_path: Path) -> None:
    page = page_at(f"maps/{name}/")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (tmp_path / "map.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"{len(reader.pages)} pages; see {tmp_path / 'map.pdf'}"
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (297, 210)  # A4 landscape, in mm
    printed = " ".join(reader.pages[0].extract_text().split())
    m = parse_map(DUTCH_MAPS[f"{name}.md"].encode(), path=name, url_path=name, vocabulary=Vocabulary())
    for key, section in m.sections.items():
        for item in section.items:
            for word in words(plain_text(item.text)):
                assert word in printed, (key, item.text, word)
    for value in (m.profile.role, m.profile.segment):
        assert " ".join(value.split()) in printed
    for chrome in ("Zoeken", "Inhoudsopgave", "Made with"):
        assert chrome not in printed  # no header, search, navigation or footer
