"""Splitting a map's Markdown body into the introduction, the sections and their items.

The split follows what Python-Markdown (and so the site) treats as a level-2 heading:
an ATX line starting with exactly `##` (also without a space), or a setext heading
(a line underlined with `-` at the start of a block); nothing inside a fenced code
block. The site renders each section from this split, so what the reader finds here
is exactly what the page shows.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from . import depth, safe_html
from .messages import Number, SectionName, phrase
from .model import Item, Report, Section, SourceLine, quoted
from .vocabulary import GRID_SECTIONS, Vocabulary

MAX_SECTIONS = 100
"""A map has eight sections; a hundred headings is a mistake, and each costs work on every page."""
MAX_BLOCKS = 2_000
"""Paragraphs, lists, headings and code blocks (what blank lines and fences separate) in one map. Python-Markdown
takes each block off the front of a list of them all, costing the square of their number (a megabyte of
`a`, `---`, blank line, or of code fences, stalls a build for minutes); a map needs a hundred or so."""
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^#{1,6}")
_SETEXT_H2_UNDERLINE = re.compile(r"^-+ *$")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s+(.*))?$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:\s*+\1){2,}+\s*+$")
_BEFORE_A_TAG = ".,;:!?)"
"""What may stand before the first tag of a tail, besides whitespace: after anything else (`C#`) a `#` is text."""
_REVERSED_TAG_TAIL = re.compile(
    r"\s*+[.,;:!?]*+"  # what follows the last tag ('#economic.')
    r"[\w-]++(?<=[^\W\d_])#"  # the last tag, reversed: its word, ending (so starting) with a letter, then '#'
    r"(?:(?:\s++[.,;:!?]*+|[.,;:!?]++)[\w-]++(?<=[^\W\d_])#)*+"  # tags before it, after ' ', ', ' or ','
    rf"(?=[\s{re.escape(_BEFORE_A_TAG)}])"  # the first tag follows a space or punctuation: 'C#' is text
)
r"""Trailing need tags (` #word`), matched on the reversed line: anchored at its end, one pass.
(A search for `(\s+#word)+\s*$` from the front tries every ` #` of the line, each to the end.)
A tag follows a space or is glued to punctuation (`text.#economic`), and may be followed by
punctuation (`#economic.`, `#functional, #economic`); after a letter or digit (`C#`) a `#` is text.
Each word is taken whole (`[\w-]++`, then a look back at its last character): half the work of a lazy
`[\w-]*?[^\W\d_]#`, which tries for a letter and a '#' after every character of the word."""
_OTHER_LEVEL_HEADING = re.compile(r"^(#|#{3,6})(?!#)[ \t]*+(\S.*)$")
"""A heading of level 1 or 3 to 6 (`# Ziet`, `### Wil bereiken`): a section's name there is a mistake."""
_MAX_TAG_WARNINGS = 10
"""Per line: a line of a hundred thousand unknown tags gets ten warnings and a note, not a flood."""
_TAG = re.compile(r"#([^\W\d_][\w-]*)")
_INCLUDE = re.compile(r"^[ \t]*+;*+(-++8<-++)|\{![^{}\n]*+\}")
"""Include directives of pymdownx.snippets (`--8<--`) and markdown-include (`{!file!}`): maps cannot include."""
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_MARKS = "<*_[`"
"""What makes a line not plain (_PLAIN_RUN): what the depth checks look for in a line (`<`), or weigh the cost of in
a paragraph or list item (`*`, `_`, `[`, `` ` ``). (A fence starts a line; a plain line starts with `- `.)"""


def _plain_run(marks: str) -> re.Pattern[str]:
    marks = re.escape(marks)
    limit = depth.MAX_BLOCK_CHARACTERS // 2
    return re.compile(rf"\n((?:(?:- [^\s\-{marks}][^\n{marks}]{{0,{limit}}}+)?+\n)++)")


