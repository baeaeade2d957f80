"""empathy-playbook: a folder of Markdown empathy maps as a sales playbook site.

The public API is what this module exports. Reading maps, the model, validation and
the index data need no MkDocs; the MkDocs plugin (`empathy_playbook.plugin`) is a
thin adapter on top, registered as the `empathy-playbook` plugin, and so is the
command-line program (`empathy_playbook.cli`). Another engine's adapter needs only this API:
`read_playbook`, a `Renderer`, then `generated_pages(renderer)`: every page, with its path, whether
it is in the navigation or the search, and its `render(url, convert)`.

Names are imported on first use (PEP 562): the checker runs on every save, and
should not pay for the renderer's Jinja and HTML sanitiser when it only reads maps.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "DEFAULT_HEADINGS": "vocabulary",
    "DEFAULT_NEEDS": "vocabulary",
    "EXTRA_SECTIONS": "vocabulary",
    "GRID_SECTIONS": "vocabulary",
    "NeedCategory": "vocabulary",
    "Vocabulary": "vocabulary",
    "EmpathyMap": "model",
    "Item": "model",
    "Level": "model",
    "Problem": "model",
    "Profile": "model",
    "Section": "model",
    "parse_map": "reader",
    "read_map": "reader",
    "read_playbook": "discovery",
    "Account": "playbook",
    "Metaphor": "playbook",
    "NeedEntry": "playbook",
    "Playbook": "playbook",
    "METAPHORS_PAGE": "pages",
    "NEEDS_PAGE": "pages",
    "OVERVIEW_PAGE": "pages",
    "REVIEW_PAGE": "pages",
    "GeneratedPage": "pages",
    "MarkdownConverter": "pages",
    "PageKind": "pages",
    "UrlFor": "pages",
    "Heading": "pages",
    "PageView": "pages",
    "generated_pages": "registry",
    "OnboardingStep": "options",
    "PluginOptions": "options",
    "read_options": "options",
    "Settings": "settings",
    "Labels": "i18n",
    "RenderedPage": "pages",
    "Renderer": "render",
}

__all__ = [
    "DEFAULT_HEADINGS",
    "DEFAULT_NEEDS",
    "EXTRA_SECTIONS",
    "GRID_SECTIONS",
    "METAPHORS_PAGE",
    "NEEDS_PAGE",
    "OVERVIEW_PAGE",
    "REVIEW_PAGE",
    "Account",
    "EmpathyMap",
    "GeneratedPage",
    "Heading",
    "Item",
    "Labels",
    "Level",
    "MarkdownConverter",
    "Metaphor",
    "NeedCategory",
    "NeedEntry",
    "OnboardingStep",
    "PageKind",
    "PageView",
    "Playbook",
    "PluginOptions",
    "Problem",
    "Profile",
    "RenderedPage",
    "Renderer",
    "Section",
    "Settings",
    "UrlFor",
    "Vocabulary",
    "generated_pages",
    "parse_map",
    "read_map",
    "read_options",
    "read_playbook",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'empathy_playbook' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from .discovery import read_playbook
    from .i18n import Labels
    from .model import EmpathyMap, Item, Level, Problem, Profile, Section
    from .options import OnboardingStep, PluginOptions, read_options
    from .pages import (
        METAPHORS_PAGE,
        NEEDS_PAGE,
        OVERVIEW_PAGE,
        REVIEW_PAGE,
        GeneratedPage,
        Heading,
        MarkdownConverter,
        PageKind,
        PageView,
        RenderedPage,
        UrlFor,
    )
    from .playbook import Account, Metaphor, NeedEntry, Playbook
    from .reader import parse_map, read_map
    from .registry import generated_pages
    from .render import Renderer
    from .settings import Settings
    from .vocabulary import DEFAULT_HEADINGS, DEFAULT_NEEDS, EXTRA_SECTIONS, GRID_SECTIONS, NeedCategory, Vocabulary
