"""Anchors and page names made from text a user wrote (ASCII, unique within a page)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def slugify(text: str) -> str:
    """An ASCII anchor for `text`: accents folded, lowercase, words joined by '-'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def unique_slugs(texts: Iterable[str], reserved: Iterable[str] = ()) -> list[str]:
    """A slug per text, numbered from -2 where one repeats, none equal to a `reserved` one.

    Each base remembers its next number, so n equal texts cost n steps, not n squared.
    """
    seen: set[str] = set(reserved)
    next_number: dict[str, int] = {}
    slugs = []
    for text in texts:
        slug = base = slugify(text)
        while slug in seen:
            number = next_number.get(base, 2)
            slug, next_number[base] = f"{base}-{number}", number + 1
        seen.add(slug)
        slugs.append(slug)
    return slugs
