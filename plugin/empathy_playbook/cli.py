"""The command-line program `empathy-playbook`: a thin adapter on the core, like the MkDocs plugin.

It reads the plugin's options from mkdocs.yml itself (without loading MkDocs), so that `check`
starts fast enough to run on every save.
"""

from __future__ import annotations

import datetime
import gc
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click
import yaml

from .addresses import docs_files, may_take_a_page
from .discovery import maps_folder_problem, read_playbook
from .messages import counted, language_of, say
from .model import Level, Problem, quoted
from .onboarding import check_onboarding, onboarding_lines
from .options import read_options, unknown_options
from .playbook import Playbook
from .settings import Settings

PLUGIN_NAME = "empathy-playbook"
CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")


@dataclass(frozen=True)
class Project:
    root: Path
    settings: Settings
    language: str
    """The language of the site (theme.language in mkdocs.yml), which messages are given in."""
    config_file: Path | None = None
    config: dict[str, Any] = field(default_factory=dict)
    """mkdocs.yml as data (empty without one)."""

    def read(self, paths: tuple[Path, ...] = ()) -> Playbook:
        name = self.config_file.name if self.config_file else "mkdocs.yml"
        return read_playbook(self.root, self.settings, paths or None, config_path=name)

    def check(self, paths: tuple[Path, ...] = ()) -> Playbook:
        """The maps read as the build reads them; for the whole maps folder, the onboarding steps too."""
        playbook = self.read(paths)
        if not paths:
            name = self.config_file.name if self.config_file else "mkdocs.yml"
            # The steps' lines come from mkdocs.yml read again (as nodes): only when there are steps to place.
            lines = onboarding_lines(self.config_file) if self.config_file and self.settings.onboarding else []
            playbook.problems.extend(check_onboarding(playbook, self.settings, name, lines))
        return playbook


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="empathy-playbook", prog_name="empathy-playbook")
@click.option(
    "-f",
    "--config-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The mkdocs.yml to take the plugin's options from. Default: the nearest one above the current folder.",
)
@click.pass_context
def main(context: click.Context, config_file: Path | None) -> None:
    """Check, start and export the empathy maps of a playbook."""
    config_file = config_file or find_config(Path.cwd())
    written: dict[str, Any] = {}
    language = "en"
    data: dict[str, Any] = {}
    if config_file is not None:
        try:
            data = read_mkdocs_yml(config_file)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:  # the user's to fix: say where
            raise click.UsageError(say("cli.config_unreadable", "en", path=config_file, error=error)) from None
        written, language = plugin_options(data), site_language(data)
    said = language_of(language)
    for name in unknown_options(written):  # a warning, as MkDocs gives it: the build goes on without it
        click.echo(say("cli.unknown_option", said, path=config_file, plugin=PLUGIN_NAME, name=quoted(name)), err=True)
    try:
        settings = Settings.from_options(read_options(written))
    except ValueError as error:
        raise click.UsageError(f"{config_file}: {PLUGIN_NAME}: {error}") from None
    root = config_file.parent.resolve() if config_file else Path.cwd()
    docs_dir = root / str(data.get("docs_dir") or "docs") if config_file is not None else None
    if problem := maps_folder_problem(root, settings.maps_dir, docs_dir):
        raise click.UsageError(f"{config_file or 'empathy-playbook'}: {PLUGIN_NAME}: {problem.render(said)}")
    context.obj = Project(root, settings, language, config_file, data)


# `check` and `generate` report problems alike, in the same formats.
_OUTPUT_OPTION = click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text: 'path:line: level: message'; github: GitHub Actions annotations; json: a list of problems "
    "with a language-independent code.",
)
_LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["en", "nl"]),
    help="The language of the messages. Default: the site's language (theme.language in mkdocs.yml).",
)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too, as `mkdocs build --strict` does.")
@_OUTPUT_OPTION
@_LANG_OPTION
@click.pass_obj
def check(project: Project, paths: tuple[Path, ...], strict: bool, output: str, lang: str | None) -> None:
    """Check maps without building the site: the same rules and messages as the plugin.

    PATHS are map files or folders; by default the maps folder. Exits 0 when clean, 1 when any map
    has an error (with --strict: or a warning), 2 for bad usage.
    """
    # A short run that keeps every map it reads until it prints: the cyclic garbage collector would walk the
    # growing heap of parsed maps again and again and free nothing (reading makes no reference cycles; what
    # refcounting frees is freed as before). Only here: never in the MkDocs process, a long-lived host.
    gc.disable()
    playbook = project.check(paths)
    problems = playbook.all_problems
    if not paths:  # the whole playbook: its pages against the docs folder
        problems = [*problems, *_docs_clashes(project, playbook)]
    _exit_at_once(_report(problems, len(playbook.maps), output, strict, language_of(lang or project.language)))


