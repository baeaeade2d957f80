"""The core on its own: reading one map, with no MkDocs involved. Every rule with its message and line."""

from __future__ import annotations

import datetime
import textwrap
import time

import pytest

from empathy_playbook import GRID_SECTIONS, EmpathyMap, Level, NeedCategory, Vocabulary, parse_map, safe_yaml
from empathy_playbook.privacy import NO_PERSONAL_DATA

SECTIONS = """\
## Sees
- the market #economic
## Hears
- colleagues
## Thinks and feels
- worries
## Says and does
- quotes
## Pains
- delays #functional
## Gains
- growth #psychological
"""


def read(source: str, vocabulary: Vocabulary | None = None) -> tuple[EmpathyMap, list[str]]:
    m = parse_map(
        textwrap.dedent(source).encode(), path="maps/x.md", url_path="x", vocabulary=vocabulary or Vocabulary()
    )
    return m, [f"{p.line}: {p.level.value}: {p.message}" for p in m.problems]


def problems(source: str, vocabulary: Vocabulary | None = None) -> list[str]:
    return read(source, vocabulary)[1]


def test_a_complete_map_has_no_problems_and_keeps_everything() -> None:
    m, found = read(
        "---\n"
        "title: Inkoper\n"
        "role: Hoofd inkoop\n"
        "organization: Acme\n"
        "market: B2B\n"
        "segment: Prijskopers\n"
        "account: Acme\n"
        "metaphor: [Racefiets, Schaakspel]\n"
        "routine:\n  age: 45-55\n  income: 045\n  hobby: zeilen\n"
        "owner: Jan\n"
        "reviewed: 2024-05-31\n"
        "tags: [a, b]\n"
        "---\nIntro text.\n\n" + SECTIONS
    )
    assert found == []
    p = m.profile
    assert (p.title, p.role, p.organisation, p.market, p.segment, p.account) == (
        "Inkoper",
        "Hoofd inkoop",
        "Acme",
        "b2b",
        "Prijskopers",
        "Acme",
    )
    assert p.metaphors == ("Racefiets", "Schaakspel")
    assert [(e.key, e.value, e.line) for e in p.routine] == [
        ("age", "45-55", 10),
        ("income", "045", 11),
        ("hobby", "zeilen", 12),
    ]
    assert p.reviewed == datetime.date(2024, 5, 31)
    assert p.tags == ("a", "b")
    assert list(m.sections) == list(GRID_SECTIONS)
    assert [text for _, text in m.intro if text] == ["Intro text."]
    sees = m.sections["sees"]
    assert sees.line == 19
    assert [(i.text, i.line, i.needs) for i in sees.items] == [("the market", 20, ("economic",))]


def test_headings_match_in_either_language_whatever_the_case_ampersand_and_trailing_punctuation() -> None:
    m, found = read(
        "---\ntitle: T\n---\n"
        "## ZIET?\n- a\n## hoort:\n- b\n## Denkt & voelt\n- c\n## Zeggen en doen\n- d\n"
        "## Pijnpunten\n- e\n## Doelen\n- f\n## Onze aanpak\n- g\n## Verhaal\n- h\n"
    )
    assert found == []
    assert list(m.sections) == [*GRID_SECTIONS, "approach", "story"]


