"""Reading one map file: bytes in, an `EmpathyMap` with its problems out. Never raises for bad content."""

from __future__ import annotations

from pathlib import Path

import yaml

from .body import split_body
from .fields import FrontMatterReader
from .model import EmpathyMap, Profile, Report
from .vocabulary import Vocabulary

DEFAULT_MAX_BYTES = 1_000_000


def read_map(
    file: Path,
    *,
    root: Path,
    maps_dir: Path,
    vocabulary: Vocabulary,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> EmpathyMap:
    """Read the map at `file`, which lies under `maps_dir`; paths in problems are relative to `root`."""
    path = _relative(file, root)
    url_path = file.relative_to(maps_dir).with_suffix("").as_posix()
    try:
        size = file.stat().st_size
        if size > max_bytes:
            return _unreadable(
                path,
                url_path,
                f"the file is {size:,} bytes, over the limit of {max_bytes:,}; split it into smaller maps",
            )
        data = file.read_bytes()
    except OSError as error:
        return _unreadable(
            path, url_path, f"the file cannot be read ({error.strerror}); check that it exists and is readable"
        )
    return parse_map(data, path=path, url_path=url_path, vocabulary=vocabulary)


def parse_map(data: bytes, *, path: str, url_path: str, vocabulary: Vocabulary) -> EmpathyMap:
    """Parse a map from its bytes. `path` names it in problems; `url_path` is its path below the maps folder."""
    report = Report(path)
    text = _decode(data, report)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    profile = Profile()
    body_start = 0
    if lines[0].rstrip() == "---":
        closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if closing is None:
            report.error(
                1,
                "the front matter that starts at line 1 is never closed; add a line '---' after the last 'key: value' line",
            )
            body_start = 1
        else:
            profile = _front_matter("\n".join(lines[1:closing]), report)
            body_start = closing + 1
    else:
        report.error(
            1,
            "the map has no front matter; start the file with a line '---', then 'title: <who this buyer is>', then '---'",
        )

    body = split_body(lines[body_start:], body_start + 1, report, vocabulary)
    return EmpathyMap(
        path=path,
        url_path=url_path,
        profile=profile,
        intro=body.intro,
        sections=body.sections,
        other_sections=body.other_sections,
        problems=sorted(report.problems, key=lambda problem: problem.line),
    )


def _front_matter(source: str, report: Report) -> Profile:
    first_line = 2  # the line after the opening '---'
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        report.error(line, f"the front matter is not valid YAML: {error.problem}; {_yaml_hint(error)}")
        return Profile()
    except yaml.YAMLError as error:
        report.error(first_line, f"the front matter is not valid YAML ({error}); check the quotes and indentation")
        return Profile()
    return FrontMatterReader(report, first_line).read(root)


def _yaml_hint(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or ""
    if "mapping values are not allowed" in problem:
        return "a value that contains ': ' must be in quotes, e.g. role: \"Head: of Sales\""
    if "found character '\\t'" in problem:
        return "indent with spaces, not tabs"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in str(error.context):
        return "a quote is opened but never closed"
    return "each line should read 'key: value'; put values with special characters in quotes"


def _decode(data: bytes, report: Report) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.error(
            data[: error.start].count(b"\n") + 1,
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save it as UTF-8 in your editor (unreadable characters are shown as \ufffd)",
        )
        return data.decode("utf-8-sig", errors="replace")


def _relative(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def _unreadable(path: str, url_path: str, message: str) -> EmpathyMap:
    report = Report(path)
    report.error(1, message)
    return EmpathyMap(path=path, url_path=url_path, profile=Profile(), problems=report.problems)
