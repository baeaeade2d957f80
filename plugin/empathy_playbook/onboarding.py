"""The onboarding path in mkdocs.yml: each step must name a map, and a wrong one is reported at its own line.

`check` and the build report the same problems (a step that names no map is left out of the page).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from .messages import phrase
from .model import Problem, Report, quoted
from .playbook import Playbook
from .safe_yaml import FAST_SAFE_LOADER
from .settings import Settings
from .vocabulary import nearest


def onboarding_lines(config_file: Path) -> list[int]:
    """The line of each onboarding step's map in mkdocs.yml (from 1, in order), so that a wrong one is
    reported where it is written. Empty when the file cannot be read: the steps are then reported at line 1.
    """
    try:
        # Composed, not loaded: nodes keep their lines, and tags such as !ENV need no constructor. By libyaml
        # when PyYAML has it: PyYAML's own parser took 7 % of `check`'s run on this repository.
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=FAST_SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    plugins = _child(root, "plugins")
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins] if plugins else []
    for entry in entries:
        steps = _child(_child(entry, "empathy-playbook"), "onboarding")
        if isinstance(steps, yaml.SequenceNode):
            return [1 + (_child(step, "map") or step).start_mark.line for step in steps.value]
    return []


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key), None)


def check_onboarding(
    playbook: Playbook, settings: Settings, config_path: str, step_lines: Sequence[int] = ()
) -> list[Problem]:
    """The onboarding steps that name no map, each at its own line of `config_path` when known."""
    by_path = {m.url_path for m in playbook.maps}
    report = Report(config_path)
    for index, step in enumerate(settings.onboarding):
        if step.map in by_path:
            continue
        hint = nearest(step.map, by_path)
        suggestion = phrase("hint.did_you_mean_after", hint=hint) if hint else phrase("hint.none")
        line = step_lines[index] if index < len(step_lines) else 1
        report.error(line, "onboarding.unknown_map", map=quoted(step.map), suggestion=suggestion)
    return report.problems