def test_thinks_ampersand_feels_is_thinks_and_feels() -> None:
    m, _ = read("---\ntitle: T\n---\n## Thinks & Feels\n- a\n")
    assert "thinks-feels" in m.sections


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("role: x", "2: error: 'title' is missing or empty; add 'title: <the persona or buyer, as shown>'"),
        ("title: ''", "2: error: 'title' is missing or empty; add 'title: <the persona or buyer, as shown>'"),
        ("title: T\nmetafoor: Fiets", "3: warning: unknown key 'metafoor'; did you mean 'metaphor'?"),
        (
            "title: T\nsegment: NO",
            "3: error: YAML reads 'NO' as a yes/no value, not as text; put it in quotes: segment: \"NO\"",
        ),
        (
            "title: T\nrole: 1234",
            "3: error: YAML reads '1234' as a number, not as text; put it in quotes: role: \"1234\"",
        ),
        ("title: T\nmarket: business", "3: error: 'market' must be 'b2b' or 'b2c', not 'business'"),
        (
            "title: T\nreviewed: 2024-02-30",
            "3: error: 'reviewed: 2024-02-30' is not a date that exists; check the day and month (YYYY-MM-DD)",
        ),
        (
            "title: T\nreviewed: last week",
            "3: error: 'reviewed' should be a date written as YYYY-MM-DD, like 2024-05-31, not 'last week'",
        ),
        (
            "title: T\nrole: [a, b]",
            "3: error: 'role' should be text, but it is a list; write it on one line: 'role: <text>'",
        ),
        ("title: T\ntags: a", "3: error: 'tags' should be a list; write it as 'tags: [first, second]'"),
        ("title: T\ntitle: U", "3: error: 'title' is given twice (lines 2 and 3); keep one"),
        (
            "title: T\norganisation: A\norganization: B",
            "4: error: 'organization' is given twice (lines 3 and 4); keep one",
        ),
        (
            "title: T\nrole: Head: of Sales",
            "3: error: the front matter is not valid YAML: there is a ': ' where YAML does not expect one (column 11); if it is part of a value, put the whole value in quotes, e.g. role: \"Head: of Sales\"; otherwise check the indentation",
        ),
        (
            "- a\n- b",
            "2: error: the front matter is a list, not a set of 'key: value' lines; start with 'title: <who this buyer is>'",
        ),
        ("", "2: error: the front matter is empty; add at least a line 'title: <who this buyer is>'"),
        ("title: T\n1: x", "3: error: '1' cannot be a key: keys are words like 'title' or 'role'"),
        (
            "title: T\nroutine: old",
            "3: error: 'routine' should be indented 'key: value' lines under 'routine:', like '  age: 45-55'",
        ),
    ],
)
def test_front_matter_problems_name_the_line_and_the_fix(front_matter: str, expected: str) -> None:
    assert expected in problems(f"---\n{front_matter}\n---\n{SECTIONS}")


def test_a_text_value_yaml_would_misread_is_kept_as_written() -> None:
    m, _ = read(f"---\ntitle: T\nsegment: NO\n---\n{SECTIONS}")
    assert m.profile.segment == "NO"


def test_no_front_matter_and_unclosed_front_matter_are_errors_but_the_body_is_kept() -> None:
    m, found = read(SECTIONS)
    assert (
        "1: error: the map has no front matter; start the file with a line '---', then 'title: <who this buyer is>', then '---'"
        in found
    )
    assert len(m.sections) == 6
    m, found = read("---\ntitle: T\n" + SECTIONS)
    assert (
        "1: error: the front matter that starts at line 1 is never closed; add a line '---' after the last 'key: value' line"
        in found
    )
    assert len(m.sections) == 6


def test_missing_duplicate_empty_and_unknown_sections() -> None:
    found = problems(
        "---\ntitle: T\n---\n"
        "## Sees\n- a\n"  # 4
        "## Hears\n\n<!-- todo -->\n"  # 6
        "## Thinks and feels\n- c\n"  # 9
        "## Pains\n- e\n"  # 11
        "## Sees\n- again\n"  # 13
        "## Frustatie\n- f\n"  # 15
    )
    assert found == [
        "6: error: the section 'Hears' is empty; write at least one item under it, as '- ...'",
        "13: error: the section 'Sees' appears twice (lines 4 and 13); merge the two into one (both are shown, one after the other)",
        "15: warning: unknown section heading '## Frustatie'; did you mean '## Frustraties'? (it is shown below the map)",
        "16: error: the section 'Says and does' is missing; add a heading '## Says and does' with its items, "
        "for example below this line, the end of the map",
        "16: error: the section 'Gains' is missing; add a heading '## Gains' with its items, "
        "for example below this line, the end of the map",
    ]


def test_a_duplicate_section_keeps_both_parts_with_their_own_lines() -> None:
    m, _ = read("---\ntitle: T\n---\n## Sees\n- a #economic\n## Hears\n- b\n## Sees\n- c #functional\n")
    assert [(i.text, i.line, i.needs) for i in m.sections["sees"].items] == [
        ("a", 5, ("economic",)),
        ("c", 9, ("functional",)),
    ]


def test_unknown_sections_are_kept() -> None:
    m, _ = read("---\ntitle: T\n---\n" + SECTIONS + "## Competitors\n- Acme\n")
    assert [(s.heading, s.markdown.strip()) for s in m.other_sections] == [("Competitors", "- Acme")]


def test_headings_inside_code_fences_do_not_split() -> None:
    m, found = read(
        "---\ntitle: T\n---\n" + SECTIONS.replace("- delays #functional", "```\n## Gains\n```\n~~~~\n## Sees\n~~~~")
    )
    assert "```\n## Gains\n```" in m.sections["pains"].markdown
    assert not [f for f in found if "twice" in f]


