"""All maps as one JSON document, for CRM import and other tools. The format is documented in the README."""

from __future__ import annotations

import datetime
import json
from typing import Any

from .model import EmpathyMap, Section
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
        "title": m.title,
        "role": p.role,
        "organisation": p.organisation,
        "market": p.market,
        "segment": p.segment,
        "account": p.account,
        "buying_roles": list(p.buying_roles),
        "relations": [{"map": r.map, "kind": r.kind, "line": r.line} for r in p.relations],
        "metaphors": list(p.metaphors),
        "routine": {entry.key: entry.value for entry in p.routine},
        "owner": p.owner,
        "reviewed": p.reviewed.isoformat() if p.reviewed else None,
        "tags": list(p.tags),
        "subject": p.subject,
        "introduction": "\n".join(text for _, text in m.intro).strip(),
        "sections": {key: _section(section) for key, section in m.sections.items()},
        "other_sections": [_section(section) for section in m.other_sections],
        "problems": [
            {"line": problem.line, "level": problem.level.value, "message": problem.message} for problem in m.problems
        ],
    }


def _section(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "line": section.line,
        "markdown": section.markdown.strip(),
        "items": [{"text": item.text, "needs": list(item.needs), "line": item.line} for item in section.items],
    }
