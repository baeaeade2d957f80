"""Every mistake a contributor makes gets one message, at its own line, in Dutch and English, through
`empathy-playbook check` and `mkdocs build --strict` alike; nothing written is moved or lost silently."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from empathy_playbook import Vocabulary, parse_map

from .support import DUTCH_SECTIONS, Site, run_program

MAP = (
    """\
---
title: Inkoper
role: Inkoper
reviewed: 2024-05-31
---

Inleiding.

"""
    + DUTCH_SECTIONS
)


@dataclass(frozen=True)
class Mistake:
    name: str
    text: str
    line: int
    code: str
    en: str
    nl: str
    level: str = "ERROR"


def _replace(old: str, new: str) -> str:
    assert old in MAP
    return MAP.replace(old, new)


FUTURE = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()

MISTAKES = [
    Mistake(
        "heading-level-1",
        _replace("## Ziet", "# Ziet"),
        9,
        "heading.level",
        "'# Ziet' is a heading of level 1, and a section heading has exactly two '#': write '## Ziet' "
        "(until then its items are shown under this section, as if it were written so)",
        "'# Ziet' is een kopje van niveau 1, en een kopje van een onderdeel heeft precies twee '#': schrijf "
        "'## Ziet' (tot dan worden de items getoond alsof het zo geschreven is)",
    ),
    Mistake(
        "heading-level-3",
        _replace("## Wil bereiken", "### Wil bereiken"),
        24,
        "heading.level",
        "'### Wil bereiken' is a heading of level 3, and a section heading has exactly two '#': write "
        "'## Wil bereiken' (until then its items are shown under this section, as if it were written so)",
        "'### Wil bereiken' is een kopje van niveau 3, en een kopje van een onderdeel heeft precies twee '#': "
        "schrijf '## Wil bereiken' (tot dan worden de items getoond alsof het zo geschreven is)",
    ),
    Mistake(
        "section-missing",
        _replace("\n## Wil bereiken\n- groei #psychologisch\n", ""),
        22,
        "section.missing",
        "the section 'Gains' is missing; add a heading '## Gains' with its items, for example below this line, "
        "the end of the map",
        "het onderdeel 'Wil bereiken' ontbreekt; voeg een kopje '## Wil bereiken' toe met de items eronder, "
        "bijvoorbeeld onder deze regel, het eind van de map",
    ),
    Mistake(
        "heading-misspelt",
        _replace("## Wil bereiken", "## Wil bereikn"),
        24,
        "heading.misspelt",
        "'## Wil bereikn' is not a section heading, so the section 'Wil bereiken' is missing; did you mean "
        "'## Wil bereiken'? (what is under it is shown below the map)",
        "'## Wil bereikn' is geen kopje van een onderdeel, dus het onderdeel 'Wil bereiken' ontbreekt; bedoel je "
        "'## Wil bereiken'? (wat eronder staat wordt onder de map getoond)",
    ),
    Mistake(
        "forgotten-colon",
        _replace("role: Inkoper", "role Inkoper"),
        3,
        "yaml.no_colon",
        "the front matter is not valid YAML: this line has no ':' after its name; write it as 'name: value', "
        "e.g. 'role: Inkoper'",
        "de kopgegevens zijn geen geldige YAML: op deze regel staat geen ':' na de naam; schrijf 'naam: waarde', "
        "bijvoorbeeld 'role: Inkoper'",
    ),
    Mistake(
        "forgotten-colon-on-the-last-line",
        _replace("reviewed: 2024-05-31", "reviewed 2024-05-31"),
        4,
        "yaml.no_colon",
        "the front matter is not valid YAML: this line has no ':' after its name; write it as 'name: value', "
        "e.g. 'reviewed: 2024-05-31'",
        "de kopgegevens zijn geen geldige YAML: op deze regel staat geen ':' na de naam; schrijf 'naam: waarde', "
        "bijvoorbeeld 'reviewed: 2024-05-31'",
    ),
    Mistake(
        "forgotten-space",
        _replace("role: Inkoper", "role:Inkoper"),
        3,
        "yaml.no_space",
        "the front matter is not valid YAML: write a space after the ':' on this line, e.g. 'role: Inkoper'",
        "de kopgegevens zijn geen geldige YAML: zet een spatie na de ':' op deze regel, bijvoorbeeld 'role: Inkoper'",
    ),
    Mistake(
        "value-cut-by-comment",
        _replace("role: Inkoper", "role: Inkoper #2"),
        3,
        "yaml.comment",
        "YAML reads '#2' as a comment, so the value stops at 'Inkoper'; if it belongs to the value, put the whole "
        'value in quotes: "Inkoper #2"',
        "YAML leest '#2' als commentaar, dus de waarde stopt bij 'Inkoper'; hoort het bij de waarde, zet dan de "
        'hele waarde tussen aanhalingstekens: "Inkoper #2"',
        "WARNING",
    ),
    Mistake(
        "review-in-the-future",
        _replace("reviewed: 2024-05-31", f"reviewed: {FUTURE}"),
        4,
        "date.future",
        f"'reviewed: {FUTURE}' is in the future; write the date of the last review (today at the latest)",
        f"'reviewed: {FUTURE}' ligt in de toekomst; schrijf de datum van de laatste herziening (uiterlijk vandaag)",
    ),
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name)
def test_the_reader_gives_one_message_at_the_line_of_the_mistake(mistake: Mistake) -> None:
    m = parse_map(mistake.text.encode(), path="maps/x.md", url_path="x", vocabulary=Vocabulary())
    assert [(p.line, p.code) for p in m.problems] == [(mistake.line, mistake.code)]
    assert m.problems[0].in_language("en") == mistake.en
    assert m.problems[0].in_language("nl") == mistake.nl


def test_a_heading_at_the_wrong_level_keeps_its_items_in_its_own_section() -> None:
    for text, key, item in ((MISTAKES[0].text, "sees", "de markt"), (MISTAKES[1].text, "gains", "groei")):
        m = parse_map(text.encode(), path="x.md", url_path="x", vocabulary=Vocabulary())
        assert [i.text for i in m.sections[key].items] == [item]
        assert all(item not in i.text for s in m.sections.values() if s.key != key for i in s.items)
    intro = parse_map(MISTAKES[0].text.encode(), path="x.md", url_path="x", vocabulary=Vocabulary()).intro
    assert "# Ziet" not in [line for _, line in intro]


@pytest.mark.parametrize(
    ("item", "needs", "shown"),
    [
        ("- Snelle levering.#functioneel", ("functional",), "Snelle levering."),
        ("- Snelle levering #functioneel.", ("functional",), "Snelle levering"),
        ("- Snelle levering #functioneel, #economisch", ("functional", "economic"), "Snelle levering"),
        ("- Snelle levering #functioneel,", ("functional",), "Snelle levering"),
        ("- Snelle levering (#functioneel)", (), "Snelle levering (#functioneel)"),  # in brackets: text, as written
        ("- Snelle levering:#functioneel!", ("functional",), "Snelle levering:"),
        ("- Werkt met C#", (), "Werkt met C#"),  # a '#' after a letter stays text
    ],
)
def test_need_tags_glued_to_punctuation_are_read_as_tags(item: str, needs: tuple[str, ...], shown: str) -> None:
    m = parse_map(_replace("- de markt #economisch", item).encode(), path="x.md", url_path="x", vocabulary=Vocabulary())
    assert m.problems == []
    (found,) = m.sections["sees"].items
    assert (found.needs, found.text) == (needs, shown)


# --- through check and the strict build, in both languages ------------------------------------------------


def _project(site: Site, language: str) -> None:
    site.configure(
        language=language,
        plugin_options="""
        onboarding:
          - map: heading-level-1
          - map: zorg/bestaat-niet
        """,
    )
    for mistake in MISTAKES:
        site.write(f"maps/{mistake.name}.md", mistake.text)
    site.write("maps/maps/zorg/ok-manager.md", MAP)


def _expected(site: Site, language: str) -> list[tuple[str, int, str, str, str]]:
    """(path, line, level, code, message) of every problem the project must give."""
    expected = [(f"maps/{m.name}.md", m.line, m.level, m.code, m.en if language == "en" else m.nl) for m in MISTAKES]
    yml = (site.root / "mkdocs.yml").read_text().splitlines()
    line = next(n for n, text in enumerate(yml, 1) if "zorg/bestaat-niet" in text)
    expected.append(
        (
            "mkdocs.yml",
            line,
            "ERROR",
            "onboarding.unknown_map",
            {
                "en": "the onboarding step 'zorg/bestaat-niet' names no map",
                "nl": "de inwerkstap 'zorg/bestaat-niet' noemt een map die niet bestaat",
            }[language],
        )
    )
    expected.append(
        (
            "maps/maps/zorg/ok-manager.md",
            1,
            "WARNING",
            "path.maps_twice",
            {
                "en": "this map is in a folder 'maps' inside the maps folder, so it is published at "
                "maps/maps/zorg/ok-manager/; move it to maps/zorg/ok-manager.md",
                "nl": "deze map staat in een folder 'maps' binnen de maps-folder, dus hij komt op maps/maps/zorg/ok-manager/; "
                "verplaats hem naar maps/zorg/ok-manager.md",
            }[language],
        )
    )
    return expected


@pytest.mark.parametrize("language", ["nl", "en"])
def test_check_gives_each_mistake_once_at_its_line(site: Site, language: str) -> None:
    _project(site, language)
    result = run_program("check", "--format", "json", cwd=site.root)
    found = [(p["path"], p["line"], p["level"].upper(), p["code"], p["message"]) for p in json.loads(result.stdout)]
    assert sorted(found) == sorted(_expected(site, language))
    assert result.returncode == 1


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_strict_build_gives_each_mistake_once_at_its_line(site: Site, language: str) -> None:
    _project(site, language)
    site.build(strict=True)
    assert site.aborted
    site.expect(*(f"{level} {path}:{line}: {message}" for path, line, level, _, message in _expected(site, language)))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("empty", [False, True], ids=["missing", "empty"])
def test_a_missing_or_empty_maps_folder_is_an_error(site: Site, language: str, empty: bool) -> None:
    site.configure(language=language)
    if empty:
        (site.root / "maps" / "zorg").mkdir(parents=True)
        site.write("maps/zorg/notities.txt", "geen map\n")
    code = "maps.empty" if empty else "maps.missing"
    message = {
        ("maps.missing", "en"): "the maps folder 'maps' does not exist, so the playbook has no maps; create it and "
        'add a map (empathy-playbook new "Title"), or set maps_dir to the folder that holds them',
        ("maps.missing", "nl"): "de maps-folder 'maps' bestaat niet, dus het playbook heeft geen maps; maak hem aan en "
        'voeg een map toe (empathy-playbook new "Titel"), of zet maps_dir op de folder waar ze staan',
        ("maps.empty", "en"): "the maps folder 'maps' holds no map (no .md file); add one "
        '(empathy-playbook new "Title")',
        ("maps.empty", "nl"): "de maps-folder 'maps' bevat geen enkele map (geen .md-bestand); voeg er een toe "
        '(empathy-playbook new "Titel")',
    }[(code, language)]
    result = run_program("check", "--format", "json", cwd=site.root)
    assert [(p["path"], p["line"], p["code"], p["message"]) for p in json.loads(result.stdout)] == [
        ("mkdocs.yml", 1, code, message)
    ]
    assert result.returncode == 1
    site.build(strict=True)
    assert site.aborted
    site.expect(f"ERROR mkdocs.yml:1: {message}")


def test_paths_given_to_check_are_checked_without_the_onboarding_list(site: Site, tmp_path: Path) -> None:
    _project(site, "en")
    result = run_program("check", "--format", "json", "maps/forgotten-space.md", cwd=site.root)
    assert [p["code"] for p in json.loads(result.stdout)] == ["yaml.no_space"]


def test_punctuation_before_the_tags_stays_in_the_text() -> None:
    item = "- Claims bij mislukking. #economisch #psychologisch"
    m = parse_map(_replace("- de markt #economisch", item).encode(), path="x.md", url_path="x", vocabulary=Vocabulary())
    (found,) = m.sections["sees"].items
    assert (found.text, found.needs) == ("Claims bij mislukking.", ("economic", "psychological"))
