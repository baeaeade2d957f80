"""The labels (i18n.py): every key is used, so a label cannot outlive the page element it named."""

from __future__ import annotations

import re
from pathlib import Path

import empathy_playbook
from empathy_playbook.fields import FIELDS, Kind
from empathy_playbook.i18n import LANGUAGES

PACKAGE = Path(empathy_playbook.__file__).parent

# Keys made in the code from a prefix and a key (`labels[f"question.{key}"]`, `"gap." ~ gap.key`); the
# fields' own (`market.b2b`, `routine.age`, `relation.in.advises`) follow from FIELDS.
MADE_FROM_A_PREFIX = ("question.", "description.", "field.", "gap.")


def _prefixes() -> tuple[str, ...]:
    from_fields = [f"{spec.choice_labels}." for spec in FIELDS if spec.choice_labels]
    from_fields += [f"{spec.name}." for spec in FIELDS if spec.kind is Kind.MAPPING]
    return (*MADE_FROM_A_PREFIX, *from_fields)


def test_every_label_key_is_used() -> None:
    sources = [
        path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*"))
        if path.suffix in (".py", ".html", ".js") and path.name != "i18n.py"
    ]
    used = set().union(*(re.findall(r"""["']([\w.-]+)["']""", text) for text in sources))
    keys = {key for table in LANGUAGES.values() for key in table}
    unused = sorted(key for key in keys if key not in used and not key.startswith(_prefixes()))
    assert unused == [], f"no page shows these labels: remove them from i18n.py: {unused}"
