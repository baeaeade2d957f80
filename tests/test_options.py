"""The plugin's options: one contract, read the same way by `mkdocs build` and `empathy-playbook check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from empathy_playbook.config import EmpathyPlaybookConfig
from empathy_playbook.options import OPTION_NAMES, PluginOptions

from .support import Site, run_program, write_project

# (options as written under the plugin in mkdocs.yml, accepted?)
OPTION_SETS = [
    ("", True),
    ("needs: [functioneel, economisch, psychologisch]", True),
    ("needs: [{key: social, aliases: [sociaal], label: Social}]", True),
    ("needs: [{aliases: [sociaal]}]", False),
    ("needs: functional", False),
    ("headings: {pains: [Ergernissen]}", True),
    ("headings: {pains: Ergernissen}", False),
    ("headings: {painz: [Ergernissen]}", False),
    ("max_file_size: 2000000", True),
    ("max_file_size: big", False),
    ("max_file_size: true", False),
    ("review_months: 6.5", False),
    ("personal_fields: name", False),
    ("publish_personal_data: 'yes'", False),
    ("onboarding: [good, {map: good, why: First, questions: ['Why?']}]", True),
    ("onboarding: [{why: no map}]", False),
    ("nav_max_maps: -1", False),
    ("maps_dir: 3", False),
    ("needs:", True),
    ("nonsense: 1", True),  # a warning in both: the build goes on without it
]


@pytest.mark.parametrize(("options", "accepted"), OPTION_SETS)
def test_the_build_and_the_checker_give_the_same_verdict_on_the_options(
    options: str, accepted: bool, tmp_path: Path
) -> None:
    write_project(tmp_path, plugin_options=options)
    check = run_program("check", cwd=tmp_path)
    build = Site(tmp_path).build()
    build.claim_all(r"unknown need tag")  # the option sets change which tags the map may use
    assert (check.returncode != 2, not build.aborted) == (accepted, accepted), (check.stderr, build.messages)
    if not accepted:  # the same reason, from the same reader
        reason = check.stderr.split("empathy-playbook: option ", 1)[1].strip()
        assert build.claim_all(f"Plugin 'empathy-playbook' option {re.escape(reason)}$"), (reason, build.messages)
    elif "nonsense" in options:
        assert "unknown option 'nonsense' is ignored" in check.stderr
        assert build.claim_all(r"Plugin 'empathy-playbook' option 'nonsense': Unrecognised configuration name")


def test_the_mkdocs_config_is_the_contract() -> None:
    assert [name for name, _ in EmpathyPlaybookConfig._schema] == list(OPTION_NAMES)
    config = EmpathyPlaybookConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    assert config.options() == PluginOptions()  # no default of its own
