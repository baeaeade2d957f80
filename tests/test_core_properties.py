"""Properties that must hold for any input, checked on generated maps and garbage (hypothesis)."""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from benchmarks.shapes import SHAPES, SIZE_LIMIT, adversarial_map
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
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
from empathy_playbook.privacy import NO_PERSONAL_DATA, PERSONAL_KEYS, is_band

from .support import assert_no_active_content, one, soup

VOCABULARY = Vocabulary()
MD = markdown.Markdown(extensions=["tables", "attr_list", "toc", "pymdownx.superfences"])

# Five seconds per example, though reading a map takes a millisecond or so: a hang or a blow-up shows as a
# failure, and a machine shared by several test runs does not (one second failed on a busy machine).
QUICK = settings(deadline=5000, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


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
        section = one(soup, f'[data-section="{key}"]')
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
        st.characters(exclude_categories=["Cs"], exclude_characters="/\x00"),
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
    if unsafe_name(relative.parts) is not None:
        return
    for part in relative.parts:
        assert html.escape(part) == part, part  # no markup: nothing for a theme to print as HTML
        assert not set(part) & set('<>:"|?*\\#%'), part  # clones on Windows; no URL syntax in the address
        assert part.encode("utf-8"), part  # valid UTF-8 (encoding fails on the bytes that are not)
        assert not part.endswith((".", " ")) and part.isprintable(), part


def _real_map(subject_line: str, routine: dict[str, str]) -> EmpathyMap:
    lines = ["---", "title: T", subject_line, "routine:"] + [
        f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in routine.items()
    ]
    source = "\n".join([*lines, "---", *(f"## {DEFAULT_HEADINGS[key][0]}\n- x" for key in GRID_SECTIONS)])
    m = parse_map(source.encode(), path="maps/x.md", url_path="x", vocabulary=VOCABULARY)
    NO_PERSONAL_DATA.apply(m)
    return m


def _spelled(key: str) -> st.SearchStrategy[str]:
    """`key` as people write it: any case, words joined by ' ', '_' or '-'."""
    return st.tuples(
        st.lists(st.booleans(), min_size=len(key), max_size=len(key)), st.sampled_from([" ", "_", "-"])
    ).map(
        lambda spec: "".join(c.upper() if up else c for c, up in zip(key, spec[0], strict=True)).replace(" ", spec[1])
    )


EXACT = st.one_of(
    st.dates()
    .map(lambda d: st.sampled_from([d.isoformat(), d.strftime("%d-%m-%Y"), d.strftime("%d/%m/%Y")]))
    .flatmap(lambda s: s),
    st.integers(1, 10**6).map(str),
    st.tuples(st.sampled_from(["€ ", "~", "ca. ", "±", "EUR ", ""]), st.integers(1000, 10**6)).map(
        lambda t: f"{t[0]}{t[1]:,}".replace(",", ".")
    ),
    st.tuples(st.integers(18, 99), st.sampled_from([" (CAO 2024-2025)", " jaar, geboren 1972-03-12", " in 2024"])).map(
        lambda t: f"{t[0]}{t[1]}"
    ),
    st.sampled_from(
        ["vijfenveertig", "forty-five", "tweeënvijftig jaar", "fifty two", "85 duizend euro bruto ongeveer"]
    ),
)


@QUICK
@given(
    key=st.sampled_from([k for field in PERSONAL_KEYS for k in (field, *PERSONAL_KEYS[field])]).flatmap(_spelled),
    value=EXACT,
)
def test_a_real_persons_personal_field_is_never_published_in_any_spelling(key: str, value: str) -> None:
    m = _real_map("subject: real", {key: value, "position": "Buyer"})
    assert [entry.key for entry in m.profile.routine] == ["position"], (key, value)


@QUICK
@given(value=EXACT)
def test_a_date_or_an_exact_amount_is_never_a_band(value: str) -> None:
    assert not is_band(value), value


@QUICK
@given(
    low=st.integers(1, 200),
    width=st.integers(1, 50),
    form=st.sampled_from(
        ["{a}-{b}", "{a} - {b}", "{a} tot {b}", "tussen {a} en {b}", "€{a}k - €{b}k", "{a}+", "< {a}.000"]
    ),
)
def test_a_clear_range_or_band_is_a_band(low: int, width: int, form: str) -> None:
    assert is_band(form.format(a=low, b=low + width))


@QUICK
@given(
    subject=st.one_of(
        st.sampled_from(
            [
                "Subject: real",
                "subjct: real",
                "SUBJECT: persona",
                "onderwerp: echt",
                "subject: [real]",
                "subject: {a: real}",
                "subject: reaal",
                "subject: echt",
                "subject: 'real person'",
            ]
        ),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)
        .filter(lambda word: word not in ("persona", "composite", "real", "null"))  # null: as if not given
        .map(lambda word: f"subject: {word}"),
    )
)
def test_a_map_whose_subject_cannot_be_read_publishes_no_routine_data(subject: str) -> None:
    m = _real_map(subject, {"position": "Buyer", "hobby": "Sailing"})
    assert m.profile.routine == () and m.subject_unclear_at == 3, subject


