"""The command-line program `empathy-playbook`: a thin adapter on the core, like the MkDocs plugin.

It reads the plugin's options from mkdocs.yml itself (without loading MkDocs), so that `check`
starts fast enough to run on every save. Its words are read by argparse from the standard library
(click, which it was written with first, cost `check` a fifth of its start-up): what a user sees is
what it always was, click's layout of the help, its messages for bad usage and its exit statuses.
What only some commands need (json, datetime, the metadata of the installed package) they import.
"""

from __future__ import annotations

import argparse
import gc
import os
import stat
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import yaml

from .addresses import docs_files, docs_folder, may_take_a_page
from .discovery import maps_folder_problem, read_playbook
from .messages import counted, language_of, say
from .model import Level, Problem, quoted
from .onboarding import check_onboarding, onboarding_lines
from .options import read_options, unknown_options
from .playbook import Playbook
from .safe_yaml import FAST_SAFE_LOADER
from .settings import Settings

PLUGIN_NAME = "empathy-playbook"
PROGRAM = "empathy-playbook"
CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")


class Project:
    """The playbook a command works on: its folder, the plugin's settings and mkdocs.yml as read."""

    __slots__ = ("config", "config_file", "language", "root", "settings")

    def __init__(
        self,
        root: Path,
        settings: Settings,
        language: str,
        config_file: Path | None = None,
        config: dict[str, Any] | None = None,
    ) -> None:
        self.root = root
        self.settings = settings
        self.language = language
        """The language of the site (theme.language in mkdocs.yml), which messages are given in."""
        self.config_file = config_file
        self.config: dict[str, Any] = {} if config is None else config
        """mkdocs.yml as data (empty without one)."""

    def read(self, paths: tuple[Path, ...] = (), *, bodies: bool = True) -> Playbook:
        name = self.config_file.name if self.config_file else "mkdocs.yml"
        return read_playbook(self.root, self.settings, paths or None, config_path=name, bodies=bodies)

    def check(self, paths: tuple[Path, ...] = (), *, bodies: bool = True) -> Playbook:
        """The maps read as the build reads them; for the whole maps folder, the onboarding steps too.
        `bodies=False`: the maps without their bodies, for their problems alone (`reader.parse_map`)."""
        playbook = self.read(paths, bodies=bodies)
        if not paths:
            name = self.config_file.name if self.config_file else "mkdocs.yml"
            # The steps' lines come from mkdocs.yml read again (as nodes): only when there are steps to place.
            lines = onboarding_lines(self.config_file) if self.config_file and self.settings.onboarding else []
            playbook.problems.extend(check_onboarding(playbook, self.settings, name, lines))
        return playbook


def main(argv: Sequence[str] | None = None) -> None:
    """Check, start and export the empathy maps of a playbook."""
    try:
        _run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()  # here, where a closed pipe is handled below, not at exit
    except UsageError as error:
        error.show()
        sys.exit(2)
    except CommandError as error:
        _echo(f"Error: {error}", err=True)
        sys.exit(1)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as a pipeline expects
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:
        _echo("\nAborted!", err=True)
        sys.exit(1)


def _run(args: list[str]) -> None:
    """Read the program's options and the command's name; read mkdocs.yml; then the command's own words.

    In this order (as the program always did): the playbook's configuration is read before the command's
    arguments are checked, so that a path that does not exist is reported after a broken mkdocs.yml.
    """
    program = _program_parser()
    at = _command_at(args)
    config_file: Path | None = program.parse(args[:at])["config_file"]
    if at == len(args):
        if not args:  # nothing at all: the help (on stderr, exit status 2)
            _echo(program.format_help().rstrip("\n"), err=True)
            sys.exit(2)
        raise UsageError("Missing command.", program)
    name = args[at]
    if name not in COMMANDS:
        raise UsageError(f"No such command {name!r}.{_did_you_mean(name, list(COMMANDS))}", program)
    project = _project(program, config_file)
    COMMANDS[name].run(project, **_command_parser(name).parse(args[at + 1 :]))


def _command_at(args: list[str]) -> int:
    """Where the command's name is: the first word that is not one of the program's own options (nor the value
    of -f); the command's own options follow it."""
    index = 0
    while index < len(args):
        word = args[index]
        if word == "--":
            return index + 1
        if not word.startswith("-") or word == "-":
            return index
        index += 2 if word in ("-f", "--config-file") else 1
    return len(args)


