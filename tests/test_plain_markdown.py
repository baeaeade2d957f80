"""The fast path for plain paragraphs and lists makes exactly what Python-Markdown makes, or declines."""

from __future__ import annotations

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from empathy_playbook.plain_markdown import SAFE_EXTENSIONS, only_safe_extensions, simple_html

FULL = markdown.Markdown(extensions=sorted(SAFE_EXTENSIONS - {"codehilite"}))
BARE = markdown.Markdown()

PIECES = st.sampled_from(
    ["Woord", "klant", "Zorg", "é", "3", " ", "  ", ".", ",", ":", ";", "'", '"', "?", "!", "(", ")", "/", "%", "+",
     "=", "-", "- ", "\n", "\n\n", "\n- ", "\n\n- ", "*", "_", "`", "[", "]", "<", "&", "#", "|", "{", "~", "\t",
     "\\", "1. ", "---", "===", "!!! note", ": ", "    ", "\r"]
)  # fmt: skip


def converted(md: markdown.Markdown, source: str) -> str:
    md.reset()
    return md.convert(source)


@settings(deadline=5000, max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_plain_text_is_converted_as_python_markdown_does(source: str) -> None:
    fast = simple_html(source)
    if fast is not None:
        assert fast == converted(FULL, source) == converted(BARE, source)


def test_the_usual_shapes_of_a_map_take_the_fast_path() -> None:
    source = "Koper in de zorg, 45 jaar.\nTweede regel.\n\n- Ziet: de prijs (per jaar) stijgt.\n- Hoort 'nee'.\n\nSlot."
    assert simple_html(source) == converted(FULL, source)
    assert simple_html("") == ""


def test_markup_and_unsure_shapes_are_left_to_python_markdown() -> None:
    for source in ["*nadruk*", "a_b", "[link](x)", "<b>x</b>", "A & B", "# Kop", "a\n- b", "- a\n\n- b", " a", "a  "]:
        assert simple_html(source) is None, source


def test_extensions_that_change_plain_text_switch_the_fast_path_off() -> None:
    assert only_safe_extensions(["toc", "tables", "markdown.extensions.attr_list", "pymdownx.superfences"])
    assert not only_safe_extensions(["toc", "smarty"])
    assert not only_safe_extensions(["nl2br"])
