"""The plugin's options in mkdocs.yml (`plugins: - empathy-playbook: {...}`)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .privacy import DEFAULT_PERSONAL_FIELDS
from .reader import DEFAULT_MAX_BYTES


class NeedCategoryConfig(base.Config):
    key = c.Type(str)
    """The category's key: its tag (`#key`) and its anchor on the needs index."""
    aliases = c.ListOfItems(c.Type(str), default=[])
    """Other tags for it, e.g. in another language."""
    label = c.Type(str, default="")
    """Shown on the site; empty uses the built-in translation of the key."""
    description = c.Type(str, default="")


class EmpathyPlaybookConfig(base.Config):
    enabled = c.Type(bool, default=True)
    maps_dir = c.Type(str, default="maps")
    """The folder of the maps, relative to mkdocs.yml. Their pages are published under `maps/` whatever its name."""
    headings = c.DictOfItems(c.ListOfItems(c.Type(str)), default={})
    """Extra headings per section key, added to the built-in English and Dutch ones."""
    needs = c.ListOfItems(c.SubConfig(NeedCategoryConfig), default=[])
    """The need categories; empty means functional, economic and psychological."""
    max_file_size = c.Type(int, default=DEFAULT_MAX_BYTES)
    """Bytes; a larger map is rejected before it is parsed."""
    personal_fields = c.ListOfItems(c.Type(str), default=list(DEFAULT_PERSONAL_FIELDS))
    """Routine keys that are personal data in a map with `subject: real` (age and income only when exact)."""
    onboarding = c.ListOfItems(c.Type((str, dict)), default=[])
    """The onboarding path: map paths (below the maps folder), or {map, why, questions} each."""
    nav_max_maps = c.Type(int, default=100)
    """Up to this many maps appear in the navigation; above it only the overview does (the build stays linear)."""
    review_months = c.Type(int, default=6)
    """A map whose `reviewed` date is older than this many months is due for review."""
    publish_personal_data = c.Type(bool, default=False)
    """Publish those fields of real people after all. Think twice: the GDPR asks for a reason."""
