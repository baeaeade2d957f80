"""Benchmark: the playbook build against plain mkdocs-material on the same content, in one run.

    ./dev bench                      # sizes 100, 1000 and 5000, three repetitions (about 30 minutes)
    ./dev bench --sizes 100,1000     # quicker
    ./dev bench --suite search --sizes 1000,5000   # only the search part (search_bench.py)
    ./dev bench --suite pages --sizes 1000,5000    # only what the reader's browser gets (pages.py)
    ./dev bench --suite shapes                     # only the hostile 1 MB maps (shapes.py)

For each size N it generates a playbook of N maps in the real map format and measures, as whole
processes, the median wall time and the peak memory of:

    A  mkdocs build of the playbook with the plugin, with the theme's own search (`search: theme`) as B and C
    B  the same Markdown files as ordinary pages of a plain mkdocs-material site, default navigation
    C  the same pages with a one-entry navigation: the MkDocs floor
    D  empathy-playbook check on the maps
    E  a bare Python loop calling frontmatter.load on each map
    P  the default build (`search: pagefind`), once: the Pagefind step, as the plugin logs it, is its own figure

The cases run round by round (A, B, C, D, E, P, then again), so that a change in the machine's load
falls on all of them alike. Then, at --serve-size maps (1000), it starts `mkdocs serve` on A, saves
one map --edits times (5) and times each save until the server tells the browser to reload with
the page showing the edit; then the same with `mkdocs serve --dirty` (only the changed pages written),
with --dirty on the default configuration (P, Pagefind: what `./dev serve` runs) and, for the floor,
with --dirty on C.

It prints A/B, A/C, D/E, the peak memory of each case and the serve latency, each goal of issue #18
beside its figure, and writes docs/benchmark.md with a table and a chart (docs/assets/benchmark.png).
B takes minutes at 5000 maps (its navigation makes it quadratic), so it runs once there, whatever
--repeat says; --b-max 1000 leaves it out above 1000 maps (it ran 17 minutes at 5000 on 2026-11-28).

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
import queue
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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
    # A with the theme's own search, as B and C: the ratio compares like with like. P is A with the
    # default search (Pagefind): its index step is reported as a figure of its own.
    (root / "A" / "mkdocs.yml").write_text(
        f"site_name: A\n{THEME}plugins:\n  - search\n  - empathy-playbook:\n      search: theme\n"
    )
    (root / "A" / PAGEFIND_CONFIG).write_text(f"site_name: A\n{THEME}plugins:\n  - search\n  - empathy-playbook\n")
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
    cpu: float = 0.0
    """CPU seconds (user and system) of the process: on a shared machine, steadier than the wall time."""
    log: str = ""
    """What the process wrote to stderr (the Pagefind step logs its own time there)."""


def measure(command: list[str], cwd: Path) -> Run:
    """Wall time and peak memory (maximum resident set) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Read stderr while the process runs: a full pipe would stall it.
    stderr = process.stderr.read().decode() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{stderr[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, stderr)


PAGEFIND_CONFIG = "mkdocs-pagefind.yml"
INDEX_LOG = re.compile(r"Pagefind indexed \d+ pages \([^)]*\) in ([\d.]+) s")

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
    # Not -q: the plugin logs the Pagefind step's own time at the info level.
    "P": lambda root: (
        [str(BIN / "mkdocs"), "build", "-f", PAGEFIND_CONFIG, "-d", str(root / "A" / "site-pagefind")],
        root / "A",
    ),
}

GOALS = {
    "A/C": (1.3, "A/C <= 1.3 at 1000 and 5000 maps"),
    "D/E": (2.0, "D/E <= 2.0 at 1000 maps"),
    "memory": (1.5, "peak memory A <= 1.5 x C at 5000 maps"),
    "serve": (2.0, "an edited map on screen within 2 s at 1000 maps (median of 5 edits)"),
}


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        max(r.peak_mb for r in runs),
        statistics.median(r.cpu for r in runs),
        runs[-1].log,
    )


def index_seconds(run: Run) -> float:
    match = INDEX_LOG.search(run.log)
    if match is None:
        raise SystemExit(f"the Pagefind build logged no index step:\n{run.log[-2000:]}")
    return float(match.group(1))