def cpu_seconds(work: Callable[[], object]) -> float:
    """Processor time, not wall time: the machine is shared, and the bound is on the work done."""
    start = time.process_time()
    work()
    return time.process_time() - start


@settings(deadline=None, max_examples=8, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(sorted(SHAPES)), min_size=1, max_size=2, unique=True))
def test_an_adversarial_map_at_the_size_limit_is_read_and_rendered_in_bounded_time(shapes: list[str]) -> None:
    """Check within 2 s and the page within 10 s, measured in processor time (1 MB, on this machine), with
    the site's Markdown: every shape of benchmarks/shapes.py (whose suite times the real processes)."""
    data = adversarial_map(shapes, SIZE_LIMIT)
    maps: list[EmpathyMap] = []
    assert cpu_seconds(lambda: maps.append(parse_map(data, path="maps/x.md", url_path="x", vocabulary=VOCABULARY))) < 2
    renderer = Renderer(Playbook(maps), Settings(vocabulary=VOCABULARY), Labels("en"))
    page = []
    assert cpu_seconds(lambda: page.append(renderer.map_page(maps[0], lambda target: target, convert))) < 10
    assert len(page[0].title) <= 200  # titles are bounded: they are in the navigation of every page


@pytest.mark.parametrize("shape", ["headings", "nested emphasis", "nested quotes", "brackets", "fences"])
def test_the_slowest_shapes_for_python_markdown_are_bounded_and_reported_at_their_line(shape: str) -> None:
    """Issue 11: a megabyte of them once took Python-Markdown minutes; now it is shown as written, in bounded time."""
    data = adversarial_map([shape], SIZE_LIMIT)
    m = parse_map(data, path="maps/x.md", url_path="x", vocabulary=VOCABULARY)
    assert any(
        p.level.value == "error" and ("characters long" in p.message or "blocks" in p.message) for p in m.problems
    )
    renderer = Renderer(Playbook([m]), Settings(vocabulary=VOCABULARY), Labels("en"))
    page: list[str] = []
    assert cpu_seconds(lambda: page.append(renderer.map_page(m, lambda target: target, convert).html)) < 10
    shown = BeautifulSoup(page[0], "html.parser").get_text()
    assert len(shown) > 0.9 * SIZE_LIMIT  # as written: nothing of it dropped


# Lines at the edges of a plain run (body._PLAIN_RUN): plain items and empty lines, and lines that differ from them by
# one character a check looks at, or that end a run in a way the run must respect (an underline, a continuation).
RUN_EDGES = [
    "", "", "- a", "- item #economic", "- x #economc", "- C# and F#", "- a #functional, #economic.", "- #economic",
     "- an item, a long one " * 12, "- " + "word " * 4100, "- a\u2028b", "- \u00a0a", "-\ta", "- -", "- - -", "- a - b",
     "-", "- ", "---", "--", "- a  ", " - a", "    - a", "* a", "+ a", "1. a", "  more text", "text", "# Sees",
     "## Sees", "## Pains", "Gains", "- *a*", "- _a_", "- `a`", "- [a]", "- a]", "- <b>", "- a ~", "```", "~~~",
     "> a", "- a <!--", "-->", "- {: onclick=x}", "- &amp;", "- 8<", "\t", " ", "=", "- a\ufeff", "- a" + "*" * 201,
     "- a" + "_" * 201, "- a" + "[" * 3000, "- a <" + "<" * 101,
    "- a " + "` " * 1501]  # fmt: skip
RUN_LINES = st.sampled_from(RUN_EDGES)


PLAIN_LINES = st.sampled_from(
    ["", "- a", "- item #economic", "- b #functional #economisch", "- c #foo", "- d.", "- #economic", "- C#economic",
     "- C# or #economic", "- e #foo #economic", "- f.#economic", "- g (#functional)", "- h #economic. "]
)  # fmt: skip


@QUICK
@given(st.lists(st.one_of(PLAIN_LINES, PLAIN_LINES, RUN_LINES), max_size=40), st.sampled_from(["", "## Sees\n"]))
@example(["- a #economic", "- b", "- c #functional", "- d"], "## Sees\n")  # each item its own tail, in order
def test_runs_of_plain_lines_read_as_every_line_on_its_own(lines: list[str], start: str) -> None:
    """Taking a run of plain lines at once gives what taking each line on its own gives: items, tags, problems,
    the depth checks' findings, the lines of each part, the count of blocks."""
    assert_runs_read_as_lines((start + "\n".join(lines)).split("\n"))


@pytest.mark.parametrize("edge", RUN_EDGES)
def test_a_run_of_plain_lines_stops_at_each_of_its_edges(edge: str) -> None:
    """Each edge line in the middle of plain items, right after them, and after an empty line."""
    assert_runs_read_as_lines(
        ["## Sees", "- a #economic", "- b", edge, "- c #functional", "", edge, "- d", "- e", edge]
    )