def _exit_at_once(status: int) -> NoReturn:
    """End `check` once its output is written, without tearing the process down: the thousands of objects of
    the maps read would be freed one by one, a few per cent of the run, for a process that ends anyway (mypy
    ends the same way). Its output is flushed first; should that fail (a closed pipe), it exits the ordinary
    way, which reports it as before. No atexit handler runs: `check` registers none."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        sys.exit(status)
    os._exit(status)


def _docs_clashes(project: Project, playbook: Playbook) -> list[Problem]:
    """The files of the docs folder that take the address of a page of the playbook.

    Finding them takes the list of every page the playbook makes, which the renderer computes (its templates,
    the indexes): done only when a file of the docs folder could be published where such a page is.
    """
    if project.config_file is None:
        return []
    docs_dir = project.root / str(project.config.get("docs_dir") or "docs")
    if not any(may_take_a_page(path) for path in docs_files(docs_dir)):
        return []
    from .generate import docs_clashes
    from .i18n import Labels
    from .render import Renderer

    renderer = Renderer(playbook, project.settings, Labels(project.language))
    return docs_clashes(project.config_file, project.config, renderer)


def _report(found: list[Problem], maps: int, output: str, strict: bool, language: str) -> int:
    """Print the problems as `check` prints them; the exit status `check` gives for them."""
    problems = sorted(found, key=lambda p: (p.path, p.line))
    errors = sum(problem.level is Level.ERROR for problem in problems)
    warnings = len(problems) - errors
    if output == "json":
        click.echo(json.dumps([_as_dict(problem, language) for problem in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(
                _github(problem, language)
                if output == "github"
                else f"{shown(problem.path)}:{problem.line}: {say('level.' + problem.level.value, language)}: "
                f"{shown(problem.in_language(language))}"
            )
        click.echo(_summary(maps, errors, warnings, language), err=output == "github")
    return 1 if errors or (strict and warnings) else 0


@main.command()
@click.argument("title")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the map in, e.g. maps/zorg. Default: the maps folder.",
)
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    help="The language of the headings and hints. Default: the site's language.",
)
@click.pass_obj
def new(project: Project, title: str, folder: Path | None, lang: str | None) -> None:
    """Start a new map for TITLE from the template; never overwrites a file."""
    from .scaffold import SCHEMA_FILE, new_map_path, new_map_text  # imported here: `check` starts faster

    language = language_of(lang or project.language)
    if not title.strip():
        raise click.BadParameter(say("cli.no_title", language), param_hint="TITLE")
    folder = folder or project.root / project.settings.maps_dir
    path = new_map_path(folder, title)
    if path.exists():
        raise click.ClickException(say("cli.exists", language, path=path))
    # The map links to the schema in the playbook's own repository, by a relative path: it works in any
    # playbook, offline, in every editor, and moves with the playbook's version of the plugin. A playbook
    # that has no copy yet gets one, generated from the validator's own field list.
    schema = project.root / SCHEMA_FILE
    if not schema.is_file():
        from .schema import json_schema

        schema.parent.mkdir(parents=True, exist_ok=True)
        schema.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
        click.echo(say("cli.wrote_schema", language, path=SCHEMA_FILE))
    folder.mkdir(parents=True, exist_ok=True)
    relative_schema = Path(os.path.relpath(schema, folder.resolve())).as_posix()
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(new_map_text(title, lang or project.language, relative_schema))
    except FileExistsError:
        raise click.ClickException(say("cli.exists", language, path=path)) from None
    click.echo(say("cli.created", language, path=path))


@main.command()
def schema() -> None:
    """Print the JSON Schema of a map's front matter (for editors and other tools)."""
    from .schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