@dataclass
class ServeRun:
    maps: int
    dirty: bool
    seconds: list[float]
    case: str = "A"
    """A (`search: theme`), P (the default, Pagefind) or C (plain mkdocs-material pages, the floor)."""
    """Per edit: from saving the map until `mkdocs serve` tells the browser to reload, the page holding the new text."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


SERVED = {
    "A": "playbook A (`search: theme`)",
    "P": "playbook A with the default configuration (P: `search: pagefind`, as `./dev serve`)",
    "C": "C (bare mkdocs-material pages, the floor)",
}


def serve_latency(site: Path, edits: int, *, dirty: bool, case: str = "A") -> ServeRun:
    """Start `mkdocs serve` on the playbook, save one map `edits` times, time each until the edit is on screen.

    On screen: the server has rebuilt and tells the browsers to reload ("Reloading browsers"), and the
    map's page it then serves holds the new sentence. The first build is not counted. `site` is the
    generated playbook's A folder for A and P (P: with `mkdocs-pagefind.yml`), its C folder for C.
    """
    maps = site / ("docs/maps" if case == "C" else "maps")
    config = ["-f", PAGEFIND_CONFIG] if case == "P" else []
    with socket.socket() as probe:  # a free port: never a fixed one on a shared machine
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(BIN / "mkdocs"), "serve", *config, "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])]
    process = subprocess.Popen(command, cwd=site, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text: str, since: float, timeout: float = 600.0) -> float:
        deadline = time.perf_counter() + timeout
        while True:
            try:
                at, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise SystemExit(f"mkdocs serve did not log {text!r} within {timeout:.0f} s") from None
            if "ERROR" in line or "Traceback" in line:
                raise SystemExit(f"mkdocs serve failed: {line}")
            if text in line and at >= since:
                return at

    try:
        wait_for("Serving on", 0.0)
        target = sorted(maps.rglob("*.md"))[len(list(maps.rglob("*.md"))) // 3]
        url = f"http://127.0.0.1:{port}/maps/{target.relative_to(maps).with_suffix('').as_posix()}/"
        original = target.read_text(encoding="utf-8")
        seconds = []
        for edit in range(edits):
            time.sleep(1.0)  # let the watcher settle, as between two saves of a person
            word = f"Bewerking{edit}x{random.randrange(10**6)}"
            start = time.perf_counter()
            target.write_text(original.replace("\n## ", f"\n- {word}.\n\n## ", 1), encoding="utf-8")
            # The reload after the rebuild this save started: a rebuild already under way when the map was
            # saved also ends with "Reloading browsers", before the saved map is read.
            reloaded = wait_for("Reloading browsers", wait_for("Detected file changes", start))
            with urllib.request.urlopen(url, timeout=30) as response:
                if word not in response.read().decode("utf-8"):
                    raise SystemExit(f"after the rebuild, {url} does not show the edit")
            seconds.append(reloaded - start)
            print(
                f"  {case} serve{' --dirty' if dirty else ''}: edit {edit + 1} on screen after {seconds[-1]:.2f} s",
                flush=True,
            )
        target.write_text(original, encoding="utf-8")
        return ServeRun(len(list(maps.rglob("*.md"))), dirty, seconds, case)
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000", help="numbers of maps, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median counts)")
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="where benchmark.md and the chart go")
    parser.add_argument(
        "--suite", choices=["all", "build", "search", "pages", "shapes"], default="all", help="which measurements"
    )
    parser.add_argument(
        "--b-max",
        type=int,
        default=5000,
        help="largest number of maps B is measured at (B grows with the square: about 17 minutes at 5000)",
    )
    parser.add_argument("--serve-size", type=int, default=1000, help="maps in the serve test (0: no serve test)")
    parser.add_argument("--edits", type=int, default=5, help="map edits in the serve test (the median counts)")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]

    if arguments.suite in ("all", "pages"):
        pages(sizes, arguments.out)
    if arguments.suite in ("all", "search"):
        search(sizes, arguments.repeat, arguments.out)
    if arguments.suite in ("all", "shapes"):
        shapes(arguments.out)
    if arguments.suite in ("search", "pages", "shapes"):
        return
    results: dict[int, dict[str, Run]] = {}
    serve: list[ServeRun] = []
    with tempfile.TemporaryDirectory(prefix="empathy-bench-") as temporary:
        for count in sizes:
            root = Path(temporary) / str(count)
            generate(root, count)
            names = [name for name in COMMANDS if name != "B" or count <= arguments.b_max]
            for name in "DE":  # warm-up: compiled modules and the file cache, as on every later run
                measure(*COMMANDS[name](root))
            runs: dict[str, list[Run]] = {name: [] for name in names}
            # Round by round (A, B, C, D, E, P, then again), so that a change in the machine's load
            # falls on every case alike and the ratios within a round hold.
            for round_ in range(arguments.repeat):
                for name in names:
                    if round_ > 0 and (name == "P" or (name == "B" and count >= 5000)):
                        continue  # once is enough: P for its index step, B at 5000 takes a quarter of an hour
                    runs[name].append(measure(*COMMANDS[name](root)))
                    run = runs[name][-1]
                    print(
                        f"N={count:5} {name}: {run.seconds:8.2f} s  {run.cpu:8.2f} s CPU  {run.peak_mb:7.0f} MB",
                        flush=True,
                    )
            results[count] = {name: median_run(measured) for name, measured in runs.items()}
            if count == arguments.serve_size and arguments.edits > 0:
                # A as with `search: theme`, then `./dev serve` on the default configuration (P, Pagefind),
                # then the floor: bare mkdocs-material on the same Markdown (C).
                serve = [
                    serve_latency(root / "A", arguments.edits, dirty=False),
                    serve_latency(root / "A", arguments.edits, dirty=True),
                    serve_latency(root / "A", arguments.edits, dirty=True, case="P"),
                    serve_latency(root / "C", arguments.edits, dirty=True, case="C"),
                ]
            shutil.rmtree(root)
    report(results, serve, arguments.out)


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def pages(sizes: list[int], out: Path) -> None:
    import pages as pages_bench

    results = {}
    with tempfile.TemporaryDirectory(prefix="empathy-bench-pages-") as temporary:
        for count in sizes:
            root = Path(temporary) / str(count)
            generate(root, count)
            # The site readers get: the default configuration (P, Pagefind), not A's theme search.
            build = measure(*COMMANDS["P"](root))
            print(f"N={count:5} pages: built in {build.seconds:.1f} s", flush=True)
            # Part of a buyer's name, as a reader types it: "Koper 4993" found by "4993" or "per 1666".
            queries = [str(count - 7), f"per {count // 3}"]
            results[count] = pages_bench.measure_site(root / "A" / "site-pagefind", queries)
            shutil.rmtree(root)
    out.mkdir(parents=True, exist_ok=True)
    write_section(
        out / "benchmark.md", "pages", pages_bench.section(results, machine(), datetime.date.today().isoformat())
    )
    print(f"\nWrote the pages section of {out / 'benchmark.md'}")


def shapes(out: Path) -> None:
    import shapes as shapes_bench

    results = shapes_bench.measure(BIN, ENV)
    write_section(
        out / "benchmark.md", "shapes", shapes_bench.section(results, machine(), datetime.date.today().isoformat())
    )
    print(f"\nWrote the shapes section of {out / 'benchmark.md'}")


def search(sizes: list[int], repeat: int, out: Path) -> None:
    import search_bench

    results = {}
    with tempfile.TemporaryDirectory(prefix="empathy-bench-search-") as temporary:
        for count in sizes:
            root = Path(temporary) / str(count)
            generate(root, count)
            needle_map = "maps/" + synthetic_map(count // 2, random.Random(0))[0].removesuffix(".md")
            run = search_bench.measure(root, BIN, ENV, NEEDLE, needle_map, repeat, PAGEFIND_CONFIG)
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


def _met(value: float, goal: str) -> str:
    return "met" if value <= GOALS[goal][0] else "missed"


def report(results: dict[int, dict[str, Run]], serve: list[ServeRun], out: Path) -> None:
    def seconds(runs: dict[str, Run], name: str) -> str:
        return f"{runs[name].seconds:.2f}" if name in runs else "–"

    def memory(runs: dict[str, Run], name: str) -> str:
        return f"{runs[name].peak_mb:.0f}" if name in runs else "–"

    print("\n    N     A/B    A/C  A/C CPU    D/E  D/E CPU   memory A/C   Pagefind step (s)")
    for count, runs in results.items():
        a, c, d, e = (runs[name] for name in "ACDE")
        ab = f"{a.seconds / runs['B'].seconds:6.2f}" if "B" in runs else "     –"
        print(
            f"{count:5}  {ab} {a.seconds / c.seconds:6.2f}   {a.cpu / c.cpu:6.2f} {d.seconds / e.seconds:6.2f}   "
            f"{d.cpu / e.cpu:6.2f}       {a.peak_mb / c.peak_mb:6.2f}       {index_seconds(runs['P']):6.2f}"
        )
    print("\nGoals:")
    lines_goals = goal_lines(results, serve)
    for line in lines_goals:
        print(f"  {line}")
    if len(results) > 1 and min(results) * 5 in results:
        small, large = min(results), min(results) * 5
        print(f"A({large})/A({small}) = {results[large]['A'].seconds / results[small]['A'].seconds:.2f}")

    chart = out / "assets" / "benchmark.png"
    chart.parent.mkdir(parents=True, exist_ok=True)
    plot(results, chart)
    load = os.getloadavg()
    lines = [
        "## Build",
        "",
        f"Measured on {datetime.date.today().isoformat()} ({machine()}) by `./dev bench`: median of whole",
        "processes, run round by round (A, B, C, D, E, then again) on generated playbooks in the real map",
        f"format. Load average at the end of the run: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min).",
        "",
        "- **A** `mkdocs build` with the plugin and the theme's own search (`search: theme`), as B and C;",
        "  **B** the same files as plain mkdocs-material pages with the default navigation; **C** the same",
        "  with a one-entry navigation (the MkDocs floor);",
        "- **D** `empathy-playbook check`; **E** a bare loop of `frontmatter.load` over the maps;",
        "- **P** the default build (`search: pagefind`), once; *index step*: the Pagefind step in it, as the",
        "  plugin logs it.",
        "- *memory*: the peak resident set of each process (MB); *CPU*: the CPU seconds (user and system)",
        "  of each process, which the other processes on a shared machine stretch far less than the wall time.",
        "",
        "| maps | A (s) | B (s) | C (s) | A/B | A/C | A/C CPU | D (s) | E (s) | D/E | D/E CPU | P (s) "
        "| index step (s) | memory A / B / C (MB) | memory A/C | memory D / E (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count, runs in results.items():
        a, c, d, e = (runs[name] for name in "ACDE")
        ab = f"{a.seconds / runs['B'].seconds:.2f}" if "B" in runs else "–"
        lines.append(
            f"| {count} | {a.seconds:.2f} | {seconds(runs, 'B')} | {c.seconds:.2f} | {ab} | {a.seconds / c.seconds:.2f} "
            f"| {a.cpu / c.cpu:.2f} | {d.seconds:.2f} | {e.seconds:.2f} | {d.seconds / e.seconds:.2f} "
            f"| {d.cpu / e.cpu:.2f} | {runs['P'].seconds:.2f} "
            f"| {index_seconds(runs['P']):.2f} | {memory(runs, 'A')} / {memory(runs, 'B')} / {memory(runs, 'C')} "
            f"| {a.peak_mb / c.peak_mb:.2f} | {memory(runs, 'D')} / {memory(runs, 'E')} |"
        )
    for run in serve:
        edits = ", ".join(f"{s:.2f}" for s in run.seconds)
        command = "mkdocs serve --dirty" if run.dirty else "mkdocs serve"
        lines += [
            "",
            f"**`{command}`** of {SERVED[run.case]} at {run.maps} maps, one map saved {len(run.seconds)} times:",
            "from the save until the server tells the browser to reload (the page then served holds the edit):",
            f"{edits} s; median **{run.median:.2f} s**.",
        ]
    lines += ["", "Goals, in this run:", "", *(f"- {line}" for line in lines_goals)]
    lines += ["", "![Build time against the number of maps](assets/benchmark.png)", ""]
    write_section(out / "benchmark.md", "build", lines)
    print(f"\nWrote {out / 'benchmark.md'} and {chart}")


def goal_lines(results: dict[int, dict[str, Run]], serve: list[ServeRun]) -> list[str]:
    """Each goal of the round with the figure measured for it, and whether it is met."""
    lines = []
    for count in (1000, 5000):
        if count in results:
            a, c = results[count]["A"], results[count]["C"]
            ratio, cpu = a.seconds / c.seconds, a.cpu / c.cpu
            lines.append(
                f"A/C at {count} maps: {ratio:.2f} wall (goal <= 1.3): {_met(ratio, 'A/C')}; "
                f"{cpu:.2f} in CPU time: {_met(cpu, 'A/C')}"
            )
    if 1000 in results:
        d, e = results[1000]["D"], results[1000]["E"]
        ratio, cpu = d.seconds / e.seconds, d.cpu / e.cpu
        lines.append(
            f"D/E at 1000 maps: {ratio:.2f} wall (goal <= 2.0): {_met(ratio, 'D/E')}; "
            f"{cpu:.2f} in CPU time: {_met(cpu, 'D/E')}"
        )
    if 5000 in results:
        ratio = results[5000]["A"].peak_mb / results[5000]["C"].peak_mb
        lines.append(f"peak memory A/C at 5000 maps: {ratio:.2f} (goal <= 1.5): {_met(ratio, 'memory')}")
    for run in serve:
        if run.case == "C":  # the floor, not the playbook
            continue
        command = "mkdocs serve --dirty" if run.dirty else "mkdocs serve"
        lines.append(
            f"{command} of {run.case}, edit on screen at {run.maps} maps (median): {run.median:.2f} s "
            f"(goal <= 2 s): {_met(run.median, 'serve')}"
        )
    return lines


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
        measured = [n for n in sizes if name in results[n]]
        axes.plot(measured, [results[n][name].seconds for n in measured], marker="o", label=label)
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
