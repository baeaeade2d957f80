"""Bounded depth and work: what in a map the site's Markdown converter cannot take, found in the source.

Python-Markdown recurses once per level of nested lists and emphasis (a few hundred levels, 4 KB of
`*`, raise RecursionError) and scans from every `[` to its `]`, or to the end of the paragraph (a
paragraph of `[` costs the square of its length). The reader finds such lines here, in one pass, and
reports each at its line; the renderer then flattens exactly those lines (`flatten`) before converting,
so the checker and the build agree, and no map can crash or stall a build.
"""

from __future__ import annotations

import enum
import re

from .messages import Number, Text, phrase
from .model import Report, SourceLine

MAX_DEPTH = 10
"""Levels of nested lists or quotes a map may use; an empathy map needs two or three."""
MAX_EMPHASIS_MARKS = 200
"""`*` and `_` in one paragraph or list item: enough for a hundred bold words, far below what recurses."""
BRACKET_WORK_PER_CHARACTER = 20
"""How far Python-Markdown may scan from the `[`s of a paragraph, per character of it, before it is too costly."""

_LIST_ITEM = re.compile(r"^([ \t]*+)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_QUOTES = re.compile(r"^ {0,3}+(?:>[ \t]?+)++")
MAX_HEADINGS = 200
MAX_STRAY_ANGLES = 100
MAX_BLOCK_CHARACTERS = 20_000
"""One paragraph or list item: a page of text. Longer ones are shown as plain text, in pieces."""
PIECE = 2_000
_BACKTICKS = re.compile(r"`++")
_TAG_START = re.compile(  # linear, as safe_html's patterns: nothing scans past the next `<` outside quotes
    r"<(?:\s*+[a-zA-Z][\w-]*+(?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+>|/\s*+[a-zA-Z][\w-]*+\s*+>|!--)"
)
_INLINE_MARKS = re.compile(r"([*_\[\]`])")
_BRACKETS = re.compile(r"[\[\]]")


class Flattened(enum.Flag):
    """How a line that is too deep or too costly is shown (one line can need several)."""

    LIST = enum.auto()
    """A list item nested deeper than MAX_DEPTH: shown at that depth."""
    QUOTE = enum.auto()
    """A quote nested deeper than MAX_DEPTH: the extra `>` shown as text."""
    INLINE = enum.auto()
    """Emphasis or brackets too many to convert: `*`, `_`, `[`, `]` shown as written."""
    HEADING = enum.auto()
    """A heading past MAX_HEADINGS, shown as text (MkDocs' table of contents numbers repeated headings
    by counting up from the first, for each: the square of their number)."""
    PIECES = enum.auto()
    """A paragraph too long to convert: shown as written, as text without any Markdown, in paragraphs of
    PIECE characters (section_html). Python-Markdown's inline pass costs the length of a paragraph for
    every mark in it, and its block pass the number of blocks for every block: a megabyte of `*`, `[`,
    `>` or of `### ` lines would stall a build for minutes."""
    TAGS = enum.auto()
    """A line that opens HTML elements nested deeper than safe_html.MAX_HTML_DEPTH: every `<` of it as text."""
    ANGLE = enum.auto()
    """A `<` that starts no HTML element, written as `&lt;` (it shows the same): the HTML parser inside
    Python-Markdown scans from each one to the next `>`, across lines, so thousands cost the square."""


class Scan:
    """Finds, line by line (those outside code, in order), what must be flattened before conversion; each
    finding is reported as an error. Fed by the body's one pass over a map's lines (body.split_body)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.flattened: dict[int, Flattened] = {}
        """The lines (outside code) that must be flattened before conversion."""
        self._unit: list[SourceLine] = []
        """The lines of the paragraph or list item being read (consecutive lines: a gap or a blank line ends it)."""
        self._previous = 0
        self._headings = 0
        self._stray: list[int] = []
        self._stray_count = 0

    def line(self, entry: SourceLine, blank: bool) -> None:
        """The next line outside code (`blank`: it holds only whitespace)."""
        number, line = entry
        unit = self._unit
        if unit and (blank or number != self._previous + 1):  # a gap (code left out) or a blank line ends a paragraph
            self._close_unit()
        self._previous = number
        if blank:
            return
        first = line[0]
        # Each pattern only where it can match: by the line's first character (any non-ASCII one may be a digit).
        # A heading: one to six '#' (then anything but '#'), or a line of '=' or '-' (then spaces and tabs) under a
        # line of a paragraph (a list item's line is no paragraph's). Told by string methods, without a pattern.
        if first == "#":
            heading = not line.startswith("#######")
        elif first in "=-" and not line.rstrip(" \t").strip(first):
            heading = bool(self._unit) and not _LIST_ITEM.match(self._unit[-1][1])
        else:
            heading = False
        if heading:
            self._headings += 1
            if self._headings == MAX_HEADINGS + 1:
                self.report.error(number, "depth.too_many_headings", limit=MAX_HEADINGS)
            if self._headings > MAX_HEADINGS:
                self._flag(number, Flattened.HEADING)
        if first in "-*+" and line[1:2] in (" ", "\t", ""):  # '- item': a list item at the first level
            self._close_unit()
        elif first in " \t0123456789" or first > "\x7f":
            item = _LIST_ITEM.match(line)
            if item:
                self._close_unit()
                depth = len(item.group(1).expandtabs(4)) // 4 + 1
                if depth > MAX_DEPTH:
                    self.report.error(number, "depth.list", depth=depth, limit=MAX_DEPTH)
                    self._flag(number, Flattened.LIST)
        if first == ">" or (first == " " and ">" in line[:4]):
            quotes = _QUOTES.match(line)
            if quotes and quotes.group().count(">") > MAX_DEPTH:
                self.report.error(number, "depth.quote", depth=quotes.group().count(">"), limit=MAX_DEPTH)
                self._flag(number, Flattened.QUOTE)
        if "<" in line:
            found = len(_stray_angles(line))
            if found:
                self._stray.append(number)
                self._stray_count += found
        self._unit.append(entry)

    def plain_lines(self, last: SourceLine) -> None:
        """A run of lines ending with `last`, following the lines before without a gap, none of which holds
        anything this scan looks for: each is empty, or a short paragraph or list item of one line without
        headings, quotes, list depth, `<`, or the marks weighed here (body._PLAIN_RUN). The same as a step per line."""
        self._close_unit()
        self._previous = last[0]
        if last[1]:
            self._unit = [last]

    def finish(self) -> dict[int, Flattened]:
        """The lines to flatten, once every line is read."""
        self._close_unit()
        if self._stray_count > MAX_STRAY_ANGLES:  # only then: in an indented code block `&lt;` shows as written
            for number in self._stray:
                self._flag(number, Flattened.ANGLE)
        return self.flattened

    def _flag(self, number: int, kind: Flattened) -> None:
        self.flattened[number] = self.flattened.get(number, Flattened(0)) | kind

    def _close_unit(self) -> None:
        unit = self._unit
        if not unit:
            return
        self._unit = []
        text = unit[0][1] if len(unit) == 1 else "\n".join(line for _, line in unit)
        length = len(text) + 1
        if length <= MAX_BLOCK_CHARACTERS and "[" not in text and "`" not in text and len(text) <= MAX_EMPHASIS_MARKS:
            return  # too short to hold too many marks, and nothing to scan: the common case, without a call
        if length > MAX_BLOCK_CHARACTERS:
            self.report.error(
                unit[0][0],
                "depth.block_too_long",
                block=_block(unit),
                length=Number(length),
                limit=Number(MAX_BLOCK_CHARACTERS),
            )
            # Shown as written whatever else was found in it; set at once (a megabyte has half a million lines).
            self.flattened.update(dict.fromkeys((number for number, _ in unit), Flattened.INLINE | Flattened.PIECES))
        elif _too_costly(text):
            self.report.error(unit[0][0], "depth.too_many_marks", block=_block(unit), limit=MAX_EMPHASIS_MARKS)
            for number, _ in unit:
                self._flag(number, Flattened.INLINE)


def _block(unit: list[SourceLine]) -> Text:
    """What a message calls the block: a list item or a paragraph."""
    return phrase("what.list_item" if _LIST_ITEM.match(unit[0][1]) else "what.paragraph")


def _too_costly(text: str) -> bool:
    """Whether the paragraph or list item `text` holds more emphasis marks, or brackets and backticks, than
    Python-Markdown converts in reasonable time."""
    # A count is a loop in C over every character, a search for one a memchr: most paragraphs hold neither.
    if ("*" in text or "_" in text) and text.count("*") + text.count("_") > MAX_EMPHASIS_MARKS:
        return True
    if "[" not in text and "`" not in text:
        return False
    # What Python-Markdown scans: from each `[` to its matching `]`, or to the end when there is none.
    work, opened = 0, []
    for match in _BRACKETS.finditer(text):
        if match.group() == "[":
            opened.append(match.start())
        elif opened:
            work += match.start() - opened.pop()
    work += sum(len(text) - start for start in opened)
    # And from each run of backticks to the next run as long (a code span), or to the end.
    runs = [(match.start(), match.end() - match.start()) for match in _BACKTICKS.finditer(text)]
    unmatched: dict[int, int] = {}
    for start, length in runs:
        if length in unmatched:
            work += start - unmatched.pop(length)
        else:
            unmatched[length] = start
    # A run left unmatched is scanned to the end from every earlier attempt: counted for each run.
    work += sum(len(text) - start for start, _ in runs) if unmatched else 0
    return work > BRACKET_WORK_PER_CHARACTER * len(text) + 2000


def _stray_angles(line: str) -> list[int]:
    """Where the `<`s that start no HTML element (nor comment) stand; those inside an element are skipped."""
    stray = []
    at = line.find("<")
    while at >= 0:
        tag = _TAG_START.match(line, at)
        if tag is None:
            stray.append(at)
        at = line.find("<", tag.end() if tag else at + 1)
    return stray


def flatten(kind: Flattened, line: str) -> str:
    """The line as the renderer converts it: deep lists at MAX_DEPTH, extra quotes and inline marks as text."""
    if Flattened.HEADING in kind:
        line = "\\" + line
    if Flattened.LIST in kind:
        line = "    " * (MAX_DEPTH - 1) + line.lstrip(" \t")
    if Flattened.QUOTE in kind:
        quotes = _QUOTES.match(line)
        extra = quotes.group().count(">") - MAX_DEPTH if quotes else 0
        line = "> " * MAX_DEPTH + "\\>" * extra + " " + line[quotes.end() if quotes else 0 :]
    if Flattened.TAGS in kind:
        line = line.replace("<", "&lt;")
    elif Flattened.ANGLE in kind:
        parts, last = [], 0
        for at in _stray_angles(line):
            parts += [line[last:at], "&lt;"]
            last = at + 1
        line = "".join([*parts, line[last:]])
    if Flattened.INLINE in kind:
        item = _LIST_ITEM.match(line)
        start = item.end() if item else 0
        line = line[:start] + _INLINE_MARKS.sub(r"\\\1", line[start:])
    return line
