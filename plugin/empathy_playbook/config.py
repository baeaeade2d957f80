"""The plugin's options as MkDocs reads them: the core's contract (`options.PluginOptions`), nothing of its own.

Each option is validated by the core's reader for it, so `mkdocs build` refuses exactly what
`empathy-playbook check` refuses, with the same reason; MkDocs adds the option's name and location.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from mkdocs.config import base

from .options import OPTION_NAMES, OnboardingStep, PluginOptions, read_option
from .vocabulary import NeedCategory

T = TypeVar("T")


class ContractOption(base.BaseConfigOption[T], Generic[T]):
    """One option of the contract: unset (or written with no value) is its default, anything else its reader's verdict."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.option = name

    def run_validation(self, value: object) -> T:
        try:
            result: T = read_option(self.option, value)
        except ValueError as error:
            raise base.ValidationError(str(error)) from None
        return result


class EmpathyPlaybookConfig(base.Config):
    # One line per option of options.PluginOptions (a test keeps the two equal), typed for the plugin.
    enabled = ContractOption[bool]("enabled")
    maps_dir = ContractOption[str]("maps_dir")
    headings = ContractOption[dict[str, tuple[str, ...]]]("headings")
    needs = ContractOption[tuple[NeedCategory, ...]]("needs")
    max_file_size = ContractOption[int]("max_file_size")
    personal_fields = ContractOption[tuple[str, ...]]("personal_fields")
    publish_personal_data = ContractOption[bool]("publish_personal_data")
    review_months = ContractOption[int]("review_months")
    nav_max_maps = ContractOption[int]("nav_max_maps")
    index_page_size = ContractOption[int]("index_page_size")
    coverage_roles = ContractOption[tuple[str, ...]]("coverage_roles")
    onboarding = ContractOption[tuple[OnboardingStep, ...]]("onboarding")
    search = ContractOption[str]("search")
    indexable = ContractOption[bool]("indexable")
    allow_external = ContractOption[bool]("allow_external")

    def options(self) -> PluginOptions:
        """The validated options, as the core's contract."""
        values: dict[str, Any] = {name: self[name] for name in OPTION_NAMES}
        return PluginOptions(**values)
