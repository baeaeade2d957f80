"""Hostile shapes at the size limit: one 1 MB map of each, checked and built as a user would, timed.

    ./dev bench --suite shapes

Each shape is what once made the reader, the checker or Python-Markdown slow (the square or the cube of
the map's length) or recurse: long runs of spaces, openers repeated, deep nesting, a megabyte of
headings, brackets, emphasis marks, quotes or code fences. tests/test_core_properties.py feeds the same
shapes to the reader and the renderer and bounds their time (issue 11); this suite runs
`empathy-playbook check` and a lenient `mkdocs build` of a playbook holding one such map, as processes,
and reports the slowest of each in the "shapes" section of docs/benchmark.md.
"""

from __future__ import annotations

import resource
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from empathy_playbook.vocabulary import DEFAULT_HEADINGS, GRID_SECTIONS

SIZE_LIMIT = 1_000_000
"""max_file_size's default: a map may be this big, and no bigger."""

SHAPES: dict[str, Callable[[int], str]] = {
    "attribute list then spaces": lambda n: "- {" + " " * n + "\n",
    "'<a' repeated": lambda n: "- " + "<a" * (n // 2) + "\n",
    "'<a \"' repeated": lambda n: "- " + '<a "' * (n // 4) + "\n",
    "' #a' repeated, then text": lambda n: "- x" + " #a" * (n // 3) + " x\n",
    "' #a' repeated": lambda n: "- x" + " #a" * (n // 3) + "\n",
    "heading, spaces, text": lambda n: "## a" + " " * n + "b\n- x\n",
    "backtick runs": lambda n: "- x " + "``a`" * (n // 4) + "\n",
    "tagged items": lambda n: "- a #economic\n" * (n // 14),
    "headings": lambda n: "### a\n" * (n // 6),
    "sections": lambda n: "## a\nx\n" * (n // 7),
    "underlined headings": lambda n: "a\n---\n\n" * (n // 7),
    "nested emphasis": lambda n: "- " + "*" * (n // 2) + "x" + "*" * (n // 2) + "\n",
    "nested lists": lambda n: "".join("    " * (i % 300) + "- x\n" for i in range(n // 600)),
    "nested quotes": lambda n: ">" * n + " x\n",
    "brackets": lambda n: "- " + "[" * n + "\n",
    "brackets, a line each": lambda n: "[\n" * (n // 2),
    "emphasis, a line each": lambda n: "*a\n" * (n // 3),
    "entities": lambda n: "- " + "&" * n + "\n",
    "comment openers": lambda n: "- " + "<!--" * (n // 4) + "\n",
    "fences": lambda n: "```\n" * (n // 4),
    "unclosed elements": lambda n: "<div>\n\n" * (n // 7),
    "long title": lambda n: "",
}


def adversarial_map(shapes: list[str], size: int = SIZE_LIMIT) -> bytes:
    """A map of `size` bytes: a title, the six sections, and `shapes` sharing the rest of the room."""
    head = "---\ntitle: " + ("T" * size if "long title" in shapes else "T") + "\n---\n\n## Sees\n- x\n"
    share = max(0, size - len(head) - 200) // len(shapes)
    body = "".join(SHAPES[name](share) for name in shapes)
    grid = "".join(f"\n## {DEFAULT_HEADINGS[key][0]}\n- y\n" for key in GRID_SECTIONS if key != "sees")
    return (head + body + grid).encode()[:size]


CONFIG = """\
site_name: Shapes
theme:
  name: material
plugins:
  - empathy-playbook:
      search: theme
  - search
markdown_extensions:
  - attr_list
  - tables
  - toc
  - pymdownx.superfences
"""


@dataclass(frozen=True)
class ShapeRun:
    check: float
    """Seconds of `empathy-playbook check` (processor time of the process)."""
    build: float
    """Seconds of a lenient `mkdocs build` (processor time of the process)."""


def _timed(command: list[str], cwd: Path, env: Mapping[str, str]) -> float:
    """The processor time of the process (user and system): on a machine shared with other runs, wall time
    measures the neighbours too; the bound is on the work done, as in the property test."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, env=dict(env), capture_output=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(bin_dir: Path, env: Mapping[str, str]) -> dict[str, ShapeRun]:
    """Each shape alone in a 1 MB map of an otherwise empty playbook: check and build, timed."""
    results: dict[str, ShapeRun] = {}
    with tempfile.TemporaryDirectory(prefix="empathy-bench-shapes-") as temporary:
        for name in SHAPES:
            root = Path(temporary) / str(len(results))
            (root / "docs").mkdir(parents=True)
            (root / "maps").mkdir()
            (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
            (root / "docs" / "index.md").write_text("# Shapes\n", encoding="utf-8")
            (root / "maps" / "shape.md").write_bytes(adversarial_map([name]))
            check = _timed([str(bin_dir / "empathy-playbook"), "check"], root, env)
            build = _timed([str(bin_dir / "mkdocs"), "build", "--quiet"], root, env)
            results[name] = ShapeRun(check, build)
            print(f"shape {name!r:32} check {check:6.2f} s  build {build:6.2f} s", flush=True)
    return results


def section(results: Mapping[str, ShapeRun], machine: str, date: str) -> list[str]:
    """The "shapes" section of docs/benchmark.md."""
    slow_check = max(results, key=lambda name: results[name].check)
    slow_build = max(results, key=lambda name: results[name].build)
    lines = [
        "## Hostile shapes at 1 MB",
        "",
        f"Measured {date} on {machine} (`./dev bench --suite shapes`): one map of 1 MB in each shape of",
        "benchmarks/shapes.py, `empathy-playbook check` and a lenient `mkdocs build` of it, as processes: processor",
        "time (user and system), start-up included, since the machine is shared with other test runs and wall time",
        "would measure them too. Issue 11's bound: check within 2 s, build within 10 s.",
        "",
        f"Slowest check: {results[slow_check].check:.2f} s ({slow_check}); "
        f"slowest build: {results[slow_build].build:.2f} s ({slow_build}).",
        "",
        "| shape | check (s) | build (s) |",
        "|---|---:|---:|",
    ]
    lines += [f"| `{name}` | {run.check:.2f} | {run.build:.2f} |" for name, run in results.items()]
    return lines