@main.command()
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of the screen."
)
@click.pass_obj
def export(project: Project, out: Path | None) -> None:
    """Export all maps as one JSON document (format: see the README), for CRM import and other tools.

    Personal data of real people is left out, as on the site.
    """
    from .export import dumps, export_document

    text = dumps(export_document(project.read(), datetime.date.today()))
    if out is None:
        click.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        click.echo(say("cli.wrote", language_of(project.language), path=out), err=True)


@main.command()
@click.option(
    "--months",
    type=click.IntRange(min=0),
    help="Due after this many months. Default: review_months in mkdocs.yml, or 6.",
)
@_LANG_OPTION
@click.pass_obj
def stale(project: Project, months: int | None, lang: str | None) -> None:
    """List the maps due for review (reviewed at least N months ago, or never), by owner."""
    from .review import overdue_maps

    language = language_of(lang or project.language)
    months = project.settings.review_months if months is None else months
    maps = project.read().maps
    due = overdue_maps(maps, months, datetime.date.today())
    for item in due:
        reviewed = item.map.profile.reviewed
        owner = shown(item.map.profile.owner) or say("cli.nobody", language)
        if reviewed:
            click.echo(
                say(
                    "cli.stale_reviewed",
                    language,
                    path=shown(item.map.path),
                    date=reviewed,
                    months=item.months_ago,
                    owner=owner,
                )
            )
        else:
            click.echo(say("cli.stale_never", language, path=shown(item.map.path), owner=owner))
    click.echo(say("cli.stale_summary", language, due=len(due), total=len(maps), months=months))


@main.command()
@click.argument("site", type=click.Path(file_okay=False, path_type=Path), default="site")
@click.option("--lang", help="The site's language (ISO 639-1, e.g. nl). Default: theme.language in mkdocs.yml.")
@click.pass_obj
def index(project: Project, site: Path, lang: str | None) -> None:
    """Build the Pagefind search index of a built site folder (default: site), whichever engine built it.

    `mkdocs build` does this itself (option `search: pagefind`); this command is for sites built another
    way. The index goes to SITE/pagefind/. Exits 0 when done, 1 when Pagefind fails.
    """
    from .search_index import SearchIndexError, index_site  # Pagefind: not on `check`'s path

    try:
        report = index_site(site, lang or project.language)
    except SearchIndexError as error:
        click.echo(say("cli.index_failed", language_of(project.language), error=error), err=True)
        sys.exit(1)
    click.echo(
        say(
            "cli.indexed",
            language_of(project.language),
            pages=report.pages,
            site_language=report.language,
            seconds=f"{report.seconds:.2f}",
            bundle=report.bundle,
        )
    )


@main.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write into (new, empty, or written by generate before), e.g. build/zensical.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, as `check --strict` does.")
@_OUTPUT_OPTION
@_LANG_OPTION
@click.pass_obj
def generate(project: Project, out: Path, strict: bool, output: str, lang: str | None) -> None:
    """Write every page the plugin makes as plain files, for engines without MkDocs plugins (Zensical).

    OUT/docs is the site's docs folder with the playbook's pages added (Markdown files holding the
    pages' HTML, the meeting cards, the stylesheet and script); OUT/mkdocs.yml is the site's
    configuration for it. Then: zensical build -f OUT/mkdocs.yml (the site: OUT/site). Problems
    are reported as by `check`, with the same exit status; the pages are written in any case.
    """
    from .generate import GenerateError, Site
    from .generate import generate as write_playbook

    language = language_of(lang or project.language)
    if project.config_file is None:
        raise click.UsageError(say("cli.generate_no_config", language))
    site = Site.from_config(project.config_file.resolve(), project.config, project.language)
    playbook = project.check()
    try:
        result = write_playbook(playbook, project.settings, site, out, root=project.root)
    except GenerateError as error:
        raise click.ClickException(error.in_language(language)) from None
    status = _report([*playbook.all_problems, *result.problems], len(playbook.maps), output, strict, language)
    click.echo(
        say(
            "cli.generated",
            language,
            out=out,
            pages=result.pages,
            cards=result.cards,
            files=result.docs_files,
            docs=out / "docs",
            config=out / "mkdocs.yml",
        ),
        err=True,
    )
    sys.exit(status)


