"""Every front matter field, from its one definition (`fields.FIELDS`): nothing here names a field.

For each field a valid value passes the validator and the JSON Schema and reaches the export and
the map page (and the meeting card, where the field says so); an invalid one fails both. The
examples are chosen by the field's kind, so a new field of a known kind is tested without touching
this file.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import jsonschema
import pytest
import yaml

from empathy_playbook import Labels, Playbook, Profile, Renderer, Settings, Vocabulary, parse_map
from empathy_playbook.export import export_document
from empathy_playbook.fields import FIELDS, Field, Kind, folded
from empathy_playbook.i18n import LANGUAGES
from empathy_playbook.model import EmpathyMap
from empathy_playbook.schema import json_schema

from .support import GOOD_MAP, soup

# (valid value as written, invalid value as written) per kind; {first} and {last} are the field's choices.
EXAMPLES: dict[Kind, tuple[str, str]] = {
    Kind.TEXT: ("Some text", "[a, b]"),
    Kind.TEXTS: ("[First, Second]", "{a: b}"),
    Kind.CHOICE: ("{last}", "nonsense"),
    Kind.CHOICES: ("[{first}, {last}]", "nonsense"),
    Kind.DATE: ("2024-05-31", "last week"),
    Kind.MAPPING: ("{age: 45-55}", "old"),
    Kind.LIST: ("[first tag, second tag]", "first tag"),
    Kind.RELATIONS: ("[{{map: other, kind: {last}}}]", "old"),
}

# Relations link the maps of one account: with them, both maps name the same account.
NEEDED_BESIDE: dict[Kind, str] = {Kind.RELATIONS: "account: Test account\n"}

OTHER_MAP = "other"
"""The second map of the fixture playbook, titled as its path, which a relation names."""


def example(spec: Field, valid: bool) -> str:
    text = EXAMPLES[spec.kind][0 if valid else 1]
    return text.format(first=spec.choices[0], last=spec.choices[-1]) if spec.choices else text


def source(spec: Field, value: str) -> str:
    """GOOD_MAP with `spec` set to `value` on line 3 (the title stays on line 2)."""
    if spec.name == "title":
        return GOOD_MAP.replace("title: Test buyer\nrole: Purchaser\n", f"title: {value}\n")
    lines = f"title: Test buyer\n{spec.name}: {value}\n{NEEDED_BESIDE.get(spec.kind, '')}"
    return GOOD_MAP.replace("title: Test buyer\nrole: Purchaser\n", lines)


class _YAML12Dates(yaml.SafeLoader):
    """Dates stay text, as an editor's YAML language server (YAML 1.2) reads them."""


def _as_written(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    assert isinstance(node, yaml.ScalarNode)
    return str(loader.construct_scalar(node))


_YAML12Dates.add_constructor("tag:yaml.org,2002:timestamp", _as_written)


def schema_errors(text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())
    return [error.message for error in validator.iter_errors(yaml.load(text.split("---")[1], Loader=_YAML12Dates))]


def strings(value: Any, *, keys: bool = True) -> list[str]:
    """Every text in a YAML or JSON value: the value itself, a list's items, a mapping's values (and keys)."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [*(strings(k) if keys else []), *strings(v, keys=keys)]]
    if isinstance(value, list):
        return [s for item in value for s in strings(item, keys=keys)]
    return [value] if isinstance(value, str) else []


def shown(spec: Field, written: str) -> str:
    """How a written value reads on a page: a choice by its label (any case), other text as written."""
    if spec.choice_labels and spec.choice(written):
        return Labels("en")[f"{spec.choice_labels}.{spec.choice(written)}"].casefold()
    return written.casefold()


def profile_card(html: str) -> set[str]:
    """The labels and the values of a page's profile card (each value of a row on its own), in any case."""
    cards = soup(html).select(".ep-profile")
    if not cards:  # a meeting card shows none when the map has nothing for it
        return set()
    (card,) = cards
    labels = [dt.get_text().strip() for dt in card.select("dt")]
    values = [value.strip() for dd in card.select("dd") for value in dd.get_text().split(", ")]
    return {text.casefold() for text in [*labels, *values]}


def parsed(text: str, url_path: str) -> EmpathyMap:
    return parse_map(text.encode(), path=f"maps/{url_path}.md", url_path=url_path, vocabulary=Vocabulary())


@pytest.mark.parametrize("spec", FIELDS, ids=[spec.name for spec in FIELDS])
def test_a_valid_value_passes_both_checks_and_reaches_the_export_and_the_page(spec: Field) -> None:
    value_text = example(spec, valid=True)
    text = source(spec, value_text)
    m = parsed(text, "x")
    other = parsed(
        GOOD_MAP.replace("title: Test buyer\n", f"title: {OTHER_MAP}\n{NEEDED_BESIDE.get(spec.kind, '')}"), OTHER_MAP
    )
    assert m.problems == []
    assert schema_errors(text) == []
    value = getattr(m.profile, spec.key)
    assert value and value != getattr(Profile(), spec.key)
    written = strings(yaml.load(value_text, Loader=_YAML12Dates))

    playbook = Playbook([m, other])
    exported = export_document(playbook, datetime.date(2024, 6, 1))["maps"]
    exported_value = next(entry for entry in exported if entry["path"] == m.path)[spec.key]
    assert set(written) <= set(strings(exported_value)), (written, exported_value)

    renderer = Renderer(playbook, Settings(), Labels("en"))
    rendered = renderer.map_page(m, str, str)
    if spec.name == "title":  # the theme shows it as the page's title
        assert rendered.title == value
        return
    profile = profile_card(rendered.html)
    card = profile_card(renderer.card_page(m, str, str).html)
    for atom in strings(yaml.load(value_text, Loader=_YAML12Dates), keys=False):
        assert shown(spec, atom) in profile, (atom, profile)
        assert (shown(spec, atom) in card) is spec.on_meeting_card, (atom, card)


@pytest.mark.parametrize("spec", FIELDS, ids=[spec.name for spec in FIELDS])
def test_an_invalid_value_fails_both_checks(spec: Field) -> None:
    text = source(spec, example(spec, valid=False))
    m = parsed(text, "x")
    line = 2 if spec.name == "title" else 3
    assert [p.level.value for p in m.problems if p.line == line] == ["error"], m.problems
    assert schema_errors(text) != []


def test_the_profile_is_the_fields() -> None:
    assert {spec.key for spec in FIELDS} == set(Profile._fields)


def test_every_choice_is_a_folded_word_and_any_spelling_of_it_reads_as_it() -> None:
    # Field.choice returns a choice written exactly as it is without folding it: right only for folded words.
    for spec in FIELDS:
        for choice in spec.choices:
            assert folded(choice) == choice, (spec.name, choice)
            assert spec.choice(choice) == spec.choice(f" {choice.upper()}") == choice


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_field_and_every_shown_choice_has_its_label_in_every_language(language: str) -> None:
    table = LANGUAGES[language]
    keys = [spec.name for spec in FIELDS if spec.name != "title"]
    for spec in FIELDS:
        shown_choices = [c for c in spec.choices if c not in spec.unshown] if spec.choice_labels else []
        keys += [f"{spec.choice_labels}.{c}" for c in shown_choices]
        if spec.kind is Kind.RELATIONS:  # also shown from the other side: 'is advised by'
            keys += [f"{spec.choice_labels}.in.{c}" for c in shown_choices]
    missing = [key for key in keys if not table.get(key)]
    assert not missing, missing
    assert all(re.fullmatch(r"[a-z_]+", spec.name) for spec in FIELDS)
