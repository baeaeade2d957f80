"""The JSON Schema of a map's front matter, generated from `fields.FIELDS`: never kept by hand."""

from __future__ import annotations

from typing import Any

from .fields import FIELDS, ROUTINE_KEYS, Field, Kind

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
        # The validator takes any case (B2B is b2b); JSON Schema patterns have no flag for that.
        either = "|".join(
            "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in choice) for choice in spec.choices
        )
        return {"type": "string", "pattern": f"^(?:{either})$", "examples": list(spec.choices)}
    if spec.kind is Kind.DATE:
        return {"type": ["string", "null"], "format": "date", "examples": ["2024-05-31"]}
    scalar = {"type": ["string", "number", "boolean", "null"]}
    return {
        "type": ["object", "null"],
        "properties": {key: {**scalar, "description": f"Routine data: {key}."} for key in ROUTINE_KEYS},
        "additionalProperties": scalar,
    }
