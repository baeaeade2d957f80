"""All maps as one JSON document, for CRM import and other tools. The format is documented in the README."""

from __future__ import annotations

import datetime
import json
from typing import Any

from .fields import FIELDS, Field, Kind
from .model import EmpathyMap, Profile, Section
from .playbook import Playbook

EXPORT_VERSION = 1


def export_document(playbook: Playbook, today: datetime.date) -> dict[str, Any]:
    return {
        "format": "empathy-playbook export",
        "version": EXPORT_VERSION,
        "exported": today.isoformat(),
        "maps": [_map(m) for m in playbook.overview()],
    }


def dumps(document: dict[str, Any]) -> str:
    """JSON that is also safe inside HTML (`<`, `>` and `&` escaped), for tools that embed it."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _map(m: EmpathyMap) -> dict[str, Any]:
    p = m.profile
    return {
        "path": m.path,
        "page": m.page_path,
        **{spec.key: _value(p, spec) for spec in FIELDS},
        "title": m.title,  # the file name when the front matter has none, as on the site
        "introduction": "\n".join(text for _, text in m.intro).strip(),
        "sections": {key: _section(section) for key, section in m.sections.items()},
        "other_sections": [_section(section) for section in m.other_sections],
        "problems": [
            {"line": problem.line, "level": problem.level.value, "code": problem.code, "message": problem.message}
            for problem in m.problems
        ],
    }


def _value(p: Profile, spec: Field) -> Any:
    """A front matter value as JSON: text, a list of texts, a date as YYYY-MM-DD (or null), routine data
    as an object, relations as a list of objects."""
    value = getattr(p, spec.key)
    if spec.kind is Kind.MAPPING:
        return {entry.key: entry.value for entry in value}
    if spec.kind is Kind.RELATIONS:
        return [{"map": relation.map, "kind": relation.kind, "line": relation.line} for relation in value]
    if spec.kind is Kind.DATE:
        return value.isoformat() if value else None
    return list(value) if isinstance(value, tuple) else value


def _section(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "line": section.line,
        "markdown": section.markdown.strip(),
        "items": [{"text": item.text, "needs": list(item.needs), "line": item.line} for item in section.items],
    }
