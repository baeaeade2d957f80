"""The plugin's options as MkDocs reads them: the core's contract (`options.PluginOptions`), nothing of its own.

Each option is validated by the core's reader for it, so `mkdocs build` refuses exactly what
`empathy-playbook check` refuses, with the same reason; MkDocs adds the option's name and location.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from mkdocs.config import base

from .options import OPTION_NAMES, PluginOptions, read_option

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
    """One `ContractOption` per option of `options.PluginOptions`, made from its list: an option is added
    in options.py alone, and the plugin reads the options as that contract (`options()`), typed there."""

    # MkDocs finds a Config's options among the attributes of its class body (Config.__init_subclass__):
    # the body's namespace gets one per option.
    vars().update({name: ContractOption[Any](name) for name in OPTION_NAMES})

    def options(self) -> PluginOptions:
        """The validated options, as the core's contract."""
        values: dict[str, Any] = {name: self[name] for name in OPTION_NAMES}
        return PluginOptions(**values)