def assert_runs_read_as_lines(lines: list[str]) -> None:
    from empathy_playbook.body import split_body
    from empathy_playbook.model import Report

    def read(plain_runs: bool, vocabulary: Vocabulary) -> object:
        report = Report("x.md")
        body = split_body(lines, 5, report, vocabulary, plain_runs=plain_runs)
        sections = [*body.sections.values(), *body.other_sections]
        return (
            [(p.line, p.code, p.message) for p in report.problems],
            body.intro,
            [(s.key, s.heading, s.line, s.lines, s.items) for s in sections],
            body.unsafe_lines,
            body.flattened,
        )

    assert read(True, Vocabulary()) == read(False, Vocabulary())  # each its own: nothing remembered
    # And with the tag tails of these lines remembered (as across a playbook's maps): read from what is remembered.
    remembering = Vocabulary()
    read(False, remembering)
    assert read(True, remembering) == read(False, remembering) == read(False, Vocabulary())


@pytest.mark.parametrize("between", ["\n\n", "\n\n\n", "\n \n", "\n\n \n"])
def test_the_block_past_the_limit_is_reported_at_its_line_inside_a_run_of_plain_lines(between: str) -> None:
    """Blocks are counted in bulk over a run of plain lines; the one past MAX_BLOCKS is still found at its line,
    and every line from there is shown as written, as when each line is taken on its own."""
    from empathy_playbook.body import MAX_BLOCKS, split_body
    from empathy_playbook.depth import Flattened
    from empathy_playbook.model import Report

    lines = ("## Sees\n" + between.join(f"- item {n} #economic" for n in range(MAX_BLOCKS + 5))).split("\n")
    results = []
    for plain_runs in (True, False):
        report = Report("x.md")
        body = split_body(lines, 1, report, VOCABULARY, plain_runs=plain_runs)
        results.append(([(p.line, p.code) for p in report.problems], body.flattened, body.sections["sees"].items))
    problems, flattened, items = results[0]
    past = 2 + MAX_BLOCKS * between.count("\n")  # the heading and item 0 are the first block, item n is block n + 1
    assert [problem for problem in problems if problem[1].startswith("depth.")] == [(past, "depth.too_many_blocks")]
    assert min(flattened) == past and set(flattened.values()) == {Flattened.PIECES}
    assert len(items) == MAX_BLOCKS + 5 and items[-1].needs == ("economic",)
    assert results[0] == results[1]


@QUICK
@given(
    st.lists(
        st.one_of(YAML_BITS, BODY_BITS, PLAIN_LINES.map(lambda line: line + "\n"), st.text(max_size=20)), max_size=40
    )
)
@example(["---\n", "title: T\n", "---\n", "## Sees\n", "- a #economic\n", "- b #economc\n", "- c #economic\n", "\n"])
def test_a_map_read_without_its_body_has_the_same_problems_and_front_matter(parts: list[str]) -> None:
    """`check` reads maps without keeping their bodies (bodies=False), with tag tails remembered across maps or not:
    the same problems (in the same order), profile and subject line as the whole map, and nothing of the body."""
    data = "".join(parts).encode("utf-8", errors="replace")
    remembering = Vocabulary()
    whole = parse_map(data, path="maps/x.md", url_path="x", vocabulary=remembering)
    for vocabulary in (remembering, Vocabulary()):  # the tails of this map remembered, and not
        lean = parse_map(data, path="maps/x.md", url_path="x", vocabulary=vocabulary, bodies=False)
        assert [(p.line, p.code, p.message) for p in lean.problems] == [
            (p.line, p.code, p.message) for p in whole.problems
        ]
        assert (lean.profile, lean.subject_unclear_at) == (whole.profile, whole.subject_unclear_at)
        assert (lean.intro, lean.sections, lean.other_sections, lean.unsafe_lines, lean.flattened) == (
            [],
            {},
            [],
            set(),
            {},
        )


def test_a_vocabulary_remembers_a_bounded_number_of_headings_and_tag_tails() -> None:
    """What a vocabulary remembers across maps (the needs of tag tails, the section of a heading) is bounded: a
    playbook of hostile maps cannot fill the memory of a build or of `serve`. Past the bound, maps read the same."""
    from empathy_playbook.vocabulary import MAX_REMEMBERED

    vocabulary = Vocabulary()
    tails = [f"#economic{'.' * (n % 100)}{' ' * (n // 100)}" for n in range(MAX_REMEMBERED + 200)]  # all different
    source = "---\ntitle: T\n---\n## Sees\n" + "\n".join(f"- item {tail}" for tail in tails) + "\n"
    m = parse_map(source.encode(), path="maps/x.md", url_path="x", vocabulary=vocabulary)
    assert [item.needs for item in m.sections["sees"].items] == [("economic",)] * len(tails)
    assert {item.text for item in m.sections["sees"].items} == {"item"}
    assert len(vocabulary.known_tails) == MAX_REMEMBERED
    for n in range(MAX_REMEMBERED + 200):
        assert vocabulary.section_for(f"Sees {n}") is None
    assert vocabulary.section_for("Zien") == "sees" and vocabulary.section_for("Sees ") == "sees"
    assert len(vocabulary._sections_of) == MAX_REMEMBERED
