"""Messages in the site's language: one catalogue, English and Dutch, the same through `check` and the build."""

from __future__ import annotations

import ast
import json
import os
import string
from pathlib import Path

import pytest

import empathy_playbook
from empathy_playbook.fields import FIELDS
from empathy_playbook.i18n import Labels
from empathy_playbook.messages import CATALOGUE, LANGUAGES, PROBLEMS, WRITTEN_HEADINGS, language_of, message_table
from empathy_playbook.model import Report
from empathy_playbook.scaffold import new_map_text
from empathy_playbook.vocabulary import DEFAULT_HEADINGS, Vocabulary

from .support import DUTCH_SECTIONS, GOOD_MAP, REPO, Site, run_program, soup

DUTCH_MAP = (
    """\
---
title: Testklant
market: b2b
---

"""
    + DUTCH_SECTIONS
)

# One map with three mistakes: a wrong buying role (line 4), a date in the wrong format (line 5),
# and no '## Wil bereiken' section (reported at the last line, where it can be added).
BROKEN = DUTCH_MAP.replace("market: b2b\n", "market: b2b\nbuying_role: koper\nreviewed: 28-11-2026\n").replace(
    "\n## Wil bereiken\n- groei #psychologisch\n", ""
)

EXPECTED = {
    "nl": [
        "maps/klant.md:4: 'buying_role' moet een van 'gebruiker', 'beïnvloeder', 'inkoper', 'beslisser', "
        "'poortwachter', 'initiatiefnemer' zijn, niet 'koper'; bedoel je 'inkoper'?",
        "maps/klant.md:5: 'reviewed' hoort een datum te zijn, geschreven als JJJJ-MM-DD, zoals 2024-05-31, "
        "niet '28-11-2026'",
        "maps/klant.md:21: het onderdeel 'Wil bereiken' ontbreekt; voeg een kopje '## Wil bereiken' toe "
        "met de items eronder, bijvoorbeeld onder deze regel, het eind van de map",
    ],
    "en": [
        "maps/klant.md:4: 'buying_role' must be one of 'user', 'influencer', 'buyer', 'decider', 'gatekeeper', "
        "'initiator', not 'koper'; did you mean 'inkoper'?",
        "maps/klant.md:5: 'reviewed' should be a date written as YYYY-MM-DD, like 2024-05-31, not '28-11-2026'",
        "maps/klant.md:21: the section 'Gains' is missing; add a heading '## Gains' with its items, for example "
        "below this line, the end of the map",
    ],
}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_message_has_both_languages_with_the_same_parameters(code: str) -> None:
    entry = CATALOGUE[code]

    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    assert fields(entry.en) == fields(entry.nl), code
    assert (entry.en == "") == (entry.nl == ""), code  # only the empty fragment is empty
    assert entry.level in (None, "error", "warning")


def test_problem_codes_are_stable_words() -> None:
    for entry in PROBLEMS:
        assert entry.code.replace("_", "").replace(".", "").isalnum() and entry.code.islower(), entry.code


def test_the_headings_a_message_asks_for_are_known_headings() -> None:
    vocabulary = Vocabulary()
    for language in LANGUAGES:
        for key, heading in WRITTEN_HEADINGS[language].items():
            assert heading in DEFAULT_HEADINGS[key] and vocabulary.section_for(heading) == key


@pytest.mark.parametrize(("setting", "language"), [("nl", "nl"), ("nl_NL", "nl"), ("en-GB", "en"), ("de", "en")])
def test_site_languages_map_to_message_languages(setting: str, language: str) -> None:
    assert language_of(setting) == language


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_build_speaks_the_site_s_language(site: Site, language: str) -> None:
    site.configure(language=language)
    site.write("maps/klant.md", BROKEN)
    site.build(strict=True)
    assert site.aborted
    site.expect(*(f"ERROR {message}" for message in EXPECTED[language]))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_check_speaks_the_language_of_mkdocs_yml(site: Site, language: str) -> None:
    site.configure(language=language)
    site.write("maps/klant.md", BROKEN)
    result = run_program("check", cwd=site.root)
    level = {"nl": "fout", "en": "error"}[language]
    # 'path:line: level: message': the level, in the language too, between the line and the message.
    expected = [_with_level(m, level) for m in EXPECTED[language]]
    assert result.stdout.splitlines()[:-1] == expected
    assert (
        result.stdout.splitlines()[-1]
        == {
            "nl": "1 map gecontroleerd: 3 fouten, 0 waarschuwingen.",
            "en": "1 map checked: 3 errors, 0 warnings.",
        }[language]
    )
    assert result.returncode == 1


@pytest.mark.parametrize(("site_language", "asked"), [("nl", "en"), ("en", "nl")])
def test_lang_overrides_the_site_s_language(site: Site, site_language: str, asked: str) -> None:
    site.configure(language=site_language)
    site.write("maps/klant.md", BROKEN)
    result = run_program("check", "--lang", asked, cwd=site.root)
    level = {"nl": "fout", "en": "error"}[asked]
    assert result.stdout.splitlines()[:-1] == [_with_level(m, level) for m in EXPECTED[asked]]


def test_json_gives_a_code_beside_the_message_in_either_language(site: Site) -> None:
    site.configure(language="nl")
    site.write("maps/klant.md", BROKEN)
    dutch = json.loads(run_program("check", "--format", "json", cwd=site.root).stdout)
    english = json.loads(run_program("check", "--format", "json", "--lang", "en", cwd=site.root).stdout)
    assert (
        [p["code"] for p in dutch]
        == [p["code"] for p in english]
        == [
            "value.not_a_choice",
            "date.format",
            "section.missing",
        ]
    )
    assert dutch[2]["message"] != english[2]["message"]


