"""empathy-playbook: a folder of Markdown empathy maps as a sales playbook site.

The public API is what this module exports. Reading maps, the model, validation and
the index data need no MkDocs; the MkDocs plugin (`empathy_playbook.plugin`) is a
thin adapter on top, registered as the `empathy-playbook` plugin.
"""

from __future__ import annotations

from .i18n import Labels
from .model import EmpathyMap, Item, Level, Problem, Profile, Section
from .playbook import METAPHORS_PAGE, NEEDS_PAGE, OVERVIEW_PAGE, Metaphor, NeedEntry, Playbook, read_playbook
from .reader import parse_map, read_map
from .render import RenderedPage, Renderer
from .settings import Settings
from .vocabulary import DEFAULT_HEADINGS, DEFAULT_NEEDS, EXTRA_SECTIONS, GRID_SECTIONS, NeedCategory, Vocabulary

__all__ = [
    "DEFAULT_HEADINGS",
    "DEFAULT_NEEDS",
    "EXTRA_SECTIONS",
    "GRID_SECTIONS",
    "METAPHORS_PAGE",
    "NEEDS_PAGE",
    "OVERVIEW_PAGE",
    "EmpathyMap",
    "Item",
    "Labels",
    "Level",
    "Metaphor",
    "NeedCategory",
    "NeedEntry",
    "Playbook",
    "Problem",
    "Profile",
    "RenderedPage",
    "Renderer",
    "Section",
    "Settings",
    "Vocabulary",
    "parse_map",
    "read_map",
    "read_playbook",
]
