"""Benchmark: the playbook build against plain mkdocs-material on the same content, in one run.

    ./dev bench                      # sizes 100, 1000 and 5000, three repetitions (about 30 minutes)
    ./dev bench --sizes 100,1000     # quicker
    ./dev bench --suite search --sizes 1000,5000   # only the search part (search_bench.py)
    ./dev bench --suite pages --sizes 1000,5000    # only what the reader's browser gets (pages.py)

For each size N it generates a playbook of N maps in the real map format and measures, as whole
processes, the median wall time and the peak memory of:

    A  mkdocs build of the playbook with the plugin
    B  the same Markdown files as ordinary pages of a plain mkdocs-material site, default navigation
    C  the same pages with a one-entry navigation: the MkDocs floor
    D  empathy-playbook check on the maps
    E  a bare Python loop calling frontmatter.load on each map

It prints A/B, A/C and D/E per N, and writes docs/benchmark.md with a table and a chart
(docs/assets/benchmark.png). B takes minutes at 5000 maps (its navigation makes it quadratic),
so it runs once there, whatever --repeat says.

The search suite (benchmarks/search_bench.py) measures the Pagefind index step, the theme's search
for comparison, and the first result in Chromium. The pages suite (benchmarks/pages.py) builds A and
measures in Chromium, for every index page, the first page of each kind of group page, an account
page, a map page and the largest pages of the site: the HTML size, the number of elements and the
time to interactive; and how long the overview takes to find a buyer by part of their name. Each
suite rewrites only its own section of docs/benchmark.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
# Measure what users get: Python keeps compiled modules between runs (this workplace turns that off).
ENV.pop("PYTHONDONTWRITEBYTECODE", None)

THEME = """\
theme:
  name: material
  language: nl
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences
"""

SEGMENTS = ["Zorg", "Onderwijs", "Bouw", "Retail", "Logistiek", "Overheid", "Energie", "Financiën", "Horeca",
            "Industrie", "ICT", "Landbouw", "Media", "Transport", "Juridisch", "Vastgoed", "Sport", "Cultuur",
            "Farma", "Telecom"]  # fmt: skip
METAPHORS = ["Racefiets", "Schaakspel", "Pitstop", "Orkest", "Vuurtoren", "Zeilboot", "Marathon", "Bergbeklimmer",
             "Tuinman", "Dirigent", "Kompas", "Brug", "Estafette", "Bijenkorf", "Architect"]  # fmt: skip
WORDS = ["klant", "prijs", "kwaliteit", "levering", "service", "budget", "planning", "team", "risico", "kosten", "marge", "merk", "reputatie", "design", "onderhoud", "gemak", "vergunning", "geluid", "korting", "contract", "leverancier", "collega", "directie", "inkoop", "verkoop", "efficiëntie", "groei", "zekerheid", "snelheid", "vertrouwen", "innovatie"]  # fmt: skip
HEADINGS = {
    "nl": ["Ziet", "Hoort", "Denkt en voelt", "Zegt en doet", "Frustraties", "Wil bereiken"],
    "en": ["Sees", "Hears", "Thinks and feels", "Says and does", "Pains", "Gains"],
}
NEEDLE = "Zeppelinhangaar"
"""A word in exactly one map item (of the middle map): what the search benchmark looks for."""
TAGS = {"nl": ["#functioneel", "#economisch", "#psychologisch"], "en": ["#functional", "#economic", "#psychological"]}


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def synthetic_map(index: int, rng: random.Random) -> tuple[str, str]:
    """(path below maps/, text) of one map of realistic size, in Dutch or English."""
    language = "nl" if index % 2 else "en"
    segment = SEGMENTS[index % len(SEGMENTS)]
    lines = [
        "---",
        f"title: Koper {index}",
        f"role: {rng.choice(['Inkoper', 'Directeur', 'Hoofd OK', 'Facility manager', 'Teamleider'])}",
        f"organisation: Organisatie {index // 4}",
        f"market: {rng.choice(['b2b', 'b2c'])}",
        f"segment: {segment}",
        f"account: Account {index // 4}",
        f"metaphor: {rng.choice(METAPHORS)}",
        "routine:",
        f"  age: {rng.randint(30, 50)}-{rng.randint(51, 65)}",
        f"  position: {sentence(rng, 3)}",
        f"  experience: {rng.randint(2, 30)} jaar",
        f"owner: Eigenaar {index % 37}",
        f"reviewed: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
        "tags: [benchmark]",
        "---",
        "",
        sentence(rng, 25),
        "",
    ]
    for heading in HEADINGS[language]:
        lines += [f"## {heading}", ""]
        for _ in range(rng.randint(4, 7)):
            tags = " ".join(rng.sample(TAGS[language], rng.randint(0, 2)))
            lines.append(f"- {sentence(rng, rng.randint(6, 16))} {tags}".rstrip())
        lines.append("")
    lines += ["## Aanpak" if language == "nl" else "## Approach", "", sentence(rng, 30), ""]
    return f"{segment.lower()}/koper-{index}.md", "\n".join(lines)


def generate(root: Path, count: int) -> None:
    """The three sites (A, B, C) of `count` maps, under `root`."""
    rng = random.Random(count)
    maps = [synthetic_map(index, rng) for index in range(count)]
    path, text = maps[count // 2]
    head, _, rest = text.partition("\n## ")
    heading, _, body = rest.partition("\n\n")
    maps[count // 2] = (path, f"{head}\n## {heading}\n\n- De {NEEDLE.lower()} staat leeg. #economisch\n{body}")
    home = "# Playbook\n\nBenchmark.\n"
    for site in "ABC":
        (root / site / "docs").mkdir(parents=True)
        (root / site / "docs" / "index.md").write_text(home)
    (root / "A" / "mkdocs.yml").write_text(f"site_name: A\n{THEME}plugins:\n  - search\n  - empathy-playbook\n")
    (root / "B" / "mkdocs.yml").write_text(f"site_name: B\n{THEME}plugins:\n  - search\n")
    (root / "C" / "mkdocs.yml").write_text(f"site_name: C\n{THEME}plugins:\n  - search\nnav:\n  - index.md\n")
    for path, text in maps:
        for target in (root / "A" / "maps" / path, root / "B" / "docs" / "maps" / path):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    shutil.copytree(root / "B" / "docs" / "maps", root / "C" / "docs" / "maps")


@dataclass
class Run:
    seconds: float
    peak_mb: float


def measure(command: list[str], cwd: Path) -> Run:
    """Wall time and peak memory (maximum resident set) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{stderr[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


COMMANDS = {
    "A": lambda root: ([str(BIN / "mkdocs"), "build", "-q", "-d", str(root / "A" / "site")], root / "A"),
    "B": lambda root: ([str(BIN / "mkdocs"), "build", "-q", "-d", str(root / "B" / "site")], root / "B"),
    "C": lambda root: ([str(BIN / "mkdocs"), "build", "-q", "-d", str(root / "C" / "site")], root / "C"),
    "D": lambda root: ([str(BIN / "empathy-playbook"), "check"], root / "A"),
    "E": lambda root: (
        [
            sys.executable,
            "-c",
            "import frontmatter, pathlib\nfor p in pathlib.Path('maps').rglob('*.md'): frontmatter.load(p)",
        ],
        root / "A",
    ),
}


def median_run(runs: list[Run]) -> Run:
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000", help="numbers of maps, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median counts)")
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="where benchmark.md and the chart go")
    parser.add_argument(
        "--suite", choices=["all", "build", "search", "pages"], default="all", help="which measurements"
    )
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]

    if arguments.suite in ("all", "pages"):
        pages(sizes, arguments.out)
    if arguments.suite in ("all", "search"):
        search(sizes, arguments.repeat, arguments.out)
    if arguments.suite in ("search", "pages"):
        return
    results: dict[int, dict[str, Run]] = {}
    with tempfile.TemporaryDirectory(prefix="empathy-bench-") as temporary:
        for count in sizes:
            root = Path(temporary) / str(count)
            generate(root, count)
            results[count] = {}
            for name, command in COMMANDS.items():
                if name in "DE":  # warm-up: compiled modules and the file cache, as on every later run
                    measure(*command(root))
                repeat = 1 if name == "B" and count >= 5000 else arguments.repeat
                runs = [measure(*command(root)) for _ in range(repeat)]
                results[count][name] = median_run(runs)
                run = results[count][name]
                print(f"N={count:5} {name}: {run.seconds:8.2f} s  {run.peak_mb:7.0f} MB  ({repeat} run(s))", flush=True)
            shutil.rmtree(root)
    report(results, arguments.out)


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def pages(sizes: list[int], out: Path) -> None:
    import pages as pages_bench

    results = {}
    with tempfile.TemporaryDirectory(prefix="empathy-bench-pages-") as temporary:
        for count in sizes:
            root = Path(temporary) / str(count)
            generate(root, count)
            build = measure(*COMMANDS["A"](root))
            print(f"N={count:5} pages: built in {build.seconds:.1f} s", flush=True)
            # Part of a buyer's name, as a reader types it: "Koper 4993" found by "4993" or "per 1666".
            queries = [str(count - 7), f"per {count // 3}"]
            results[count] = pages_bench.measure_site(root / "A" / "site", queries)
            shutil.rmtree(root)
    out.mkdir(parents=True, exist_ok=True)
    write_section(
        out / "benchmark.md", "pages", pages_bench.section(results, machine(), datetime.date.today().isoformat())
    )
    print(f"\nWrote the pages section of {out / 'benchmark.md'}")