def test_an_unclosed_fence_is_reported_where_it_opens() -> None:
    found = problems("---\ntitle: T\n---\n" + SECTIONS.replace("- delays #functional", "```python\nx = 1"))
    assert (
        "13: error: the code block opened with '```' is never closed, so everything after it is shown as code; "
        "add a line with '```' where the code ends"
    ) in found


def test_heading_without_space_and_setext_heading_split_as_markdown_does() -> None:
    m, found = read(
        "---\ntitle: T\n---\n" + SECTIONS.replace("## Pains", "##Pains").replace("## Gains", "\nGains\n-----")
    )
    assert {"pains", "gains"} <= set(m.sections)
    assert (
        "12: warning: write a space after '##': '## Pains' (without it, other Markdown tools do not see a heading)"
        in found
    )
    assert (
        "15: warning: 'Gains' is underlined with '---', which makes it a heading; write '## Gains' instead, "
        "or leave a blank line above '---' for a horizontal line"
    ) in found
    assert [i.line for i in m.sections["gains"].items] == [17]


def test_a_setext_heading_right_after_an_atx_heading_splits() -> None:
    m, _ = read("---\ntitle: T\n---\n" + SECTIONS.replace("- delays #functional\n## Gains", "Gains\n-----"))
    assert m.sections["pains"].markdown == ""
    assert m.sections["gains"].items[0].text == "growth"


def test_a_line_of_dashes_right_under_a_list_item_is_no_heading() -> None:
    m, _ = read("---\ntitle: T\n---\n" + SECTIONS.replace("## Gains", "Gains\n-----"))
    assert "gains" not in m.sections


def test_level_three_headings_stay_inside_their_section() -> None:
    m, _ = read("---\ntitle: T\n---\n" + SECTIONS.replace("- quotes", "### Quotes\n- asks for quotes"))
    assert "### Quotes" in m.sections["says-does"].markdown


def test_need_tags() -> None:
    m, found = read(
        "---\ntitle: T\n---\n"
        + SECTIONS.replace(
            "- the market #economic",
            "- price #economisch #PSYCHOLOGICAL\n- C# skills\n- tag #economic in the middle\n- cost #economc\n- multi\n  line #functioneel",
        )
    )
    items = [(i.text, i.line, i.needs) for i in m.sections["sees"].items]
    assert items == [
        ("price", 5, ("economic", "psychological")),
        ("C# skills", 6, ()),
        ("tag #economic in the middle", 7, ()),
        ("cost #economc", 8, ()),
        ("multi line", 10, ("functional",)),
    ]
    assert "8: warning: unknown need tag '#economc'; did you mean '#economic'?" in found


def test_an_unknown_tag_beside_a_known_one_stays_as_text() -> None:
    m, found = read("---\ntitle: T\n---\n" + SECTIONS.replace("#economic", "#economic #budget"))
    item = m.sections["sees"].items[0]
    assert (item.text, item.needs, item.unknown_tags) == ("the market #budget", ("economic",), ("#budget",))
    assert "5: warning: unknown need tag '#budget'; the need tags are: #functional, #economic, #psychological" in found


def test_need_tags_outside_list_items_are_reported() -> None:
    found = problems(
        "---\ntitle: T\n---\nIntro #economic\n\n" + SECTIONS.replace("- colleagues", "colleagues #economic")
    )
    assert (
        "4: warning: need tags only count at the end of a list item in a section; move it under one of the section headings"
        in found
    )
    assert (
        "9: warning: need tags only count at the end of a list item in a section; start this line with '- ' to make it one"
        in found
    )


def test_custom_vocabulary() -> None:
    vocabulary = Vocabulary.with_options(
        {"pains": ["Ergernissen"]}, [NeedCategory("social", ("sociaal",), "Sociaal"), NeedCategory("economic")]
    )
    m, found = read(
        "---\ntitle: T\n---\n" + SECTIONS.replace("## Pains", "## Ergernissen").replace("#psychological", "#sociaal"),
        vocabulary,
    )
    assert "pains" in m.sections
    assert m.sections["gains"].items[0].needs == ("social",)
    assert "13: warning: unknown need tag '#functional'; the need tags are: #social, #economic" in found


def test_an_unknown_section_key_in_the_options_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown section key 'paints'"):
        Vocabulary.with_options({"paints": ["x"]})