@main.command()
@click.argument("site_dir", type=click.Path(file_okay=False, path_type=Path))
@_LANG_OPTION
@click.pass_obj
def verify(project: Project, site_dir: Path, lang: str | None) -> None:
    """Check a built site (SITE_DIR, e.g. site/): every map has its page with the six sections, no link is broken.

    Works on what any engine built (MkDocs, ProperDocs, Zensical): an engine that ignored the plugin
    fails here. Exits 0 when all is well, 1 otherwise.
    """
    from .sitecheck import check_site, summary

    language = language_of(lang or project.language)
    maps = project.read().maps
    if not maps:
        folder = project.root / project.settings.maps_dir
        raise click.ClickException(say("cli.verify_no_maps", language, folder=folder))
    report = check_site(site_dir, maps)
    for problem in report.problems:
        click.echo(problem.in_language(language), err=True)
    click.echo(summary(site_dir, report, language))
    sys.exit(1 if report.problems else 0)


# mkdocs.yml, read without MkDocs: the checker must start fast.


def find_config(start: Path) -> Path | None:
    """The MkDocs configuration file in `start` or the nearest folder above it."""
    for folder in [start, *start.parents]:
        for name in CONFIG_FILES:
            if (folder / name).is_file():
                return folder / name
    return None


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as data, read without MkDocs (the checker must start fast).

    Tags such as `!ENV` or `!!python/name:` (common in mkdocs.yml) are read as nothing: they never
    concern this plugin, and nothing in the file is ever executed. Read with libyaml when PyYAML has it;
    a file it refuses is read again by PyYAML's own parser, so that the message is the one it always was.
    """
    text = config_file.read_text(encoding="utf-8-sig")
    try:
        data = yaml.load(text, Loader=_FastTolerantLoader)
    except yaml.YAMLError:  # read again for PyYAML's own message, as `check` has always given it
        data = yaml.load(text, Loader=_TolerantLoader)
    return data if isinstance(data, dict) else {}


def plugin_options(data: Mapping[str, Any]) -> dict[str, Any]:
    """The plugin's options in mkdocs.yml's data (empty when it is listed without options, or not at all)."""
    plugins = data.get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else ((p, None) for p in plugins or [])
    for entry, value in entries:
        if entry == PLUGIN_NAME:
            return dict(value or {})
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return dict(entry[PLUGIN_NAME] or {})
    return {}


def site_language(data: Mapping[str, Any]) -> str:
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return str(language) if language else "en"


class _TolerantLoader(yaml.SafeLoader):
    pass


class _FastTolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # a base of type Any
    """The same, with libyaml's parser (in C; PyYAML's own without libyaml): mkdocs.yml is read at every start."""


for _loader in (_TolerantLoader, _FastTolerantLoader):
    _loader.add_multi_constructor("", lambda loader, suffix, node: None)
    _loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    _loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _summary(maps: int, errors: int, warnings: int, language: str) -> str:
    checked = counted(maps, "cli.map", "cli.maps")
    if not errors and not warnings:
        return say("cli.clean", language, maps=checked)
    return say(
        "cli.summary",
        language,
        maps=checked,
        errors=counted(errors, "cli.error", "cli.errors"),
        warnings=counted(warnings, "cli.warning", "cli.warnings"),
    )


def shown(value: str) -> str:
    """A value from a map (a file name, an owner, a title) as printed by every command, in every format.

    On one line, without control or direction-changing characters: a map cannot start a line of its own
    in a terminal, in a CI log (where '::error' at the start of a line is a command) or in a pipe.
    """
    return quoted(value, limit=None)


def _as_dict(problem: Problem, language: str) -> dict[str, object]:
    return {
        "path": shown(problem.path),
        "line": problem.line,
        "level": problem.level.value,
        "code": problem.code,
        "message": shown(problem.in_language(language)),
    }


def _github(problem: Problem, language: str) -> str:
    """A GitHub Actions workflow command; its data and properties escaped as the runner expects."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    return (
        f"::{problem.level.value} file={prop(shown(problem.path))},line={problem.line},"
        f"title=empathy-playbook::{data(shown(problem.in_language(language)))}"
    )