def _project(program: _Parser, config_file: Path | None) -> Project:
    """The playbook: mkdocs.yml found and read, the plugin's options in it checked, the maps folder found."""
    config_file = config_file or find_config(Path.cwd())
    written: dict[str, Any] = {}
    language = "en"
    data: dict[str, Any] = {}
    if config_file is not None:
        try:
            data = read_mkdocs_yml(config_file)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:  # the user's to fix: say where
            raise UsageError(say("cli.config_unreadable", "en", path=config_file, error=error), program) from None
        written, language = plugin_options(data), site_language(data)
    said = language_of(language)
    for name in unknown_options(written):  # a warning, as MkDocs gives it: the build goes on without it
        _echo(say("cli.unknown_option", said, path=config_file, plugin=PLUGIN_NAME, name=quoted(name)), err=True)
    try:
        settings = Settings.from_options(read_options(written))
    except ValueError as error:
        raise UsageError(f"{config_file}: {PLUGIN_NAME}: {error}", program) from None
    root = config_file.parent.resolve() if config_file else Path.cwd()
    docs_dir = docs_folder(root, data) if config_file is not None else None
    if problem := maps_folder_problem(root, settings.maps_dir, docs_dir):
        raise UsageError(f"{config_file or PROGRAM}: {PLUGIN_NAME}: {problem.render(said)}", program)
    return Project(root, settings, language, config_file, data)


def check(project: Project, paths: list[Path], strict: bool, output: str, lang: str | None) -> None:
    """Check maps without building the site: the same rules and messages as the plugin.

    PATHS are map files or folders; by default the maps folder. Exits 0 when clean, 1 when any map
    has an error (with --strict: or a warning), 2 for bad usage.
    """
    # A short run that keeps every map it reads until it prints: the cyclic garbage collector would walk the
    # growing heap of parsed maps again and again and free nothing (reading makes no reference cycles; what
    # refcounting frees is freed as before). Only here: never in the MkDocs process, a long-lived host.
    gc.disable()
    # The whole playbook's pages are compared with the docs folder when a file there could take one's address (made
    # from the maps whole). Otherwise each map's body goes once its problems are found: `check` keeps no more of a
    # map than its problems and its front matter (the relations and onboarding steps look at no more).
    pages_checked = not paths and _docs_may_take_a_page(project)
    playbook = project.check(tuple(paths), bodies=pages_checked)
    problems = playbook.all_problems
    if pages_checked:
        problems = [*problems, *_docs_clashes(project, playbook)]
    _exit_at_once(_report(problems, len(playbook.maps), output, strict, language_of(lang or project.language)))


def _exit_at_once(status: int) -> NoReturn:
    """End `check` once its output is written, without tearing the process down: the thousands of objects of
    the maps read would be freed one by one, a few per cent of the run, for a process that ends anyway (mypy
    ends the same way). Its output is flushed first; should that fail (a closed pipe), `main` ends it as it
    ends any command whose reader went away. No atexit handler runs: `check` registers none."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _docs_may_take_a_page(project: Project) -> bool:
    """Whether a file of the docs folder could be published where a page of the playbook is (`may_take_a_page`)."""
    if project.config_file is None:
        return False
    return any(may_take_a_page(path) for path in docs_files(docs_folder(project.root, project.config)))


def _docs_clashes(project: Project, playbook: Playbook) -> list[Problem]:
    """The files of the docs folder that take the address of a page of the playbook.

    Finding them takes the list of every page the playbook makes, which the renderer computes (its templates,
    the indexes): done only when a file of the docs folder could be published where such a page is
    (`_docs_may_take_a_page`), from the maps read whole.
    """
    if project.config_file is None:
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
        import json

        _echo(json.dumps([_as_dict(problem, language) for problem in problems], ensure_ascii=False, indent=2))
    else:
        lines = [
            _github(problem, language)
            if output == "github"
            else f"{shown(problem.path)}:{problem.line}: {say('level.' + problem.level.value, language)}: "
            f"{shown(problem.in_language(language))}"
            for problem in problems
        ]
        if lines:
            _echo("\n".join(lines))
        _echo(_summary(maps, errors, warnings, language), err=output == "github")
    return 1 if errors or (strict and warnings) else 0


def new(project: Project, title: str, folder: Path | None, lang: str | None) -> None:
    """Start a new map for TITLE from the template; never overwrites a file."""
    from .scaffold import SCHEMA_FILE, new_map_path, new_map_text  # imported here: `check` starts faster

    language = language_of(lang or project.language)
    if not title.strip():
        message = say("cli.no_title", language)
        raise UsageError(f"Invalid value for TITLE: {message}", _command_parser("new"))
    folder = folder or project.root / project.settings.maps_dir
    path = new_map_path(folder, title)
    if path.exists():
        raise CommandError(say("cli.exists", language, path=path))
    # The map links to the schema in the playbook's own repository, by a relative path: it works in any
    # playbook, offline, in every editor, and moves with the playbook's version of the plugin. A playbook
    # that has no copy yet gets one, generated from the validator's own field list.
    schema = project.root / SCHEMA_FILE
    if not schema.is_file():
        import json

        from .schema import json_schema

        schema.parent.mkdir(parents=True, exist_ok=True)
        schema.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
        _echo(say("cli.wrote_schema", language, path=SCHEMA_FILE))
    folder.mkdir(parents=True, exist_ok=True)
    relative_schema = Path(os.path.relpath(schema, folder.resolve())).as_posix()
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(new_map_text(title, lang or project.language, relative_schema))
    except FileExistsError:
        raise CommandError(say("cli.exists", language, path=path)) from None
    _echo(say("cli.created", language, path=path))


def schema(project: Project) -> None:
    """Print the JSON Schema of a map's front matter (for editors and other tools)."""
    import json

    from .schema import json_schema

    _echo(json.dumps(json_schema(), indent=2))