_PLAIN_RUN = _plain_run(_MARKS)
r"""A run of plain lines: empty ones, and first-level list items (`- text`) of a line each whose text holds nothing
any check of a line looks at: none of _MARKS, not so long that it is too long, and no thematic break (text starting
with `-`); need tags (`#`) are read as on any item. Each such line is the whole of a paragraph or list item, so
split_body takes the run at once instead of a step per line, with the same result (tests/test_core_properties.py
holds the runs to each of their edges). One linear pass: each line matched once, possessively, up to its end or the
first character that makes it not plain. Searched for after a line break (the run is group 1), in the body with one
before it: a search for a character first is a memchr, where a search for the start of a line tries every position."""
_PLAIN_RUN_UNMARKED = _plain_run("")
"""_PLAIN_RUN for a body without any of _MARKS (most maps): the same runs, found in half the time."""


class Body:
    """What split_body finds: the introduction, the sections, and the lines the site shows otherwise. A plain class,
    not a dataclass: `check` would import dataclasses (and inspect, ast, dis) for it, and make its methods at start-up."""

    __slots__ = ("flattened", "intro", "other_sections", "sections", "unsafe_lines")

    def __init__(self) -> None:
        self.intro: list[SourceLine] = []
        self.sections: dict[str, Section] = {}
        """The known sections by key, in the order written."""
        self.other_sections: list[Section] = []
        """Sections under headings the vocabulary does not know."""
        self.unsafe_lines: set[int] = set()
        """Lines warned about for content the site leaves out as unsafe."""
        self.flattened: dict[int, depth.Flattened] = {}
        """Lines the renderer flattens (depth.py)."""


