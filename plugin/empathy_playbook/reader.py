"""Reading one map file: bytes in, an `EmpathyMap` with its problems out. Never raises for bad content."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from . import safe_yaml
from .body import split_body
from .fields import FrontMatterReader
from .messages import Number, phrase
from .model import EmpathyMap, Profile, Report, quoted
from .vocabulary import Vocabulary

DEFAULT_MAX_BYTES = 1_000_000

_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*:(\s|$)")
_SECTION_HEADING = re.compile(r"^##(?!#)")
_DELIMITER = re.compile(r"^(?:-{3,}+|\.\.\.)[ \t]*+(?:#.*)?$")
"""A line that opens or closes the front matter: '---' (or '...' to close), and what people write for it."""


def read_map(
    file: Path,
    *,
    root: Path,
    maps_dir: Path,
    vocabulary: Vocabulary,
    max_bytes: int = DEFAULT_MAX_BYTES,
    bodies: bool = True,
) -> EmpathyMap:
    """Read the map at `file`, which lies under `maps_dir`; paths in problems are relative to `root`."""
    path = relative_path(file, root)
    url_path = file.relative_to(maps_dir).with_suffix("").as_posix()
    return read_file(file, path=path, url_path=url_path, vocabulary=vocabulary, max_bytes=max_bytes, bodies=bodies)


def read_file(
    file: Path, *, path: str, url_path: str, vocabulary: Vocabulary, max_bytes: int, bodies: bool = True
) -> EmpathyMap:
    """Read the map at `file`, named `path` in problems, at `url_path` below the maps folder (see `parse_map`).

    Opened once, its size asked of the open file: `stat` then `read_bytes` look the path up twice and go through
    pathlib and a buffered file, a third of the time it takes to read a map's bytes.
    """
    try:
        # O_BINARY (Windows only): the bytes as they are, no line endings changed.
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(descriptor).st_size
            if size > max_bytes:
                return _unreadable(path, url_path, "file.too_big", size=Number(size), limit=Number(max_bytes))
            parts = []
            while part := os.read(descriptor, size + 1):  # to the end, should the file have grown meanwhile
                parts.append(part)
        finally:
            os.close(descriptor)
    except OSError as error:
        return _unreadable(path, url_path, "file.unreadable", reason=error.strerror)
    return parse_map(b"".join(parts), path=path, url_path=url_path, vocabulary=vocabulary, bodies=bodies)


def parse_map(data: bytes, *, path: str, url_path: str, vocabulary: Vocabulary, bodies: bool = True) -> EmpathyMap:
    """Parse a map from its bytes. `path` names it in problems; `url_path` is its path below the maps folder.

    `bodies=False` leaves the body out of the map (its introduction, sections, items, and the lines shown otherwise),
    once its problems are found: for a reader that only reports problems (`check`), which then keeps no more of a
    map than its front matter and its problems.
    """
    report = Report(path)
    text = _decode(data, report).replace("\r\n", "\n")
    if "\r" in text:
        report.warning(text[: text.index("\r")].count("\n") + 1, "file.lone_cr")
    lines = text.replace("\r", "\n").split("\n")

    profile = Profile()
    opening = _opening_line(lines, report)
    body_start = 0
    unclear_at: int | None = 1  # until a front matter is read: the map may be about a real person
    if opening is not None:
        closing = next(
            (
                i
                for i in range(opening + 1, len(lines))
                if lines[i].startswith(("-", ".")) and _DELIMITER.match(lines[i])
            ),
            None,
        )
        if closing is None:
            report.error(opening + 1, "front_matter.unclosed", start=opening + 1)
            body_start, unclear_at = opening + 1, opening + 1
        else:
            for index in (opening, closing):
                if lines[index].rstrip() not in ("---", "...") and not (index == opening and index > 0):
                    report.error(index + 1, "front_matter.delimiter", written=quoted(lines[index].rstrip()))
            profile, unclear_at = _front_matter("\n".join(lines[opening + 1 : closing]), report, first_line=opening + 2)
            body_start = closing + 1

    body = split_body(lines[body_start:], body_start + 1, report, vocabulary, keep=bodies)
    if unclear_at is not None and (opening is None or body_start == opening + 1):
        # The front matter is missing or never closed: the text above the first section may be it, with
        # personal data in it. Not published until the front matter can be read.
        shown = next((number for number, text in body.intro if text.strip()), None)
        if shown is not None:
            report.error(shown, "front_matter.intro_withheld", at=unclear_at)
            body.intro = []
    problems = sorted(report.problems, key=lambda problem: problem.line)
    if not bodies:
        return EmpathyMap(
            path=path,
            url_path=url_path,
            profile=profile,
            problems=problems,
            subject_unclear_at=unclear_at,
        )
    # Text written above a misplaced front matter is kept, as the start of the introduction.
    stray = [(index + 1, line) for index, line in enumerate(lines[:opening])] if opening else []
    return EmpathyMap(
        path=path,
        url_path=url_path,
        profile=profile,
        intro=stray + body.intro,
        sections=body.sections,
        other_sections=body.other_sections,
        problems=problems,
        unsafe_lines=body.unsafe_lines,
        flattened=body.flattened,
        subject_unclear_at=unclear_at,
    )


def _opening_line(lines: list[str], report: Report) -> int | None:
    """The index of the line that opens the front matter: the first, or a later one after stray text (reported)."""
    if _DELIMITER.match(lines[0]) and lines[0].startswith("-"):  # '---', or '----' and '--- # x' (reported)
        return 0
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---" and index + 1 < len(lines) and _KEY_LINE.match(lines[index + 1]):
            lines_before = phrase("phrase.line_1") if index == 1 else phrase("phrase.lines", last=index)
            report.error(1, "front_matter.text_before", start=index + 1, lines=lines_before)
            return index
        if _SECTION_HEADING.match(line):
            break
    report.error(1, "front_matter.missing")
    return None


def _front_matter(source: str, report: Report, first_line: int) -> tuple[Profile, int | None]:
    """The profile, and the line where its subject cannot be read (None when it can)."""
    if "\t" in source:
        lines = source.split("\n")
        for index, text in enumerate(lines):
            indent = text[: len(text) - len(text.lstrip())]
            if "\t" in indent:
                report.error(first_line + index, "yaml.tab")
                lines[index] = indent.replace("\t", "  ") + text.lstrip()
        source = "\n".join(lines)  # once: joined per tab line, a megabyte of them took minutes
    try:
        root = safe_yaml.compose(source, report, first_line)
    except yaml.MarkedYAMLError as error:
        line, code, params = _explain(error, source.split("\n"))
        report.error(first_line + line, code, **params)
        return Profile(), first_line
    except yaml.YAMLError as error:
        report.error(first_line, "yaml.unreadable", problem=str(error))
        return Profile(), first_line
    except safe_yaml.Refused:
        return Profile(), first_line
    reader = FrontMatterReader(report, first_line)
    profile = reader.read(root)
    return profile, reader.subject_unclear_at


def _explain(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str, dict[str, object]]:
    """Where a YAML syntax error really is (0-based line in the YAML), in words a non-programmer can act on.

    Worded here rather than passed on from the parser: libyaml and PyYAML word the same error differently,
    and both report a forgotten ':' at the line after the one that lacks it.
    """
    problem, context = error.problem or "", error.context or ""
    at = error.problem_mark or error.context_mark
    opened = error.context_mark or at
    line = at.line if at else 0
    column = at.column + 1 if at else 1
    if "could not find expected ':'" in problem and error.context_mark is not None:
        return error.context_mark.line, *_without_colon(lines[error.context_mark.line])
    if "mapping values are not allowed" in problem:
        # 'role Inkoper' then 'market: b2b' reads as one key 'role Inkoper market': the mistake is the line above.
        above = lines[line - 1] if 0 < line <= len(lines) else ""
        if above.strip() and ":" not in above and not above.lstrip().startswith(("#", "-")):
            return line - 1, *_without_colon(above)
        return line, "yaml.colon", {"column": column}
    if "quoted scalar" in context:
        return (opened.line if opened else line), "yaml.quote", {}
    if "flow sequence" in context:
        return (opened.line if opened else line), "yaml.list", {}
    if "flow mapping" in context:
        return (opened.line if opened else line), "yaml.brace", {}
    if "block mapping" in context or "block collection" in context:
        return line, "yaml.not_key_value", {"column": column}
    return line, "yaml.other", {"problem": problem, "column": column}


def _without_colon(line: str) -> tuple[str, dict[str, object]]:
    """The message for a line that should read 'key: value' but has no ': ' (with the line as it should be)."""
    stripped = line.strip()
    key, colon, value = stripped.partition(":")
    if colon and value and not value[0].isspace():  # 'role:Inkoper'
        return "yaml.no_space", {"example": quoted(f"{key}: {value}")}
    key, _, value = stripped.partition(" ")
    return "yaml.no_colon", {"example": quoted(f"{key}: {value.strip()}" if value.strip() else f"{key}: ...")}


def _decode(data: bytes, report: Report) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.error(data[: error.start].count(b"\n") + 1, "file.not_utf8", byte=f"{data[error.start]:02x}")
        return data.decode("utf-8-sig", errors="replace")


def relative_path(file: Path, root: Path) -> str:
    """How problems name a file: relative to the project root, with forward slashes."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def _unreadable(path: str, url_path: str, code: str, **params: object) -> EmpathyMap:
    report = Report(path)
    report.error(1, code, **params)
    return EmpathyMap(path=path, url_path=url_path, profile=Profile(), problems=report.problems)
