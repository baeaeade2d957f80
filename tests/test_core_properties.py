"""Properties that must hold for any input, checked on generated maps and garbage (hypothesis)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from empathy_playbook import (
    DEFAULT_HEADINGS,
    GRID_SECTIONS,
    EmpathyMap,
    Labels,
    Renderer,
    Settings,
    Vocabulary,
    parse_map,
)
from empathy_playbook.discovery import unsafe_name
from empathy_playbook.playbook import Playbook

from .support import assert_no_active_content, soup

VOCABULARY = Vocabulary()
MD = markdown.Markdown(extensions=["tables", "attr_list", "toc", "pymdownx.superfences"])

# One second per example, though reading a map takes a millisecond or so: a hang or a blow-up shows as a failure.
QUICK = settings(deadline=1000, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def convert(source: str) -> str:
    MD.reset()
    return MD.convert(source)


def render(data: bytes) -> tuple[EmpathyMap, str]:
    m = parse_map(data, path="maps/x.md", url_path="x", vocabulary=VOCABULARY)
    renderer = Renderer(Playbook([m]), Settings(vocabulary=VOCABULARY), Labels("en"))
    return m, renderer.map_page(m, str, convert).html


@QUICK
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_without_an_exception(data: bytes) -> None:
    m = parse_map(data, path="maps/x.md", url_path="x", vocabulary=VOCABULARY)
    assert all(problem.line >= 1 for problem in m.problems)


YAML_BITS = st.sampled_from(
    ["---\n", "title: T\n", "role: x\n", "a: &a [1]\n", "b: *a\n", "- x\n", "  age: 4\n", "\t", ": ", "'", '"',
     "[", "]", "{", "}", "!!python/object:x ", "routine:\n", "reviewed: 2024-02-30\n", "NO: yes\n", "#", "|\n", ">\n"]
)  # fmt: skip
BODY_BITS = st.sampled_from(
    ["## Sees\n", "## Hears\n", "##Pains\n", "Gains\n---\n", "```\n", "~~~\n", "- item #economic\n", "- x #economc\n",
     "<script>alert(1)</script>\n", "[a](javascript:alert(1))\n", "{: onclick=x }\n", "<!--\n", "\r", "\r\n", "\n",
     "| a | b |\n|---|---|\n", "    code\n", "> quote\n", "\u202e", "\ufeff", "{{ config }}\n"]
)  # fmt: skip


@QUICK
@given(st.lists(st.one_of(YAML_BITS, BODY_BITS, st.text(max_size=20)), max_size=40))
def test_map_like_garbage_is_read_and_rendered_without_an_exception(parts: list[str]) -> None:
    render("".join(parts).encode("utf-8", errors="replace"))


ITEM_TEXT = st.text(
    alphabet=st.characters(whitelist_categories=("L", "Nd"), whitelist_characters=" .,'"), min_size=1, max_size=40
).filter(lambda text: re.search(r"[^\W\d_]{2}", text) is not None)


@QUICK
@given(
    title=ITEM_TEXT,
    sections=st.fixed_dictionaries(
        {
            key: st.lists(st.tuples(ITEM_TEXT, st.sets(st.sampled_from(VOCABULARY.need_keys))), min_size=1, max_size=4)
            for key in GRID_SECTIONS
        }
    ),
    language=st.sampled_from([0, 2]),
)
def test_every_item_of_a_valid_map_is_on_its_page_in_its_section(
    title: str, sections: dict[str, list[tuple[str, set[str]]]], language: int
) -> None:
    lines = ["---", f'title: "{title}"', "---"]
    for key, items in sections.items():
        heading = DEFAULT_HEADINGS[key][min(language, len(DEFAULT_HEADINGS[key]) - 1)]
        lines += ["", f"## {heading}"] + [
            f"- {text.strip()} " + " ".join(f"#{n}" for n in sorted(needs)) for text, needs in items
        ]
    m, page = render("\n".join(lines).encode())
    assert m.problems == []
    soup = BeautifulSoup(page, "html.parser")
    for key, items in sections.items():
        section = soup.select_one(f'[data-section="{key}"]')
        shown = [" ".join(li.get_text(" ").split()) for li in section.select("li")]
        for (text, needs), li in zip(items, shown, strict=True):
            assert " ".join(text.split()) in li
            assert len(section.select("li")[shown.index(li)].select("a.ep-need")) == len(needs)


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>x</a>",
        "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))", "![x](data:text/html;base64,PHNjcmlwdD4=)", "[x](vbscript:msgbox(1))",
        "<iframe src=//evil></iframe>", "<svg onload=alert(1)>", "<object data=x>", "<embed src=x>",
        "<p onclick=alert(1)>p</p>", "{: onclick=\"alert(1)\" }", "<div style=\"background:url(javascript:alert(1))\">d</div>",
        "<form action=x><input></form>", "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
        "<a href=\"jav&#x09;ascript:alert(1)\">t</a>", "<base href=//evil>", "<meta http-equiv=refresh content=0>",
        "<style>*{}</style>", "<<script>script>alert(1)<</script>/script>", "<scr<script>ipt>",
    ]
)  # fmt: skip


@QUICK
@given(st.lists(st.tuples(st.sampled_from(list(GRID_SECTIONS)), HOSTILE, st.booleans()), min_size=1, max_size=8))
def test_no_active_content_from_a_map_reaches_the_page(attacks: list[tuple[str, str, bool]]) -> None:
    body = {key: ["- safe"] for key in GRID_SECTIONS}
    for key, attack, as_item in attacks:
        body[key].append(f"- {attack}" if as_item else f"\n{attack}\n")
    source = "---\ntitle: T\n---\nIntro " + attacks[0][1] + "\n"
    for key in GRID_SECTIONS:
        source += f"\n## {DEFAULT_HEADINGS[key][0]}\n" + "\n".join(body[key]) + "\n"
    _, page = render(source.encode())
    assert_no_active_content(soup(page))


NAME_PART = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
        st.sampled_from(list("<>:\"|?*&'`#% .")),
        st.sampled_from([chr(0xDC80 + byte) for byte in (0x7F, 0xE9, 0xFF)]),  # bytes that are not UTF-8
    ),
    min_size=1,
    max_size=12,
).filter(lambda part: part not in (".", ".."))


@QUICK
@given(st.lists(NAME_PART, min_size=1, max_size=3))
def test_a_name_that_reaches_a_page_is_refused_or_is_plain_text(parts: list[str]) -> None:
    """A folder or file name becomes an address and a navigation title (HTML, in MkDocs themes)."""
    relative = Path(*parts[:-1], parts[-1] + ".md")
    if unsafe_name(relative) is not None:
        return
    for part in relative.parts:
        assert html.escape(part) == part, part  # no markup: nothing for a theme to print as HTML
        assert not set(part) & set('<>:"|?*\\#%'), part  # clones on Windows; no URL syntax in the address
        assert part.encode("utf-8"), part  # valid UTF-8 (encoding fails on the bytes that are not)
        assert not part.endswith((".", " ")) and part.isprintable(), part