def split_body(
    lines: list[str],
    first_line: int,
    report: Report,
    vocabulary: Vocabulary,
    *,
    plain_runs: bool = True,
    keep: bool = True,
) -> Body:
    """Split the body (its lines, the first being file line `first_line`) into sections.

    One pass over the lines does what each line needs: fence tracking, the count of blocks, headings,
    the depth checks and the list items with their tags. A pattern is only tried on a line that can
    match it (by its first character, or a character it must hold); the scans for HTML and includes
    only run when the body holds a character they look for. Problems found on one line keep the order
    in which the checks were made one after another: each kind of check reports into a list of its own.
    Runs of plain lines (most of a map: its list items and the empty lines between them) are taken at once;
    `plain_runs=False` takes every line on its own, the reference the tests hold the runs to. `keep=False` is for a
    reader that wants only the problems (`reader.parse_map(bodies=False)`): the items of those runs are not made
    (a tag tail read before reports nothing), so their sections hold none.
    """
    body = Body()
    outside_fences: list[SourceLine] = []
    depth_scan = depth.Scan(Report(report.path))
    items_report, intro_report = Report(report.path), Report(report.path)
    marker, opened_at = "", 0  # the open fence's marker (a closing fence is as long or longer), and its line
    skip_underline = False
    headings = 0
    blocks, blank_before, as_written_from = 0, True, 0
    last_written = first_line - 1
    part = body.intro  # where the next line goes: the introduction, then each section's lines
    items: list[Item] | None = None  # where the part's items go (None: the introduction, which has none)
    item_lines: list[SourceLine] = []  # the lines of the item being read
    item_text = ""  # its first line after the list marker

    def close_item() -> None:
        nonlocal item_lines
        if item_lines:
            item = _item(item_lines, item_text, items_report, vocabulary)
            if item is not None and items is not None:
                items.append(item)
            item_lines = []

    count = len(lines)
    text = "\n".join(lines)
    runs = _plain_runs(text, lines) if plain_runs else []
    runs.append((count, count))
    run_at, skip_to = 0, 0
    for index, line in enumerate(lines):
        if index < skip_to:  # taken with its run
            continue
        number = first_line + index
        if index == runs[run_at][0]:
            end = runs[run_at][1]
            run_at += 1
            run = lines[index:end] if items is not None and not marker and not skip_underline else []
            joined = "\n".join(run)
            # A block starts at each item after an empty line ("\n\n-" in the run, or at its start after an empty
            # line). A run that would pass the limit is read line by line, so that the block past it is reported at
            # its line.
            started = joined.count("\n\n-") + joined.startswith("\n-") + (blank_before and run[0] != "") if run else 0
            if run and items is not None and (as_written_from or blocks + started <= MAX_BLOCKS):
                # A run of plain lines (_PLAIN_RUN), taken at once: what each line would have done, in bulk.
                entries = list(zip(range(number, number + len(run)), run, strict=True))
                part += entries
                outside_fences += entries
                depth_scan.plain_lines(entries[-1])
                close_item()
                if not as_written_from:
                    blocks += started
                    blank_before = not run[-1]
                listed = list(itertools.compress(entries, run))  # the items (the lines not empty), in C
                if listed:
                    last_written = listed[-1][0]
                    if run[-1]:  # the run's last item may go on below it: read on with the lines after the run
                        item_lines, item_text = [listed[-1]], listed[-1][1][2:]
                        listed.pop()
                    if listed:
                        items += _run_items(listed, joined, items_report, vocabulary, keep)
                skip_to = end
                continue
        stripped = line.strip()
        if stripped:
            last_written = number
        fence = _FENCE.match(line) if "`" in line or "~" in line else None
        if not as_written_from:
            blank = not stripped
            if (blank_before and not blank) or (not marker and fence):
                blocks += 1
                if blocks > MAX_BLOCKS:
                    as_written_from = number
                    report.error(number, "depth.too_many_blocks", limit=Number(MAX_BLOCKS))
            blank_before = blank
        if skip_underline:
            skip_underline = False
            continue
        entry = (number, line)
        if marker or fence:  # part of a fence, its markers included: code, shown as written
            if not marker and fence:
                marker, opened_at = fence.group(1), number
            elif (
                fence
                and fence.group(1)[0] == marker[0]
                and len(fence.group(1)) >= len(marker)
                and not stripped.strip(marker[0])
            ):
                marker = ""
            close_item()
            part.append(entry)
            continue
        outside_fences.append(entry)
        depth_scan.line(entry, not stripped)
        heading: str | None = None
        first = line[:1]
        if first == "#" and line[1:2] == "#" and line[2:3] != "#" and headings <= MAX_SECTIONS:  # '## Ziet'
            if headings == MAX_SECTIONS:
                headings += 1
                report.error(number, "section.too_many", limit=MAX_SECTIONS)
            else:
                written = line[2:]
                heading = written.strip().rstrip("#").strip()
                if written[:1] not in ("", " ", "\t"):
                    report.warning(number, "heading.no_space", heading=quoted(heading))
        elif (
            headings < MAX_SECTIONS
            and index + 1 < count
            and (underline := lines[index + 1])[:1] == "-"
            and not underline.rstrip(" ").strip("-")  # a line of dashes (asked of every line: no call, no pattern)
            and _is_setext_heading(lines, index)
        ):
            heading = stripped
            skip_underline = True
            report.warning(number, "heading.underlined", heading=quoted(heading))
        elif headings < MAX_SECTIONS and first == "#" and (other := _OTHER_LEVEL_HEADING.match(line)):
            # '# Ziet' or '### Gains': a section's heading at the wrong level. Read as the section it names,
            # so that its items are not shown under the section before it, and say how to write it.
            written = other.group(2).rstrip(" \t#")
            key = vocabulary.section_for(written)
            if key and key not in body.sections:
                heading = written
                report.error(
                    number,
                    "heading.level",
                    written=quoted(stripped),
                    level=len(other.group(1)),
                    heading=quoted(heading),
                )
        if heading is not None:
            close_item()
            headings += 1
            section = Section(vocabulary.section_for(heading) or "", heading, number)
            owner = _place(section, body, report, vocabulary)
            part, items = owner.lines, owner.items
            continue
        part.append(entry)
        # The list items, and need tags outside them.
        list_item = None
        start = stripped[:1]
        if start and (start in "-*+0123456789" or start > "\x7f"):  # any non-ASCII character may be a digit
            list_item = _LIST_ITEM.match(line)
            if list_item and start in "-*" and line.count(start) >= 3 and _THEMATIC_BREAK.match(line):
                list_item = None
        if list_item or not stripped:
            close_item()
        if list_item and items is not None:
            if not item_lines:
                item_text = list_item.group(2) or ""
            item_lines.append(entry)
        elif item_lines and stripped:
            item_lines.append(entry)
        elif stripped and "#" in line:
            in_intro = items is None
            _warn_tags_outside_item(number, line, intro_report if in_intro else items_report, vocabulary, in_intro)
    close_item()

    # Without fences, the lines outside them are all: their text is the body's (a join less, per line).
    body.unsafe_lines = safe_html.scan(outside_fences, report, text if len(outside_fences) == count else None)
    # The search for a character first: one is a memchr, a longer text a loop in C twenty times slower.
    if ("8<" in text if "8" in text else False) or ("{!" in text if "{" in text else False):
        _warn_includes(outside_fences, report)
    body.flattened = depth_scan.finish()
    report.problems += depth_scan.report.problems
    if as_written_from:  # every line from there, code and blank lines included, as one text per section
        for number in range(as_written_from, first_line + len(lines)):
            body.flattened[number] = depth.Flattened.PIECES
    if "<" in text:
        outside = {number for number, _ in outside_fences}
        for part in [body.intro, *(section.lines for section in [*body.sections.values(), *body.other_sections])]:
            shown = [(n, line) for n, line in part if n in outside and not _as_written(body.flattened.get(n))]
            for number in safe_html.warn_unclosed(shown, report):
                body.flattened[number] = body.flattened.get(number, depth.Flattened(0)) | depth.Flattened.TAGS
    if marker:
        report.error(opened_at, "fence.unclosed", fence=marker)

    report.problems += items_report.problems
    comments = "<!--" in text if "<" in text else False
    for section in [*body.sections.values(), *body.other_sections]:
        # A section with items holds text, unless an HTML comment may hide it: only then are its lines looked at.
        if (comments or not section.items) and _is_blank(section.lines, comments):
            report.error(section.line, "section.empty", heading=quoted(section.heading))
    missing = [key for key in GRID_SECTIONS if key not in body.sections]
    for section in body.other_sections:
        _unknown_heading(section, missing, report, vocabulary)
    # Where a missing section can go: below the last line of the map (one message per missing section).
    for key in missing:
        report.error(max(last_written, 1), "section.missing", section=SectionName(key))
    report.problems += intro_report.problems
    return body


