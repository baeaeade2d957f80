"""Fixtures only; what they build on (the Site, the helpers) is in support.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .support import Site, write_project


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A site in tmp_path, built by MkDocs; fails the test on any warning or error it did not claim."""
    result = Site(tmp_path)
    yield result
    leftover = [m for m in result.messages if not m.startswith("INFO")]
    assert not leftover, f"unexpected warnings or errors in the build log: {leftover}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A playbook on disk (mkdocs.yml, a home page, `maps/good.md`), for the programs to run in."""
    return write_project(tmp_path)
