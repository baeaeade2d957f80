"""The pinned versions (.ci/constraints.txt) cover every dependency pyproject.toml names, within its bounds.

`./dev` and CI install with that constraints file: a dependency added without `./dev lock` would be
installed at whatever version a machine finds that day, which is what the file exists to prevent.
"""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from .support import REPO


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (REPO / ".ci" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = Version(version.strip())
    return pins


def test_every_dependency_is_pinned_within_the_bounds_of_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    requirements += [Requirement(text) for extra in project["optional-dependencies"].values() for text in extra]
    pins = _pins()
    unpinned = [str(r) for r in requirements if canonicalize_name(r.name) not in pins]
    assert unpinned == [], "run ./dev lock: .ci/constraints.txt does not pin these"
    outside = [
        f"{r} (pinned {pins[canonicalize_name(r.name)]})"
        for r in requirements
        if pins[canonicalize_name(r.name)] not in r.specifier
    ]
    assert outside == [], "run ./dev lock: the pinned version is outside pyproject.toml's bounds"
    for name, bound in (("mkdocs", "2"), ("mkdocs-material", "10")):
        specifier = next(r.specifier for r in requirements if canonicalize_name(r.name) == name)
        assert Version(bound) not in specifier, f"{name} {bound} would break the plugin: keep the upper bound"