def _plain_runs(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """The runs of plain lines (_PLAIN_RUN) among `lines` (`text`: them joined), as (first index, index after the last)."""
    runs: list[tuple[int, int]] = []
    index, at = 0, 0
    marked = "<" in text or "*" in text or "_" in text or "[" in text or "`" in text  # _MARKS: a memchr each
    count = text.count
    for run in (_PLAIN_RUN if marked else _PLAIN_RUN_UNMARKED).finditer("\n" + text):
        begin, finish = run.start(1) - 1, run.end(1) - 1  # in `text`
        start = index + count("\n", at, begin)
        index, at = start + count("\n", begin, finish), finish
        # A line underlined with dashes is a heading (the underline is no plain line: only the last may be one).
        end = (
            index - 1
            if index < len(lines) and lines[index][:1] == "-" and _SETEXT_H2_UNDERLINE.match(lines[index])
            else index
        )
        if end > start:
            runs.append((start, end))
    return runs


def _as_written(kind: depth.Flattened | None) -> bool:
    """A line shown as written, without Markdown: any HTML in it is text."""
    return kind is not None and depth.Flattened.PIECES in kind


def _warn_includes(lines: list[SourceLine], report: Report) -> None:
    for number, line in lines:
        if "8<" not in line and "{!" not in line:
            continue
        found = next((m for m in _INCLUDE.finditer(line) if m.group(1) or m.group().endswith("!}")), None)
        if found is not None:
            directive = found.group(1) or "{!...!}"
            report.warning(number, "include.refused", directive=directive)


def _is_setext_heading(lines: list[str], index: int) -> bool:
    """Python-Markdown's rule: the first line of a block, underlined by a line of dashes.

    A block starts after a blank line, and after an ATX heading (Python-Markdown splits it off).
    """
    line = lines[index]
    starts_block = index == 0 or not lines[index - 1].strip() or bool(_ATX_HEADING.match(lines[index - 1]))
    return (
        starts_block
        and bool(line.strip())
        and not line.startswith(("    ", "\t"))
        and index + 1 < len(lines)
        and bool(_SETEXT_H2_UNDERLINE.match(lines[index + 1]))
    )


def _unknown_heading(section: Section, missing: list[str], report: Report, vocabulary: Vocabulary) -> None:
    """A heading the vocabulary does not know: a misspelt missing section is one error, anything else a warning."""
    hint = vocabulary.nearest_heading(section.heading)
    meant = vocabulary.section_for(hint) if hint else None
    if hint and meant in missing:
        missing.remove(meant)  # one mistake, one message: this one, not also "the section is missing"
        report.error(section.line, "heading.misspelt", heading=quoted(section.heading), section=hint)
        return
    suggestion = (
        phrase("hint.did_you_mean_heading", hint=hint)
        if hint
        else phrase("hint.sections", sections=", ".join(names[0] for names in vocabulary.headings.values()))
    )
    report.warning(section.line, "heading.unknown", heading=quoted(section.heading), suggestion=suggestion)


def _place(section: Section, body: Body, report: Report, vocabulary: Vocabulary) -> Section:
    """Add the section to the body; the section whose lines (and items) the lines below its heading extend."""
    if not section.key:
        body.other_sections.append(section)
        return section
    first = body.sections.get(section.key)
    if first is None:
        body.sections[section.key] = section
        return section
    report.error(section.line, "section.twice", heading=quoted(section.heading), first=first.line, second=section.line)
    # Keep what was written under the second heading: it is read on, after the first's lines.
    first.lines.append((section.line, ""))
    section.lines = first.lines
    return first


def _is_blank(lines: list[SourceLine], comments: bool) -> bool:
    """Nothing in the lines but whitespace and HTML comments (`comments`: the lines may hold one; False: they don't)."""
    if comments and any("<!--" in line for _, line in lines):
        return not _HTML_COMMENT.sub("", "\n".join(line for _, line in lines)).strip()
    for _, line in lines:  # noqa: SIM110 (a loop: any() with a generator costs more than the two lines it reads)
        if line.strip():
            return False
    return True


_new_item = functools.partial(tuple.__new__, Item)
"""Item(...) from a tuple of its fields in order, without the Python function a named tuple's __new__ is."""


def _item(lines: Sequence[SourceLine], first_text: str, report: Report, vocabulary: Vocabulary) -> Item | None:
    """The item of `lines` (the first starts with a list marker, `first_text` is what follows it), if it has text,
    with the need tags of the tail of its last line: a tail read before by its remembered needs, another read now."""
    if len(lines) == 1:
        text = first_text.strip()
    else:
        text = " ".join([first_text.strip(), *(line.strip() for _, line in lines[1:])]).strip()
    if not text:
        return None
    first_line = lines[0][0]
    last_line, last_raw = lines[-1]
    tail = tag_tail(last_raw) if "#" in last_raw else None
    # The fields' order: text, line, needs, tag_column, unknown_tags, first_line.
    if not tail or len(tail[1].rstrip()) >= len(text) + 1:
        return _new_item((text, last_line, (), None, (), first_line))
    known = vocabulary.known_tails.get(tail[1])
    if known is None:
        return _read_tags(text, first_line, last_line, tail, report, vocabulary)
    without_tags = text[: len(text) - len(tail[1].strip())].rstrip()
    return _new_item((without_tags, last_line, known, tail[0], (), first_line))


def _run_items(listed: list[SourceLine], joined: str, report: Report, vocabulary: Vocabulary, keep: bool) -> list[Item]:
    """The items of the lines `listed` (`- text`, each a whole item) of a run of plain lines (`joined`: its lines
    joined), with their need tags (`keep=False`: only what they report, no items).

    A tag tail read before is found without a pattern: the tail always starts at a `#`, and a line whose text from
    its first `#` is a tail read before (remembered whole: the tags, what separates them, what follows the last),
    after a space or punctuation, has that text as its tail (_REVERSED_TAG_TAIL takes every tag from the end and
    stops at the first character before a `#` that is none of them). Any other line with a `#` is read as a line of
    its own (`_item`), as when it is read outside a run.
    """
    if "#" not in joined:
        return [_new_item((line[2:].strip(), at, (), None, (), at)) for at, line in listed] if keep else []
    made: list[Item] = []
    known_tails = vocabulary.known_tails
    for at, line in listed:
        column = line.find("#")  # never in the marker: a plain line starts with '- '
        if column < 0:
            if keep:
                made.append(_new_item((line[2:].strip(), at, (), None, (), at)))
            continue
        before = line[column - 1]
        needs = known_tails.get(line[column:]) if before in _BEFORE_A_TAG or before.isspace() else None
        if needs is None:
            item = _item(((at, line),), line[2:], report, vocabulary)
            if keep and item is not None:
                made.append(item)
        elif keep:  # the fields' order: text, line, needs, tag_column, unknown_tags, first_line
            made.append(_new_item((line[2:column].rstrip(), at, needs, column, (), at)))
    return made


def _read_tags(
    text: str, first_line: int, last_line: int, tail: tuple[int, str], report: Report, vocabulary: Vocabulary
) -> Item:
    """The item of `text` whose tag tail `tail` is read for the first time: each unknown tag warned about."""
    needs: list[str] = []
    unknown: list[str] = []
    warned: set[str] = set()
    for word in _TAG.findall(tail[1]):
        key = vocabulary.need_for(word)
        if key is None:
            unknown.append(f"#{word}")
            if word in warned or len(warned) > _MAX_TAG_WARNINGS:
                continue
            warned.add(word)
            if len(warned) > _MAX_TAG_WARNINGS:
                report.warning(last_line, "tag.unknown_more", limit=_MAX_TAG_WARNINGS)
                continue
            hint = vocabulary.nearest_tag(word)
            suggestion = (
                phrase("hint.did_you_mean_tag", hint=hint)
                if hint
                else phrase("hint.tags", tags=", ".join(f"#{k}" for k in vocabulary.need_keys))
            )
            report.warning(last_line, "tag.unknown", tag=quoted(word), suggestion=suggestion)
        elif key not in needs:
            needs.append(key)
    if not needs:
        return Item(text, last_line, (), None, (), first_line)
    if not unknown:
        vocabulary.remember_tail(tail[1], tuple(needs))
    without_tags = text[: len(text) - len(tail[1].strip())].rstrip()
    return Item(" ".join([without_tags, *unknown]), last_line, tuple(needs), tail[0], tuple(unknown), first_line)


def tag_tail(line: str) -> tuple[int, str] | None:
    """Where the line's trailing `#word`s start, and the text from there (leading whitespace included)."""
    if "#" not in line:
        return None
    match = _REVERSED_TAG_TAIL.match(line[::-1])
    if match is None or "#" not in match.group():
        return None
    start = len(line) - match.end()
    return start, line[start:]


def _warn_tags_outside_item(number: int, line: str, report: Report, vocabulary: Vocabulary, in_intro: bool) -> None:
    tail = tag_tail(line)
    if tail and any(vocabulary.need_for(word) for word in _TAG.findall(tail[1])):
        report.warning(number, "tag.in_introduction" if in_intro else "tag.outside_item")