def export(project: Project, out: Path | None) -> None:
    """Export all maps as one JSON document (format: see the README), for CRM import and other tools.

    Personal data of real people is left out, as on the site.
    """
    import datetime

    from .export import dumps, export_document

    text = dumps(export_document(project.read(), datetime.date.today()))
    if out is None:
        _echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        _echo(say("cli.wrote", language_of(project.language), path=out), err=True)


def stale(project: Project, months: int | None, lang: str | None) -> None:
    """List the maps due for review (reviewed at least N months ago, or never), by owner."""
    import datetime

    from .review import overdue_maps

    language = language_of(lang or project.language)
    months = project.settings.review_months if months is None else months
    maps = project.read().maps
    due = overdue_maps(maps, months, datetime.date.today())
    for item in due:
        reviewed = item.map.profile.reviewed
        owner = shown(item.map.profile.owner) or say("cli.nobody", language)
        if reviewed:
            _echo(
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
            _echo(say("cli.stale_never", language, path=shown(item.map.path), owner=owner))
    _echo(say("cli.stale_summary", language, due=len(due), total=len(maps), months=months))


def index(project: Project, site: Path, lang: str | None) -> None:
    """Build the Pagefind search index of a built site folder (default: site), whichever engine built it.

    `mkdocs build` does this itself (option `search: pagefind`); this command is for sites built another
    way. The index goes to SITE/pagefind/. Exits 0 when done, 1 when Pagefind fails.
    """
    from .search_index import SearchIndexError, index_site  # Pagefind: not on `check`'s path

    try:
        report = index_site(site, lang or project.language)
    except SearchIndexError as error:
        _echo(say("cli.index_failed", language_of(project.language), error=error), err=True)
        sys.exit(1)
    _echo(
        say(
            "cli.indexed",
            language_of(project.language),
            pages=report.pages,
            site_language=report.language,
            seconds=f"{report.seconds:.2f}",
            bundle=report.bundle,
        )
    )


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
        raise UsageError(say("cli.generate_no_config", language), _command_parser("generate"))
    site = Site.from_config(project.config_file.resolve(), project.config, project.language)
    playbook = project.check()
    try:
        result = write_playbook(playbook, project.settings, site, out, root=project.root)
    except GenerateError as error:
        raise CommandError(error.in_language(language)) from None
    status = _report([*playbook.all_problems, *result.problems], len(playbook.maps), output, strict, language)
    _echo(
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
        raise CommandError(say("cli.verify_no_maps", language, folder=folder))
    report = check_site(site_dir, maps)
    for problem in report.problems:
        _echo(problem.in_language(language), err=True)
    _echo(summary(site_dir, report, language))
    sys.exit(1 if report.problems else 0)


def _echo(text: str, *, err: bool = False) -> None:
    """A line of output. Before a line on stderr, stdout is flushed: where both go to one place (a CI log,
    `2>&1`), the lines come in the order they were written."""
    if err:
        sys.stdout.flush()
        print(text, file=sys.stderr)
    else:
        print(text)


# The command line: the program's options, each command's options and arguments, their help and the messages
# for bad usage. What the user sees is what the program gave when it was written with click.


class UsageError(Exception):
    """Bad usage (exit status 2): 'Error: ' and the message; after the usage of the command it concerns, if any."""

    def __init__(self, message: str, parser: _Parser | None) -> None:
        super().__init__(message)
        self.parser = parser

    def show(self) -> None:
        if self.parser is not None:
            _echo(f"{self.parser.format_usage()}Try '{self.parser.prog} --help' for help.\n", err=True)
        _echo(f"Error: {self}", err=True)


class CommandError(Exception):
    """A command that cannot do what it was asked (exit status 1): 'Error: ' and the message."""


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help in the layout the program has always had (click's): 'Usage:' with a capital U, the
    description indented with its paragraphs kept, each option as '-f, --config-file FILE', its help beside
    it; at most 98 characters wide."""

    def __init__(self, prog: str) -> None:
        width = max(min(_terminal_columns(), 100) - 2, 50)
        super().__init__(prog, indent_increment=2, max_help_position=32, width=width)
        self._max_help_position = 32  # argparse narrows it on a narrow terminal; click did not

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Usage: " if prefix is None else prefix)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        indent += "  "
        paragraphs = (" ".join(paragraph.split()) for paragraph in text.split("\n\n"))
        return "\n\n".join(textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent) for p in paragraphs)

    def _split_lines(self, text: str, width: int) -> list[str]:
        import textwrap

        return textwrap.wrap(text, width)  # keeps the two spaces before '[default: text]'

    def _format_action_invocation(self, action: argparse.Action) -> str:
        names = ", ".join(action.option_strings) or action.dest
        return names if action.nargs == 0 else f"{names} {action.metavar}"


def _terminal_columns() -> int:
    """The terminal's width as shutil.get_terminal_size gives it (COLUMNS, else the terminal's, else 80), without
    importing shutil: argparse makes a formatter for every option it is given, help or not."""
    columns = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


_Conversion = Callable[[str], Any]


class _Parser(argparse.ArgumentParser):
    """argparse reading the words of the program or of one command. argparse takes them apart; what they must
    be (a path that exists, one of the choices, a whole number) is checked after, by `parse`, with the
    messages the program has always given, in the same order: unknown options first, then the values."""

    def __init__(self, prog: str, arguments: str, description: str) -> None:
        super().__init__(
            prog=prog,
            usage=f"%(prog)s {arguments}",
            description=description,
            formatter_class=_HelpFormatter,
            add_help=False,
            allow_abbrev=False,
            exit_on_error=False,
        )
        self.options = self.add_argument_group("Options")
        self.words: list[tuple[str, str, _Conversion | None, str | None]] = []
        """Per option and argument: its name in the namespace, its name in messages, what checks and converts
        its value, and when it must be given, what it is ('option', 'argument')."""

    def option(
        self, *names: str, help: str, convert: _Conversion | None = None, required: bool = False, **kwargs: Any
    ) -> None:
        action = self.options.add_argument(*names, help=help, **kwargs)
        if convert is not None or required:
            self.words.append(
                (action.dest, " / ".join(f"'{name}'" for name in names), convert, "option" if required else None)
            )

    def argument(self, name: str, metavar: str, convert: _Conversion, required: bool = False, **kwargs: Any) -> None:
        """A positional argument (not listed under Options: the usage line and the description name it)."""
        self.add_argument(name, help=argparse.SUPPRESS, **kwargs)
        self.words.append((name, f"'{metavar}'", convert, "argument" if required else None))

    def parse(self, args: list[str]) -> dict[str, Any]:
        """The values of the words given, checked and converted; a UsageError for the first that is wrong."""
        try:  # options and arguments in any order (`check a.md --strict b.md`); after `--`, arguments only
            given, extra = self.parse_known_args(args) if "--" in args else self.parse_known_intermixed_args(args)
        except argparse.ArgumentError as error:
            names = (error.argument_name or "").split("/")
            name = next((word.split("=", 1)[0] for word in reversed(args) if word.split("=", 1)[0] in names), names[0])
            if error.message == "expected one argument":
                raise UsageError(f"Option {name!r} requires an argument.", None) from None
            if error.message.startswith("ignored explicit argument"):
                raise UsageError(f"Option {name!r} does not take a value.", None) from None
            raise UsageError(str(error), self) from None
        if unknown := next((word for word in extra if word.startswith("-") and len(word) > 1), None):
            raise UsageError(self._no_such_option(unknown), self)
        values = vars(given)
        if act := values.pop("eager", None):  # --help, --version: once the words are known, before their values
            act(self)
            self.exit()
        for name, hint, convert, required in self.words:
            value = values[name]
            if value is None and required:
                raise UsageError(f"Missing {required} {hint}.", self)
            if value is None or convert is None:
                continue
            try:
                values[name] = [convert(v) for v in value] if isinstance(value, list) else convert(value)
            except ValueError as error:
                raise UsageError(f"Invalid value for {hint}: {error}", self) from None
        if extra:
            raise UsageError(f"Got unexpected extra argument{'s' if len(extra) > 1 else ''} ({' '.join(extra)})", self)
        return values

    def _no_such_option(self, word: str) -> str:
        if not word.startswith("--"):
            return f"No such option {word[:2]!r}."
        name = word.split("=", 1)[0]
        known = [option for action in self._actions for option in action.option_strings if option.startswith("--")]
        return f"No such option {name!r}.{_did_you_mean(name, known)}"

    def error(self, message: str) -> NoReturn:  # what argparse finds wrong itself
        raise UsageError(message, self)


class _ProgramParser(_Parser):
    """The program's own parser; its help lists the commands."""

    def format_help(self) -> str:
        formatter = self._get_formatter()
        formatter.start_section("Commands")
        for name, command in sorted(COMMANDS.items()):
            formatter.add_argument(argparse.Action((), name, nargs=0, help=command.summary))
        formatter.end_section()
        return f"{super().format_help()}\n{formatter.format_help()}"


class _Eager(argparse.Action):
    """--help and --version, which act instead of the command once its words are read and none is unknown, before
    their values are checked (as click did): `check --help --format xml` shows the help. The first given acts."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str, act: Callable[[_Parser], None]) -> None:
        super().__init__(option_strings, argparse.SUPPRESS, nargs=0, default=argparse.SUPPRESS, help=help)
        self.act = act

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, *args: Any) -> None:
        if not hasattr(namespace, "eager"):
            namespace.eager = self.act


def _help(parser: _Parser) -> None:
    parser.print_help()


def _version(parser: _Parser) -> None:
    """The installed package's version, looked up only when asked: importlib.metadata is costly to import."""
    from importlib.metadata import version

    print(f"{PROGRAM}, version {version(PROGRAM)}")


def _did_you_mean(name: str, known: list[str]) -> str:
    """A suggestion for a misspelled option or command, as click gave it."""
    from difflib import get_close_matches

    close = sorted(get_close_matches(name, known))
    if len(close) > 1:
        return f" (Did you mean one of: {', '.join(map(repr, close))}?)"
    return f" Did you mean {close[0]!r}?" if close else ""


def _path(kind: str, *, exists: bool = False) -> _Conversion:
    """A path of a kind ('Path', 'File' or 'Directory'): refused if it is of the other kind, or (with `exists`)
    missing; an existing one must be readable."""

    def convert(value: str) -> Path:
        shown = repr(value.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
        try:
            mode = Path(value).stat().st_mode
        except OSError:
            if exists:
                raise ValueError(f"{kind} {shown} does not exist.") from None
            return Path(value)
        if kind == "Directory" and stat.S_ISREG(mode):
            raise ValueError(f"{kind} {shown} is a file.")
        if kind == "File" and stat.S_ISDIR(mode):
            raise ValueError(f"{kind} {shown} is a directory.")
        if not os.access(value, os.R_OK):
            raise ValueError(f"{kind} {shown} is not readable.")
        return Path(value)

    return convert


def _choice(*choices: str) -> _Conversion:
    def convert(value: str) -> str:
        if value not in choices:
            raise ValueError(f"{value!r} is not one of {', '.join(map(repr, choices))}.")
        return value

    return convert


def _months(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a valid integer range.") from None
    if number < 0:
        raise ValueError(f"{number} is not in the range x>=0.")
    return number


def _program_parser() -> _Parser:
    program = _ProgramParser(PROGRAM, "[OPTIONS] COMMAND [ARGS]...", main.__doc__ or "")
    program.option("--version", action=_Eager, act=_version, help="Show the version and exit.")
    program.option(
        "-f",
        "--config-file",
        metavar="FILE",
        convert=_path("File", exists=True),
        help="The mkdocs.yml to take the plugin's options from. Default: the nearest one above the current folder.",
    )
    program.option("-h", "--help", action=_Eager, act=_help, help="Show this message and exit.")
    return program


def _command_parser(name: str) -> _Parser:
    command = COMMANDS[name]
    parser = _Parser(f"{PROGRAM} {name}", command.arguments, command.run.__doc__ or "")
    command.words(parser)
    parser.option("-h", "--help", action=_Eager, act=_help, help="Show this message and exit.")
    return parser


# `check` and `generate` report problems alike, in the same formats.
def _output_option(parser: _Parser) -> None:
    parser.option(
        "--format",
        dest="output",
        metavar="[text|github|json]",
        default="text",
        convert=_choice("text", "github", "json"),
        help="text: 'path:line: level: message'; github: GitHub Actions annotations; json: a list of problems "
        "with a language-independent code.  [default: text]",
    )


def _lang_option(parser: _Parser) -> None:
    parser.option(
        "--lang",
        metavar="[en|nl]",
        convert=_choice("en", "nl"),
        help="The language of the messages. Default: the site's language (theme.language in mkdocs.yml).",
    )


def _check_words(parser: _Parser) -> None:
    parser.argument("paths", "[PATHS]...", _path("Path", exists=True), nargs="*")
    parser.option("--strict", action="store_true", help="Fail on warnings too, as `mkdocs build --strict` does.")
    _output_option(parser)
    _lang_option(parser)


def _new_words(parser: _Parser) -> None:
    parser.argument("title", "TITLE", str, required=True, nargs="?")
    parser.option(
        "--dir",
        dest="folder",
        metavar="DIRECTORY",
        convert=_path("Directory"),
        help="The folder to write the map in, e.g. maps/zorg. Default: the maps folder.",
    )
    parser.option(
        "--lang",
        metavar="[nl|en]",
        convert=_choice("nl", "en"),
        help="The language of the headings and hints. Default: the site's language.",
    )


def _export_words(parser: _Parser) -> None:
    parser.option("--out", metavar="FILE", convert=_path("File"), help="Write to this file instead of the screen.")


def _stale_words(parser: _Parser) -> None:
    parser.option(
        "--months",
        metavar="INTEGER RANGE",
        convert=_months,
        help="Due after this many months. Default: review_months in mkdocs.yml, or 6.  [x>=0]",
    )
    _lang_option(parser)


def _index_words(parser: _Parser) -> None:
    parser.argument("site", "[SITE]", _path("Directory"), nargs="?", default="site")
    parser.option(
        "--lang",
        metavar="TEXT",
        help="The site's language (ISO 639-1, e.g. nl). Default: theme.language in mkdocs.yml.",
    )


def _generate_words(parser: _Parser) -> None:
    parser.option(
        "--out",
        metavar="DIRECTORY",
        required=True,
        convert=_path("Directory"),
        help="The folder to write into (new, empty, or written by generate before), e.g. build/zensical.  [required]",
    )
    parser.option("--strict", action="store_true", help="Exit 1 on warnings too, as `check --strict` does.")
    _output_option(parser)
    _lang_option(parser)


def _verify_words(parser: _Parser) -> None:
    parser.argument("site_dir", "SITE_DIR", _path("Directory"), required=True, nargs="?")
    _lang_option(parser)


class _Command:
    """A command: its usage after its name, what it reads (options and arguments) and the function that runs
    it, whose docstring is its help."""

    __slots__ = ("arguments", "run", "words")

    def __init__(self, arguments: str, words: Callable[[_Parser], None], run: Callable[..., None]) -> None:
        self.arguments = arguments
        self.words = words
        self.run = run

    @property
    def summary(self) -> str:
        """The first paragraph of its help, which `empathy-playbook --help` lists it with."""
        return " ".join((self.run.__doc__ or "").split("\n\n")[0].split())


COMMANDS = {
    "check": _Command("[OPTIONS] [PATHS]...", _check_words, check),
    "new": _Command("[OPTIONS] TITLE", _new_words, new),
    "schema": _Command("[OPTIONS]", lambda parser: None, schema),
    "export": _Command("[OPTIONS]", _export_words, export),
    "stale": _Command("[OPTIONS]", _stale_words, stale),
    "index": _Command("[OPTIONS] [SITE]", _index_words, index),
    "generate": _Command("[OPTIONS]", _generate_words, generate),
    "verify": _Command("[OPTIONS] SITE_DIR", _verify_words, verify),
}


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


class _FastTolerantLoader(FAST_SAFE_LOADER):  # type: ignore[misc]  # a base of type Any
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
