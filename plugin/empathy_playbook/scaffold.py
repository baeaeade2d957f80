"""A new map from the template: `empathy-playbook new "Title"`."""

from __future__ import annotations

import json
from pathlib import Path

from .fields import FIELDS
from .i18n import Labels
from .slugs import slugify
from .vocabulary import EXTRA_SECTIONS, GRID_ORDER

SCHEMA_FILE = "schema/empathy-map.schema.json"
"""Where the repository keeps the JSON Schema of the front matter, from the project root."""


def new_map_path(folder: Path, title: str) -> Path:
    return folder / f"{slugify(title)}.md"


def new_map_text(title: str, language: str, schema: str | None) -> str:
    """The text of a new map: every front matter key (commented out), the six headings with their question.

    `schema` is the path from the map to the JSON Schema, for editors with the YAML language server.
    """
    labels = Labels(language)
    lines = ["---"]
    if schema:
        lines.append(f"# yaml-language-server: $schema={schema}")
    # A JSON string is a valid YAML string, whatever the title holds.
    lines.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    width = max(len(spec.name) for spec in FIELDS) + 2
    for spec in FIELDS:
        if spec.name != "title":
            hint = labels.get(f"field.{spec.name}") or spec.description
            lines.append(f"# {spec.name + ':':<{width}} {hint}")
    lines += ["---", "", f"<!-- {labels['new.intro']} -->", ""]
    for key in GRID_ORDER:
        lines += [
            f"## {labels[key]}",
            "",
            f"<!-- {labels[f'question.{key}']} -->",
            f"<!-- - {labels['new.item']} -->",
            "",
        ]
    # The optional sections as comments: a heading with nothing under it would be an error.
    lines.append(f"<!-- {labels['new.optional']} -->")
    for key in EXTRA_SECTIONS:
        lines += ["", f"<!-- ## {labels[key]} -->", f"<!-- {labels[f'question.{key}']} -->"]
    return "\n".join(lines) + "\n"
