"""The JSON Schema of a map's front matter, against the validator it is generated from (no programs, no MkDocs)."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from empathy_playbook import Vocabulary, parse_map
from empathy_playbook.schema import json_schema


class _YAML12Dates(yaml.SafeLoader):
    """Dates stay text, as an editor's YAML language server (YAML 1.2) reads them."""


def _as_written(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    assert isinstance(node, yaml.ScalarNode)
    return str(loader.construct_scalar(node))


_YAML12Dates.add_constructor("tag:yaml.org,2002:timestamp", _as_written)


def _front_matter(text: str) -> object:
    return yaml.load(text.split("---", 2)[1], Loader=_YAML12Dates)


FRONT_MATTERS = [
    "title: T",
    "title: T\nmarket: B2B\nreviewed: 2024-02-29\nmetaphor: [a, b]\nroutine: {age: 45}",
    "role: x",
    "title: ''",
    "title: T\nsegment: NO",
    "title: T\nrole: 1234",
    "title: T\nmarket: b2d",
    "title: T\nreviewed: 2024-02-30",
    "title: T\nreviewed: last week",
    "title: T\nrole: [a, b]",
    "title: T\ntags: a",
    "title: T\norganisation: A\norganization: B",
    "title: T\nroutine: old",
    "title: T\nroutine: {age: [1, 2]}",
    "title: T\nsubject: famous",
    "title: T\nmetafoor: x",
    "title: T\nbuying_role: decider",
    "title: T\nbuying_role: [Beslisser, gatekeeper]",
    "title: T\nbuying_role: BEÏNVLOEDER",
    "title: T\nbuying_role: beinvloeder",
    "title: T\nbuying_role: {role: decider}",
    "title: T\nbuying_role: boss",
    "title: T\nbuying_role: [decider, boss]",
    "title: T\nrelations:\n  - map: zorg/arts\n    kind: influences",
    "title: T\nrelations:\n  - map: zorg/arts.md\n    kind: Beïnvloedt\n  - {map: a, kind: rapporteert-aan}",
    "title: T\nrelations:",
    "title: T\nrelations:\n  - map: zorg/arts\n    kind: likes",
    "title: T\nrelations:\n  - map: zorg/arts",
    "title: T\nrelations:\n  - kind: blocks",
    "title: T\nrelations: zorg/arts",
    "title: T\nrelations:\n  - zorg/arts",
    "title: T\nrelations:\n  - {map: a, kind: blocks, why: x}",
    "title: T\nrelations:\n  - {map: '', kind: blocks}",
]


@pytest.mark.parametrize("front_matter", FRONT_MATTERS)
def test_the_schema_accepts_and_rejects_what_the_validator_does(front_matter: str) -> None:
    source = f"---\n{front_matter}\n---\n"
    m = parse_map(source.encode(), path="x.md", url_path="x", vocabulary=Vocabulary())
    front_matter_problems = [
        p for p in m.problems if p.line <= front_matter.count("\n") + 2 and "section" not in p.message
    ]
    validator = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())
    schema_errors = list(validator.iter_errors(_front_matter(source)))
    assert bool(front_matter_problems) == bool(schema_errors), (front_matter_problems, schema_errors)