def test_byte_order_mark_and_crlf_are_fine() -> None:
    source = ("\ufeff---\r\ntitle: T\r\n---\r\n" + SECTIONS.replace("\n", "\r\n")).encode()
    m = parse_map(source, path="maps/x.md", url_path="x", vocabulary=Vocabulary())
    assert m.problems == []
    assert m.sections["sees"].items[0].line == 5


def test_a_file_that_is_not_utf8_is_reported_at_its_line_and_still_read() -> None:
    source = b"---\ntitle: T\n---\n" + SECTIONS.replace("colleagues", "coll\xe9gues").encode("latin-1")
    m = parse_map(source, path="maps/x.md", url_path="x", vocabulary=Vocabulary())
    assert [(p.line, p.level) for p in m.problems] == [(7, Level.ERROR)]
    assert m.problems[0].message.startswith("the file is not UTF-8 text (byte 0xe9)")
    assert "coll\ufffdgues" in m.sections["hears"].markdown


def test_problem_renders_as_path_line_message() -> None:
    m, _ = read("---\nrole: x\n---\n" + SECTIONS)
    assert (
        str(m.problems[0]) == "maps/x.md:2: 'title' is missing or empty; add 'title: <the persona or buyer, as shown>'"
    )


def test_values_quoted_in_messages_are_one_short_line() -> None:
    found = problems(
        "---\ntitle: T\nsegment: NO\n---\n" + SECTIONS + "## Bad\u202e%0A::warning::" + "x" * 200 + "\n- a\n"
    )
    unknown = next(f for f in found if "unknown section heading" in f)
    assert unknown == (
        "17: warning: unknown section heading '## Bad %0A::warning::" + "x" * 41 + "…'; the sections are: "
        "Sees, Hears, Thinks and feels, Says and does, Pains, Gains, Approach, Story, Questions (it is shown below the map)"
    )


@pytest.mark.parametrize(
    ("key", "value", "personal"),
    [
        ("name", "Jan", True),
        ("address", "Dorpsstraat 1", True),
        ("age", "52", True),
        ("age", "45-55", False),
        ("age", "50+", False),
        ("age", "< 30", False),
        ("income", "€ 43.500", True),
        ("income", "40k-50k", False),
        ("income", "30 tot 40 duizend", False),
        ("income", "modaal", False),
        ("position", "Hoofd inkoop", False),
    ],
)
def test_which_routine_data_of_a_real_person_is_personal(key: str, value: str, personal: bool) -> None:
    assert NO_PERSONAL_DATA.is_personal(key, value) is personal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("decider", ("decider",)),
        ("[beslisser, Beïnvloeder]", ("decider", "influencer")),
        ("BEINVLOEDER", ("influencer",)),
        ("[user, user]", ("user",)),
    ],
)
def test_buying_roles_in_either_language(value: str, expected: tuple[str, ...]) -> None:
    m = parse_map(
        f"---\ntitle: T\nbuying_role: {value}\n---\n".encode(), path="m.md", url_path="m", vocabulary=Vocabulary()
    )
    assert m.profile.buying_roles == expected
    assert not [p for p in m.problems if p.line == 3]


def test_an_unknown_buying_role_is_an_error_with_the_nearest_role() -> None:
    m = parse_map(
        b"---\ntitle: T\nbuying_role: [decidr, boss]\n---\n", path="m.md", url_path="m", vocabulary=Vocabulary()
    )
    messages = [f"{p.line}: {p.message}" for p in m.problems if p.line == 3]
    roles = "'user', 'influencer', 'buyer', 'decider', 'gatekeeper', 'initiator'"
    assert messages == [
        f"3: 'buying_role' must be one of {roles}, not 'decidr'; did you mean 'decider'?",
        f"3: 'buying_role' must be one of {roles}, not 'boss'",
    ]


