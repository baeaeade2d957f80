"""A playbook's settings: what the core needs, made from the plugin's options (`options.PluginOptions`)."""

from __future__ import annotations

from typing import NamedTuple

from .options import OnboardingStep, PluginOptions
from .privacy import NO_PERSONAL_DATA, PrivacyPolicy
from .vocabulary import Vocabulary

_DEFAULTS = PluginOptions()


class Settings(NamedTuple):
    maps_dir: str = _DEFAULTS.maps_dir
    """The folder of the maps, relative to the project root."""
    vocabulary: Vocabulary = Vocabulary()
    """The built-in words by default: one vocabulary, shared by the settings that take the default (what a
    vocabulary remembers are answers that follow from its words alone)."""
    max_bytes: int = _DEFAULTS.max_file_size
    privacy: PrivacyPolicy = NO_PERSONAL_DATA
    review_months: int = _DEFAULTS.review_months
    """A map whose `reviewed` date is older than this is due for review."""
    onboarding: tuple[OnboardingStep, ...] = _DEFAULTS.onboarding
    """The onboarding path, in order."""
    nav_max_maps: int = _DEFAULTS.nav_max_maps
    """Above this many maps, the maps leave the navigation: the overview, the indexes and search lead to them."""
    index_page_size: int = _DEFAULTS.index_page_size
    """Most entries (items, maps) one index page lists; above it an index lists its groups (see paging.py)."""
    coverage_roles: tuple[str, ...] = _DEFAULTS.coverage_roles
    """The buying roles every account should have a map for."""
    search: str = _DEFAULTS.search
    """`pagefind` (the site is indexed by Pagefind after the build) or `theme` (the theme's own search)."""
    indexable: bool = _DEFAULTS.indexable
    """Let search engines in: without it every page says noindex and robots.txt disallows everything."""
    allow_external: bool = _DEFAULTS.allow_external
    """Accept loads from other hosts (fonts, analytics, scripts, images) without a warning."""

    @classmethod
    def from_options(cls, options: PluginOptions) -> Settings:
        return cls(
            maps_dir=options.maps_dir,
            vocabulary=Vocabulary.with_options(options.headings, options.needs),
            max_bytes=options.max_file_size,
            privacy=PrivacyPolicy(options.personal_fields, options.publish_personal_data),
            review_months=options.review_months,
            nav_max_maps=options.nav_max_maps,
            index_page_size=options.index_page_size,
            onboarding=options.onboarding,
            search=options.search,
            indexable=options.indexable,
            allow_external=options.allow_external,
            coverage_roles=options.coverage_roles,
        )
