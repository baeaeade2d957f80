"""A playbook's settings: the plugin's options in mkdocs.yml, read the same way by the site and the checker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .privacy import DEFAULT_PERSONAL_FIELDS, NO_PERSONAL_DATA, PrivacyPolicy
from .reader import DEFAULT_MAX_BYTES
from .vocabulary import NeedCategory, Vocabulary

PLUGIN_NAME = "empathy-playbook"
CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")


@dataclass(frozen=True)
class OnboardingStep:
    """One step of the path for new account managers: a map, why it matters, questions to answer."""

    map: str
    """The map's path below the maps folder, without .md (`zorg/orthopedisch-arts`)."""
    why: str = ""
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    maps_dir: str = "maps"
    """The folder of the maps, relative to the project root."""
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    max_bytes: int = DEFAULT_MAX_BYTES
    privacy: PrivacyPolicy = NO_PERSONAL_DATA
    review_months: int = 6
    """A map whose `reviewed` date is older than this is due for review."""
    onboarding: tuple[OnboardingStep, ...] = ()
    """The onboarding path, in order."""
    nav_max_maps: int = 100
    """Above this many maps, the maps leave the navigation: the overview, the indexes and search lead to them."""

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> Settings:
        """Settings from the plugin's options; raises ValueError naming the option that is wrong."""
        known = {
            "enabled", "maps_dir", "headings", "needs", "max_file_size",
            "personal_fields", "publish_personal_data", "review_months", "nav_max_maps", "onboarding",
        }  # fmt: skip
        unknown = sorted(set(options) - known)
        if unknown:
            raise ValueError(f"unknown option '{unknown[0]}'; the options are: {', '.join(sorted(known))}")
        headings = _mapping_of_lists(options.get("headings") or {}, "headings")
        needs = [_need(entry) for entry in _list(options.get("needs") or [], "needs")]
        personal = _list(options.get("personal_fields", list(DEFAULT_PERSONAL_FIELDS)), "personal_fields")
        return cls(
            maps_dir=_typed(options.get("maps_dir", "maps"), str, "maps_dir"),
            vocabulary=Vocabulary.with_options(headings, needs),
            max_bytes=_typed(options.get("max_file_size", DEFAULT_MAX_BYTES), int, "max_file_size"),
            privacy=PrivacyPolicy(
                tuple(_typed(name, str, "personal_fields") for name in personal),
                _typed(options.get("publish_personal_data", False), bool, "publish_personal_data"),
            ),
            review_months=_typed(options.get("review_months", 6), int, "review_months"),
            nav_max_maps=_typed(options.get("nav_max_maps", 100), int, "nav_max_maps"),
            onboarding=tuple(_step(entry) for entry in _list(options.get("onboarding") or [], "onboarding")),
        )


def find_config(start: Path) -> Path | None:
    """The MkDocs configuration file in `start` or the nearest folder above it."""
    for folder in [start, *start.parents]:
        for name in CONFIG_FILES:
            if (folder / name).is_file():
                return folder / name
    return None


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as data, read without MkDocs (the checker must start fast).

    Tags such as `!ENV` or `!!python/name:` (common in mkdocs.yml) are read as nothing: they never
    concern this plugin, and nothing in the file is ever executed.
    """
    data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)
    return data if isinstance(data, dict) else {}


def plugin_options(data: Mapping[str, Any]) -> dict[str, Any]:
    """The plugin's options in mkdocs.yml's data (empty when it is listed without options, or not at all)."""
    plugins = data.get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else ((p, None) for p in plugins or [])
    for entry, value in entries:
        if entry == PLUGIN_NAME:
            return dict(value or {})
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return dict(entry[PLUGIN_NAME] or {})
    return {}


def site_language(data: Mapping[str, Any]) -> str:
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return str(language) if language else "en"


class _TolerantLoader(yaml.SafeLoader):
    pass


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _typed(value: Any, kind: type, name: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"the option '{name}' should be {'a number' if kind is int else kind.__name__}, not {value!r}")
    return value


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"the option '{name}' should be a list")
    return value


def _mapping_of_lists(value: Any, name: str) -> dict[str, list[str]]:
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise ValueError(f"the option '{name}' should map section keys to lists of headings")
    return {str(key): [str(item) for item in items] for key, items in value.items()}


def _step(entry: Any) -> OnboardingStep:
    if isinstance(entry, str):
        return OnboardingStep(entry.removesuffix(".md"))
    if not isinstance(entry, Mapping) or not entry.get("map"):
        raise ValueError("every step under 'onboarding' needs a 'map' (its path below the maps folder)")
    questions = entry.get("questions") or []
    return OnboardingStep(
        str(entry["map"]).removesuffix(".md"),
        str(entry.get("why") or ""),
        tuple(str(question) for question in _list(questions, "onboarding.questions")),
    )


def _need(entry: Any) -> NeedCategory:
    if isinstance(entry, str):
        return NeedCategory(entry)
    if not isinstance(entry, Mapping) or not entry.get("key"):
        raise ValueError("every entry under 'needs' needs a 'key'")
    return NeedCategory(
        str(entry["key"]),
        tuple(str(alias) for alias in entry.get("aliases") or ()),
        str(entry.get("label") or ""),
        str(entry.get("description") or ""),
    )