def search(sizes: list[int], repeat: int, out: Path) -> None:
    import search_bench

    results = {}
    with tempfile.TemporaryDirectory(prefix="empathy-bench-search-") as temporary:
        for count in sizes:
            root = Path(temporary) / str(count)
            generate(root, count)
            needle_map = "maps/" + synthetic_map(count // 2, random.Random(0))[0].removesuffix(".md")
            run = search_bench.measure(root, BIN, ENV, NEEDLE, needle_map, repeat)
            results[count] = run
            print(f"N={count:5} search: {run}", flush=True)
            shutil.rmtree(root)
    write_section(
        out / "benchmark.md", "search", search_bench.section(results, machine(), datetime.date.today().isoformat())
    )
    print(f"\nWrote the search section of {out / 'benchmark.md'}")


def write_section(path: Path, name: str, lines: list[str]) -> None:
    """Replace the part of `path` between <!-- name --> and <!-- /name --> (or add it): each suite keeps its own."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark\n"
    block = "\n".join([start, *lines, end])
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def report(results: dict[int, dict[str, Run]], out: Path) -> None:
    rows = []
    for count, runs in results.items():
        a, b, c, d, e = (runs[name] for name in "ABCDE")
        rows.append(
            (
                count,
                a,
                b,
                c,
                d,
                e,
                a.seconds / b.seconds,
                a.seconds / c.seconds,
                d.seconds / e.seconds,
                a.peak_mb / c.peak_mb,
            )
        )
    print("\n    N     A/B    A/C    D/E   memory A/C")
    for count, *_, ab, ac, de, memory in rows:
        print(f"{count:5}  {ab:6.2f} {ac:6.2f} {de:6.2f}  {memory:6.2f}")
    if len(results) > 1 and min(results) * 5 in results:
        small, large = min(results), min(results) * 5
        print(f"A({large})/A({small}) = {results[large]['A'].seconds / results[small]['A'].seconds:.2f}")

    chart = out / "assets" / "benchmark.png"
    chart.parent.mkdir(parents=True, exist_ok=True)
    plot(results, chart)
    lines = [
        "## Build",
        "",
        f"Measured on {datetime.date.today().isoformat()} ({machine()}) by `./dev bench`: median of whole",
        "processes, on generated playbooks in the real map format.",
        "",
        "- **A** `mkdocs build` with the plugin; **B** the same files as plain mkdocs-material pages with the",
        "  default navigation; **C** the same with a one-entry navigation (the MkDocs floor);",
        "- **D** `empathy-playbook check`; **E** a bare loop of `frontmatter.load` over the maps.",
        "",
        "| maps | A (s) | B (s) | C (s) | A/B | A/C | D (s) | E (s) | D/E | memory A / C (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count, a, b, c, d, e, ab, ac, de, _ in rows:
        lines.append(
            f"| {count} | {a.seconds:.2f} | {b.seconds:.2f} | {c.seconds:.2f} | {ab:.2f} | {ac:.2f} "
            f"| {d.seconds:.2f} | {e.seconds:.2f} | {de:.2f} | {a.peak_mb:.0f} / {c.peak_mb:.0f} |"
        )
    lines += ["", "![Build time against the number of maps](assets/benchmark.png)", ""]
    write_section(out / "benchmark.md", "build", lines)
    print(f"\nWrote {out / 'benchmark.md'} and {chart}")


def plot(results: dict[int, dict[str, Run]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(results)
    figure, axes = plt.subplots(figsize=(7, 4), dpi=100)
    for name, label in (
        ("A", "A: with the plugin"),
        ("B", "B: plain, default navigation"),
        ("C", "C: plain, one-entry navigation"),
    ):
        axes.plot(sizes, [results[n][name].seconds for n in sizes], marker="o", label=label)
    axes.set_xlabel("maps")
    axes.set_ylabel("build time (s)")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)


if __name__ == "__main__":
    main()