# Front matter without '&', '*' or '!' and with few collection indicators is composed by libyaml in C; the rest by
# the event walk in safe_yaml. Both must give the same map: each case below is read both ways.
BOTH_WAYS = [
    "title: Inkoper #2\nrole: Hoofd # inkoop\nsegment: NO\nowner: ~\nreviewed: 2024-05-31 #r\nmetaphor: [a #b\n  , c]",
    "title: T\nroutine:\n  age: 45-55 #x\n  income: 045\n  hobby:\ntags:\n- a #1\n- 'b #2'\nmarket: b2b",
    "title: T #t\nrelations:\n- map: zorg/arts #m\n  kind: reports-to\n- {map: x, kind: blokkeert}",
    "role: a #1\nx: [[[[[[[x #2]]]]]]]",  # eight levels: read
    "role: a #1\nx: [[[[[[[[x #2]]]]]]]]\ntitle: after the refusal",  # nine levels: refused at its line
    "title: T #1\nx:\n  a:\n    - - - - - - - deep #2\nrole: b #3",
    "title: Inkoper #2\nx: [unclosed",  # the warning above the mistake is kept
    "title: Inkoper #2\nrole: a\n--- b #3",  # a second document
    "title: T\nrole: a \x07 #b",  # a character YAML refuses
    "# only a comment",
    "'quoted'",
    "- a #1\n- b",
    "title: ''\nsubject: real #s\nreviewed: 2999-01-01",
]


@pytest.mark.parametrize("front_matter", BOTH_WAYS)
def test_libyaml_and_the_event_walk_compose_the_same_map(front_matter: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_both_languages() -> tuple[list[tuple[int, str, str, str]], str, int | None]:
        m, _ = read(f"---\n{front_matter}\n---\n{SECTIONS}")
        found = [(p.line, p.code, p.message, p.in_language("nl")) for p in m.problems]
        return found, repr(m.profile), m.subject_unclear_at

    assert safe_yaml.composable_in_c(front_matter)
    in_c = read_both_languages()
    monkeypatch.setattr(safe_yaml, "MAX_INDICATORS_IN_C", -1)  # everything through the event walk
    assert not safe_yaml.composable_in_c(front_matter)
    assert in_c == read_both_languages()
    assert in_c[0], "each case has a problem to compare"


def test_deep_nesting_is_refused_at_its_line_on_either_side_of_the_c_composer_bound() -> None:
    for padding in ("", "tags:\n" + "- a\n" * 300):  # few collection indicators, then too many for libyaml
        front_matter = f"title: T\nrole: Inkoper #2\nx: {'[' * 8}x{']' * 8}\n{padding}"
        assert safe_yaml.composable_in_c(front_matter) == (padding == "")
        found = problems(f"---\n{front_matter}---\n{SECTIONS}")
        assert [problem.split(";")[0] for problem in found[:2]] == [
            "3: warning: YAML reads '#2' as a comment, so the value stops at 'Inkoper'",
            "4: error: the front matter is nested more than 8 levels deep",
        ]


@pytest.mark.parametrize(
    ("front_matter", "in_c"),
    [
        ("title: R&D", False),
        ("title: '*star*'", False),
        ("title: wow!", False),
        ("title: " + "[" * 201, False),
        ("title: " + "- " * 201 + "x", False),
        ("title: T\n" + "k: v\n" * 199, True),
        ("title: T\n" + "k: v\n" * 200, False),
    ],
)
def test_what_may_hold_anchors_tags_or_deep_nesting_goes_to_the_event_walk(front_matter: str, in_c: bool) -> None:
    assert safe_yaml.composable_in_c(front_matter) == in_c


def test_a_quoted_value_is_text_whatever_the_same_value_unquoted_was_read_as_before() -> None:
    # safe_yaml remembers the tag of plain values met before: a quoted one must never get it.
    for _ in range(2):
        assert problems(f"---\ntitle: T\nreviewed: 2024-02-30\n---\n{SECTIONS}") == [
            "3: error: 'reviewed: 2024-02-30' is not a date that exists; check the day and month (YYYY-MM-DD)"
        ]
        assert problems(f"---\ntitle: T\nreviewed: '2024-02-30'\n---\n{SECTIONS}") == [
            "3: error: 'reviewed' should be a date written as YYYY-MM-DD, like 2024-05-31, not '2024-02-30'"
        ]


def test_a_megabyte_of_tab_indented_front_matter_is_read_in_bounded_time() -> None:
    """Each tab-indented line is an error at its line; the fixed front matter was once joined again per line
    (a megabyte of them took minutes)."""
    tabbed = "\tx: y\n" * 166_000
    started = time.process_time()
    m = parse_map(
        f"---\ntitle: T\n{tabbed}---\n{SECTIONS}".encode(), path="m.md", url_path="m", vocabulary=Vocabulary()
    )
    assert time.process_time() - started < 2  # processor time: the machine is shared
    assert [p.line for p in m.problems if p.code == "yaml.tab"] == list(range(3, 3 + 166_000))
