"""The installed `empathy-playbook` program, run as a subprocess on real files, as contributors and CI run it."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

from empathy_playbook.schema import json_schema

from .support import BASE_CONFIG, CORPUS, ENV, EXPECTED, GOOD_MAP, REPO, Site, run_program


def test_version_and_help_on_every_command(project: Path) -> None:
    assert run_program("--version", cwd=project).stdout.startswith("empathy-playbook, version ")
    for command in ("check", "new", "schema", "export", "stale"):
        result = run_program(command, "--help", cwd=project)
        assert result.returncode == 0 and "Usage: empathy-playbook " + command in result.stdout, command


def test_check_a_clean_playbook(project: Path) -> None:
    result = run_program("check", cwd=project)
    assert (result.returncode, result.stdout) == (0, "1 map checked: no problems.\n")


def test_check_imports_only_what_checking_runs(project: Path) -> None:
    """`check` runs on every save, and its start-up is most of a small playbook's run: it reads maps and
    never renders, draws a committee or searches, so their modules stay unimported (a clean playbook
    needs no "did you mean" hints either). Its command line is read by argparse, not click (a fifth of
    the start-up); what only other commands or the help use (json, the terminal's width for the help,
    the installed version) is not imported either."""
    script = "import sys\nfrom empathy_playbook.cli import main\nsys.argv = ['empathy-playbook', 'check']\nmain()\n"
    # -X importtime lists on stderr every module imported, up to the end of the run (`check` ends without
    # tearing down, so that no atexit handler would run).
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script], cwd=project, capture_output=True, text=True, env=ENV
    )
    assert (result.returncode, result.stdout) == (0, "1 map checked: no problems.\n"), result.stderr
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert {"empathy_playbook.reader", "empathy_playbook.relations"} <= loaded  # the listing is of a real check
    rendering = {"jinja2", "markdown", "empathy_playbook.render", "empathy_playbook.pages", "empathy_playbook.generate"}
    not_checking = {"empathy_playbook.committee", "empathy_playbook.review", "empathy_playbook.search_index", "difflib"}
    # A map without HTML, entities or links needs neither the sanitiser nor an HTML parser (safe_html imports them late).
    no_html = {"nh3", "html.parser"}
    command_line = {"click", "json", "shutil", "textwrap", "importlib.metadata"}
    # Its records are named tuples or classes with __slots__ (README, Design): `dataclasses` imports inspect,
    # ast, dis and tokenize, and each dataclass compiles its methods at start-up.
    records = {"dataclasses", "inspect"}
    assert "argparse" in loaded  # the listing is of this command line
    assert sorted(loaded & (rendering | not_checking | no_html | command_line | records)) == []


def test_check_reports_the_corpus_exactly_as_the_build_does(project: Path) -> None:
    shutil.copytree(CORPUS, project / "maps" / "corpus", ignore=shutil.ignore_patterns("*.yml"))
    result = run_program("check", "maps/corpus", cwd=project)
    assert result.returncode == 1
    expected = []
    for name, problems in sorted(EXPECTED.items()):
        for problem in problems:
            level, rest = problem.split(" ", 1)
            line, message = rest.split(": ", 1)
            expected.append(f"maps/corpus/{name}:{line}: {level}: {message}")
    lines = result.stdout.splitlines()
    assert lines[:-1] == sorted(expected, key=lambda text: (text.split(":")[0], int(text.split(":")[1])))
    assert lines[-1] == f"{len(EXPECTED)} maps checked: " + (
        f"{sum(p.startswith('error') for ps in EXPECTED.values() for p in ps)} errors, "
        f"{sum(p.startswith('warning') for ps in EXPECTED.values() for p in ps)} warnings."
    )


def test_check_strict_fails_on_warnings(project: Path) -> None:
    (project / "maps" / "typo.md").write_text(GOOD_MAP.replace("#economic", "#economc"))
    lenient, strict = run_program("check", cwd=project), run_program("check", "--strict", cwd=project)
    assert lenient.returncode == 0 and strict.returncode == 1
    assert "maps/typo.md:7: warning: unknown need tag '#economc'; did you mean '#economic'?" in strict.stdout


def test_check_json_and_github_formats(project: Path) -> None:
    (project / "maps" / "bad.md").write_text(GOOD_MAP.replace("## Gains", "## Gains%0A::warning::x,y: z"))
    data = json.loads(run_program("check", "--format", "json", cwd=project).stdout)
    assert data == [
        {
            "path": "maps/bad.md",
            "line": 21,
            "level": "warning",
            "code": "heading.unknown",
            "message": "unknown section heading '## Gains%0A::warning::x,y: z'; the sections are: Sees, Hears, "
            "Thinks and feels, Says and does, Pains, Gains, Approach, Story, Questions (it is shown below the map)",
        },
        {
            "path": "maps/bad.md",
            "line": 22,
            "level": "error",
            "code": "section.missing",
            "message": "the section 'Gains' is missing; add a heading '## Gains' with its items, for example below "
            "this line, the end of the map",
        },
    ]
    github = run_program("check", "--format", "github", cwd=project)
    annotations = github.stdout.splitlines()
    assert annotations == [
        "::warning file=maps/bad.md,line=21,title=empathy-playbook::unknown section heading "
        "'## Gains%250A::warning::x,y: z'; the sections are: Sees, Hears, Thinks and feels, Says and does, "
        "Pains, Gains, Approach, Story, Questions (it is shown below the map)",
        "::error file=maps/bad.md,line=22,title=empathy-playbook::the section 'Gains' is missing; "
        "add a heading '## Gains' with its items, for example below this line, the end of the map",
    ]
    assert github.stderr.strip() == "2 maps checked: 1 error, 1 warning."


def test_check_bad_usage_exits_2(project: Path) -> None:
    """Bad usage: exit status 2, the command's usage and one message naming what was wrong, as click gave them
    (scripts and CI logs read them); the command is not run."""
    usage = "Usage: empathy-playbook check [OPTIONS] [PATHS]...\nTry 'empathy-playbook check --help' for help.\n\n"
    for args, message in [
        (["no/such/file.md"], "Invalid value for '[PATHS]...': Path 'no/such/file.md' does not exist."),
        (["--format", "xml"], "Invalid value for '--format': 'xml' is not one of 'text', 'github', 'json'."),
        (["--stric"], "No such option '--stric'. Did you mean '--strict'?"),
    ]:
        result = run_program("check", *args, cwd=project)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", f"{usage}Error: {message}\n"), args
    program = "Usage: empathy-playbook [OPTIONS] COMMAND [ARGS]...\nTry 'empathy-playbook --help' for help.\n\n"
    result = run_program("chek", cwd=project)
    assert (result.returncode, result.stderr) == (
        2,
        f"{program}Error: No such command 'chek'. (Did you mean one of: 'check', 'schema'?)\n",
    )
    assert run_program("check", "--format", cwd=project).stderr == "Error: Option '--format' requires an argument.\n"
    assert run_program("generate", cwd=project).stderr.endswith("Error: Missing option '--out'.\n")
    assert run_program("stale", "--months", "-1", cwd=project).stderr.endswith(
        "Error: Invalid value for '--months': -1 is not in the range x>=0.\n"
    )


def test_check_takes_its_options_between_paths(project: Path) -> None:
    (project / "maps" / "typo.md").write_text(GOOD_MAP.replace("#economic", "#economc"))
    result = run_program("check", "maps/good.md", "--strict", "maps/typo.md", "--format=github", cwd=project)
    assert result.returncode == 1 and result.stdout.startswith("::warning file=maps/typo.md,line=7,"), result.stderr
    assert result.stderr == "2 maps checked: 0 errors, 1 warning.\n"


def test_an_unreadable_mkdocs_yml_is_a_usage_error_that_names_the_place(project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - empathy-playbook: {}\n   search: theme\n")
    result = run_program("check", cwd=project)
    assert result.returncode == 2
    assert "mkdocs.yml: cannot read it (while parsing a block collection" in result.stderr
    assert "expected <block end>, but found '<block mapping start>'\n  in \"<unicode string>\", line 4" in result.stderr


def test_check_reads_the_plugin_options_from_mkdocs_yml(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        BASE_CONFIG.format(
            language="en", plugin_options=":\n      headings:\n        pains: [Ergernissen]\n      needs: [social]"
        )
        + "extra:\n  analytics: !ENV [ANALYTICS, none]\n  icon: !!python/name:material.extensions.emoji.twemoji\n"
    )
    (project / "maps" / "good.md").write_text(
        GOOD_MAP.replace("## Pains", "## Ergernissen").replace("#functional", "#social")
    )
    result = run_program("check", cwd=project)
    assert "maps/good.md:7: warning: unknown need tag '#economic'; the need tags are: #social" in result.stdout
    assert "Ergernissen" not in result.stdout


def test_a_bad_option_in_mkdocs_yml_is_a_usage_error(project: Path) -> None:
    (project / "mkdocs.yml").write_text(BASE_CONFIG.format(language="en", plugin_options=":\n      max_file_size: big"))
    result = run_program("check", cwd=project)
    assert result.returncode == 2
    assert "empathy-playbook: option 'max_file_size': should be a whole number, not 'big'" in result.stderr


def test_the_contributor_flow_new_check_fix_matches_the_build(project: Path) -> None:
    """A new contributor: `new`, fill in, `check`, fix by line number; the build reports the same lines."""
    created = run_program("new", "Orthopedisch arts é", "--dir", "maps/zorg", "--lang", "nl", cwd=project)
    assert created.returncode == 0, created.stderr
    path = project / "maps" / "zorg" / "orthopedisch-arts-e.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Orthopedisch arts é"' in text
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Denkt & voelt", "## Hoort", "## Ziet", "## Zegt & doet", "## Frustraties", "## Wil bereiken",
    ]  # fmt: skip
    assert "<!-- Wat ziet de klant en welke problemen komt hij tegen? -->" in text
    assert all(f"# {key}:" in text for key in ("role", "organisation", "market", "metaphor", "routine", "reviewed"))

    # Filled in, with two mistakes of the kind people make.
    filled = text.replace("# market:        b2b of b2c.", "market: b2x")
    for heading in ("Denkt & voelt", "Hoort", "Ziet", "Zegt & doet", "Frustraties"):
        filled = filled.replace(f"## {heading}\n", f"## {heading}\n- iets #economisch\n", 1)
    path.write_text(filled, encoding="utf-8")
    check = run_program("check", cwd=project)
    problems = [line for line in check.stdout.splitlines() if line.startswith("maps/zorg/")]
    assert problems == [
        "maps/zorg/orthopedisch-arts-e.md:7: error: 'market' must be 'b2b' or 'b2c', not 'b2x'",
        "maps/zorg/orthopedisch-arts-e.md:51: error: the section 'Wil bereiken' is empty; write at least one item under it, as '- ...'",
    ]
    build = Site(project).build(strict=True)
    assert build.aborted
    assert sorted(build.messages) == sorted("ERROR " + line.replace(": error: ", ": ", 1) for line in problems)

    # Fixed by the line numbers given.
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] = "market: b2b"
    lines.insert(51, "- groei #economisch")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_program("check", "--strict", cwd=project).returncode == 0
    assert not Site(project).build(strict=True).aborted


def test_new_never_overwrites(project: Path) -> None:
    assert run_program("new", "Good", cwd=project).returncode == 1  # maps/good.md exists
    assert (project / "maps" / "good.md").read_text() == GOOD_MAP
    assert run_program("new", "   ", cwd=project).returncode == 2


def test_new_gives_a_playbook_without_a_schema_one_and_links_it(project: Path) -> None:
    result = run_program("new", "Buyer", "--dir", "maps/a", "--lang", "en", cwd=project)
    assert result.stdout.startswith("Wrote schema/empathy-map.schema.json: the JSON Schema")
    map_file = project / "maps" / "a" / "buyer.md"
    modeline = map_file.read_text().splitlines()[1]
    assert modeline == "# yaml-language-server: $schema=../../schema/empathy-map.schema.json"
    target = (map_file.parent / modeline.split("=", 1)[1]).resolve()
    assert json.loads(target.read_text()) == json_schema()  # the link lands on the validator's own schema
    run_program("new", "Other buyer", "--dir", "maps/a", cwd=project)
    assert json.loads(target.read_text()) == json_schema()  # written once, never overwritten


def test_new_links_the_schema_for_editors(project: Path) -> None:
    (project / "schema").mkdir()
    (project / "schema" / "empathy-map.schema.json").write_text("{}")
    run_program("new", "Buyer", "--dir", "maps/a/b", "--lang", "en", cwd=project)
    text = (project / "maps" / "a" / "b" / "buyer.md").read_text()
    assert text.splitlines()[1] == "# yaml-language-server: $schema=../../../schema/empathy-map.schema.json"
    assert "## Thinks & feels" in text


def test_the_shipped_schema_is_the_generated_one() -> None:
    shipped = json.loads((REPO / "schema" / "empathy-map.schema.json").read_text())
    assert shipped == json_schema()
    assert json.loads(run_program("schema", cwd=REPO).stdout) == shipped


def test_export_is_one_json_document_without_personal_data(project: Path) -> None:
    shutil.copy(CORPUS / "real-person.md", project / "maps" / "real.md")
    (project / "maps" / "good.md").write_text(
        GOOD_MAP.replace(
            "role: Purchaser", "role: <b>Purchaser</b>\naccount: Acme\nbuying_role: [beslisser, gatekeeper]"
        )
    )
    result = run_program("export", "--out", "export.json", cwd=project)
    assert result.returncode == 0
    raw = (project / "export.json").read_text(encoding="utf-8")
    assert "<b>" not in raw and "Jan Jansen" not in raw and "Dorpsstraat" not in raw
    document = json.loads(raw)
    assert (document["format"], document["version"]) == ("empathy-playbook export", 1)
    good = next(m for m in document["maps"] if m["path"] == "maps/good.md")
    assert good["role"] == "<b>Purchaser</b>"
    assert good["account"] == "Acme"
    assert good["buying_roles"] == ["decider", "gatekeeper"]  # a CRM import needs who decides
    assert good["sections"]["sees"]["items"] == [{"text": "the market", "needs": ["economic"], "line": 9}]
    real = next(m for m in document["maps"] if m["path"] == "maps/real.md")
    assert real["routine"] == {"income": "40k-50k", "position": "Hoofd inkoop"}
    assert json.loads(run_program("export", cwd=project).stdout) == document


def test_stale_lists_maps_due_for_review_by_owner(project: Path) -> None:
    today = datetime.date.today()
    old = today.replace(year=today.year - 2).isoformat()
    recent = (today - datetime.timedelta(days=20)).isoformat()
    maps = project / "maps"
    (maps / "good.md").write_text(GOOD_MAP.replace("role:", f"owner: Ann\nreviewed: {old}\nrole:"))
    (maps / "fresh.md").write_text(GOOD_MAP.replace("role:", f"owner: Ann\nreviewed: {recent}\nrole:"))
    (maps / "never.md").write_text(GOOD_MAP)
    result = run_program("stale", cwd=project)
    assert result.stdout.splitlines() == [
        f"maps/good.md: reviewed {old} (24 months ago); owner: Ann",
        "maps/never.md: never reviewed; owner: nobody",
        "2 of 3 maps due for review (every 6 months).",
    ]
    assert "maps/good.md" not in run_program("stale", "--months", "30", cwd=project).stdout


def test_every_value_a_map_wrote_is_printed_on_one_line_in_every_format(project: Path) -> None:
    """An owner, a title or a file name cannot start a line: in a CI log '::error' there is a command."""
    owner = "Ann\\n::error file=x.md,line=1::pwned\\r::warning::\\u202egnp.exe"
    (project / "maps" / "good.md").write_text(GOOD_MAP.replace("role:", f'owner: "{owner}"\nrole:'))
    (project / "maps" / "t\u202eab\nx.md").write_text(GOOD_MAP.replace("#economic", "#economc"))
    for args in (["stale"], ["check"], ["check", "--format", "github"], ["check", "--format", "json"]):
        result = run_program(*args, cwd=project)
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.startswith(("::error file=x", "::warning::", "x.md")), (args, line)
            assert "\u202e" not in line and "\r" not in line, (args, line)
    assert "owner: Ann ::error file=x.md,line=1::pwned ::warning:: gnp.exe" in run_program("stale", cwd=project).stdout
    assert (
        "maps/t ab x.md:1: error: the file or folder name holds invisible" in run_program("check", cwd=project).stdout
    )
