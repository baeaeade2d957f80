"""Anchors and page names made from text a user wrote (ASCII, unique within a page)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def slugify(text: str) -> str:
    """An ASCII anchor for `text`: accents folded, lowercase, words joined by '-'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def unique_slugs(texts: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    slugs = []
    for text in texts:
        slug = base = slugify(text)
        counter = 2
        while slug in seen:
            slug, counter = f"{base}-{counter}", counter + 1
        seen.add(slug)
        slugs.append(slug)
    return slugs
