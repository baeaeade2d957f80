"""The programs as a user runs them: `mkdocs build`, `properdocs build`, `mkdocs serve`, as real processes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .support import ENV, GOOD_MAP, REPO, problems_in, run_module, run_program


@pytest.mark.parametrize("program", ["mkdocs", "properdocs"])
def test_the_repository_itself_builds_strict(program: str, tmp_path: Path) -> None:
    """Whatever maps the repository holds, its site builds strict. Nothing here knows the maps:
    adding, changing or deleting a valid map must never turn a test red."""
    result = run_module(
        program, "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(tmp_path), cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    assert problems_in(result.stderr) == []
    assert (tmp_path / "maps" / "index.html").is_file()


def test_the_repository_s_maps_pass_the_strict_check() -> None:
    result = run_program("check", "--strict", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


BROKEN_MAP = """\
---
title: Broken buyer
segment: NO
---
## Sees
- a #economc
## Hears
- b
"""


@pytest.mark.parametrize("program", ["mkdocs", "properdocs"])
def test_a_broken_map_fails_strict_with_its_lines_and_leaves_the_rest_standing(program: str, project: Path) -> None:
    (project / "maps" / "broken.md").write_text(BROKEN_MAP)
    strict = run_module(program, "build", "--strict", "-f", "mkdocs.yml", cwd=project)
    assert strict.returncode == 1
    expected = [
        "ERROR maps/broken.md:3: YAML reads 'NO' as a yes/no value, not as text; put it in quotes: segment: \"NO\"",
        "WARNING maps/broken.md:6: unknown need tag '#economc'; did you mean '#economic'?",
        *(
            f"ERROR maps/broken.md:8: the section '{name}' is missing; add a heading '## {name}' with its items, "
            "for example below this line, the end of the map"
            for name in ("Thinks and feels", "Says and does", "Pains", "Gains")
        ),
    ]
    assert problems_in(strict.stderr) == expected
    assert "Traceback" not in strict.stderr

    lenient = run_module(program, "build", "-f", "mkdocs.yml", cwd=project)
    assert lenient.returncode == 0
    assert problems_in(lenient.stderr) == expected
    good = (project / "site" / "maps" / "good" / "index.html").read_text(encoding="utf-8")
    assert "the market" in good
    broken = (project / "site" / "maps" / "broken" / "index.html").read_text(encoding="utf-8")
    assert "Broken buyer" in broken
    assert "maps/broken.md:6" in broken  # the author sees the problems on the page too


def test_the_core_works_without_mkdocs(tmp_path: Path) -> None:
    script = """
import sys
sys.modules["mkdocs"] = None  # any import of MkDocs now fails
from pathlib import Path
import importlib, pkgutil
import markdown
import empathy_playbook
from empathy_playbook import Labels, Renderer, Settings, generated_pages, read_playbook
adapters = {"empathy_playbook.plugin", "empathy_playbook.config", "empathy_playbook.theme_frames"}
for module in pkgutil.iter_modules(empathy_playbook.__path__, "empathy_playbook."):
    if module.name not in adapters:
        importlib.import_module(module.name)
root = Path(sys.argv[1])
settings = Settings()
playbook = read_playbook(root, settings)
renderer = Renderer(playbook, settings, Labels("en"))
page = generated_pages(renderer)[0].render(str, markdown.markdown)
print(page.title, "|", "data-section" in page.html, "|", [str(p) for p in playbook.all_problems])
"""
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "good.md").write_text(GOOD_MAP)
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Test buyer | True | []"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(url: str, predicate: Callable[[int, str], bool], seconds: float = 60) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    status, body = 0, ""
    while time.monotonic() < deadline:
        status, body = _get(url)
        if predicate(status, body):
            return status, body
        time.sleep(0.3)
    raise AssertionError(f"{url} did not reach the expected state in {seconds}s (last status {status})")


@pytest.fixture
def served(project: Path) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", "mkdocs.yml"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_reloads_when_a_map_is_edited_added_or_deleted(served: str, project: Path) -> None:
    _wait_for(served + "maps/good/", lambda status, body: status == 200 and "Test buyer" in body)

    (project / "maps" / "good.md").write_text(GOOD_MAP.replace("Test buyer", "Edited buyer"))
    _wait_for(served + "maps/good/", lambda status, body: "Edited buyer" in body)

    (project / "maps" / "new.md").write_text(GOOD_MAP.replace("Test buyer", "New buyer"))
    _wait_for(served + "maps/new/", lambda status, body: status == 200 and "New buyer" in body)

    (project / "maps" / "new.md").unlink()
    _wait_for(served + "maps/new/", lambda status, body: status == 404)


def test_serve_rebuilds_the_search_index_after_each_rebuild(served: str, project: Path) -> None:
    entry = served + "pagefind/pagefind-entry.json"
    _, first = _wait_for(entry, lambda status, body: status == 200 and '"page_count"' in body)
    (project / "maps" / "good.md").write_text(GOOD_MAP.replace("the market", "the market and the weather"))
    _wait_for(served + "maps/good/", lambda status, body: "the weather" in body)
    _wait_for(entry, lambda status, body: status == 200 and '"page_count"' in body and body != first)


def test_the_wheel_ships_the_templates_the_stylesheet_and_its_types(tmp_path: Path) -> None:
    """Another team's playbook gets everything from `pip install`: nothing to copy by hand; a type
    checker reads the package's own annotations (py.typed, PEP 561)."""
    # From a clean copy: setuptools builds in the source tree and would ship what a build/ folder left there.
    source = tmp_path / "source"
    shutil.copytree(REPO / "plugin", source / "plugin", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    result = run_module("pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(tmp_path), str(source), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("empathy_playbook-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    shipped = {name.split("empathy_playbook/", 1)[1] for name in names if name.startswith("empathy_playbook/")}
    templates = REPO / "plugin" / "empathy_playbook"
    expected = {p.relative_to(templates).as_posix() for p in templates.rglob("*") if p.suffix in (".html", ".css")}
    assert expected <= shipped
    assert "assets/empathy-playbook.css" in shipped
    assert "py.typed" in shipped
    assert "empathy-playbook = empathy_playbook.plugin:EmpathyPlaybookPlugin" in entry_points