def test_the_problem_box_on_a_dutch_page_talks_to_a_reader_in_dutch(site: Site) -> None:
    site.configure(language="nl")
    site.write("maps/klant.md", BROKEN)
    site.write("maps/goed.md", DUTCH_MAP)
    site.build()
    site.claim_all(r"^ERROR maps/klant\.md")
    box = soup(site.html("maps/klant")).select_one(".ep-problems")
    assert box is not None
    text = box.get_text(" ", strip=True)
    assert "Deze map is nog niet af" in text
    assert "het onderdeel 'Wil bereiken' ontbreekt" in text
    assert "mkdocs" not in text and "--strict" not in text  # words for a reader, not for a developer
    assert "ep-problems" not in site.html("maps/goed")


def test_an_english_site_with_an_english_map_stays_english(site: Site) -> None:
    site.write("maps/a.md", GOOD_MAP.replace("## Gains\n- growth #psychological\n", ""))
    site.build()
    site.expect(
        "ERROR maps/a.md:19: the section 'Gains' is missing; add a heading '## Gains' with its items, "
        "for example below this line, the end of the map"
    )


def _with_level(message: str, level: str) -> str:
    path, line, text = message.split(":", 2)
    return f"{path}:{line}: {level}:{text}"


# --- the catalogue is the one source: no message is worded outside it ------------------------------------

_PACKAGE = Path(empathy_playbook.__file__).parent
_WORDING_CALLS = {"error", "warning", "phrase", "say"}
"""Report.error/warning(line, code), phrase(code) and say(code, language): the code is the first string."""


def _calls_with_text() -> list[tuple[str, int, ast.expr]]:
    """(module, line, argument) for every string-like argument of a call that words a message."""
    found: list[tuple[str, int, ast.expr]] = []
    for module in sorted(_PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _WORDING_CALLS:
                found += [(module.name, node.lineno, arg) for arg in node.args if isinstance(arg, ast.JoinedStr)]
                found += [
                    (module.name, node.lineno, arg)
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                ]
    return found


def _has_words(text: ast.JoinedStr) -> bool:
    """An f-string may join worded parts ('{path}: {say(...)}'), but holds no words of its own."""
    return any(isinstance(part, ast.Constant) and any(c.isalpha() for c in str(part.value)) for part in text.values)


def test_every_message_the_code_words_is_a_code_of_the_catalogue() -> None:
    """An f-string or a sentence passed to report.error/warning, phrase or say would be English-only."""
    calls = _calls_with_text()
    assert len(calls) > 100  # the scan sees the calls (it would pass vacuously otherwise)
    outside = [
        f"{module}:{line}: {ast.unparse(arg)}"
        for module, line, arg in calls
        if (
            _has_words(arg)
            if isinstance(arg, ast.JoinedStr)
            else isinstance(arg, ast.Constant) and arg.value not in {*CATALOGUE, *LANGUAGES}
        )
    ]
    assert outside == []


def test_a_message_outside_the_catalogue_fails_at_once() -> None:
    report = Report("maps/a.md")
    with pytest.raises(KeyError, match="no message 'the file is broken' in the catalogue"):
        report.error(1, "the file is broken")
    with pytest.raises(ValueError, match=r"'file\.lone_cr' is a warning in the catalogue, not a error"):
        report.error(1, "file.lone_cr")
    assert report.problems == []


def test_every_entry_of_the_catalogue_is_used() -> None:
    """A code no module names is a message nobody can meet: dead words in CONTRIBUTING.md's table."""
    source = "\n".join(
        module.read_text(encoding="utf-8") for module in _PACKAGE.glob("*.py") if module.name != "messages.py"
    )
    # Codes made from a name at run time: '{field}.missing', 'level.{level}', counted(n, one, many) pairs.
    dynamic = {"level.error", "level.warning"}
    unused = [code for code in CATALOGUE if f'"{code}"' not in source and code not in dynamic]
    assert unused == []


def test_contributing_lists_every_message_from_the_catalogue() -> None:
    """CONTRIBUTING.md's table of messages is the catalogue's: UPDATE_CONTRIBUTING=1 rewrites it."""
    path = REPO / "CONTRIBUTING.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- messages:start -->\n", "<!-- messages:end -->"
    before, rest = text.split(start)
    _, after = rest.split(end)
    current = before + start + message_table("nl") + end + after
    if os.environ.get("UPDATE_CONTRIBUTING"):
        path.write_text(current, encoding="utf-8")
    assert text == current, (
        "CONTRIBUTING.md's table is out of date: UPDATE_CONTRIBUTING=1 ./dev test tests/test_messages.py"
    )
    for entry in PROBLEMS:
        assert f"`{entry.code}`" in text


def test_the_message_table_shows_each_message_with_blanks_for_what_a_map_wrote() -> None:
    table = message_table("nl")
    assert "| `section.missing` | fout | het onderdeel '…' ontbreekt; voeg een kopje '## …' toe" in table
    assert "| `yaml.comment` | waarschuwing | YAML leest '…' als commentaar" in table
    assert len(table.splitlines()) == len(PROBLEMS) + 2


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_template_explains_every_key_in_its_language(language: str) -> None:
    text = new_map_text("Buyer", language, None)
    labels = Labels(language)
    for spec in FIELDS:
        label = labels.get(f"field.{spec.name}")
        assert label, spec.name
        if spec.name != "title":
            assert f"# {spec.name}:" in text and label in text, spec.name
