"""The JSON Schema of a map's front matter, generated from `fields.FIELDS`: never kept by hand."""

from __future__ import annotations

import re
from typing import Any

from .fields import FIELDS, ROUTINE_KEYS, Field, Kind, folded

SCHEMA_ID = "https://empathy-playbook.invalid/schema/empathy-map.schema.json"
"""An identifier, not an address: editors find the schema through the map's modeline."""


def json_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for spec in FIELDS:
        for name in (spec.name, *spec.aliases):
            properties[name] = {"description": spec.description, **_value_schema(spec)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Empathy map front matter",
        "description": "The front matter of a map in an empathy playbook (see the README's 'The map format').",
        "type": "object",
        "required": [spec.name for spec in FIELDS if spec.required],
        "properties": properties,
        "additionalProperties": False,
        # organisation and organization are one key: give it once.
        "not": {"required": ["organisation", "organization"]},
    }


def _value_schema(spec: Field) -> dict[str, Any]:
    text: dict[str, Any] = {"type": "string", "minLength": 1} if spec.required else {"type": ["string", "null"]}
    if spec.kind is Kind.TEXT:
        return text
    if spec.kind is Kind.TEXTS:
        return {"anyOf": [{"type": ["string", "null"]}, {"type": "array", "items": {"type": "string"}}]}
    if spec.kind is Kind.LIST:
        return {"type": ["array", "null"], "items": {"type": "string"}}
    if spec.kind is Kind.CHOICE:
        return _choice_schema(spec)
    if spec.kind is Kind.CHOICES:
        return {"anyOf": [_choice_schema(spec), {"type": "array", "items": _choice_schema(spec)}]}
    if spec.kind is Kind.DATE:
        return {"type": ["string", "null"], "format": "date", "examples": ["2024-05-31"]}
    if spec.kind is Kind.RELATIONS:
        return {
            "type": ["array", "null"],
            "items": {
                "type": "object",
                "required": ["map", "kind"],
                "properties": {
                    "map": {
                        "type": "string",
                        "minLength": 1,
                        "description": "The other map's path below the maps folder, e.g. zorg/raad-van-bestuur.",
                    },
                    "kind": {**_choice_schema(spec), "description": "How this buyer relates to the other map's."},
                },
                "additionalProperties": False,
            },
        }
    if spec.kind is Kind.MAPPING:
        scalar = {"type": ["string", "number", "boolean", "null"]}
        return {
            "type": ["object", "null"],
            "properties": {key: {**scalar, "description": f"Routine data: {key}."} for key in ROUTINE_KEYS},
            "additionalProperties": scalar,
        }
    raise ValueError(f"no JSON Schema for a field of kind {spec.kind}")


def _choice_schema(spec: Field) -> dict[str, Any]:
    """A string naming one of the choices or their aliases, as the validator compares them: in any case,
    with or without accents (`Beïnvloeder`, `beinvloeder`). JSON Schema patterns have no flag for that."""

    def letter(c: str) -> str:
        spellings = dict.fromkeys(c.lower() + c.upper() + folded(c) + folded(c).upper())
        return f"[{''.join(spellings)}]" if len(spellings) > 1 else re.escape(c)

    words = [*spec.choices, *spec.choice_aliases]
    either = "|".join("".join(letter(c) for c in word) for word in words)
    return {"type": ["string", "null"], "pattern": f"^(?:{either})$", "examples": list(spec.choices)}
