"""YAML front matter composed from parser events, with the dangerous parts of YAML refused.

PyYAML's own composer follows aliases (an "alias bomb" then expands when walked),
recurses once per nesting level and accepts any tag. Building the node tree from
the event stream ourselves costs one pass and lets us refuse anchors, aliases,
foreign tags and deep nesting at the line where they stand, before they cost
anything. The nodes are PyYAML's own, with their marks, so every value keeps its line.
"""

from __future__ import annotations

import re

import yaml

from .messages import phrase
from .model import Report, quoted

MAX_DEPTH = 8
"""Front matter needs two levels (routine data); anything this deep is a mistake or an attack."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_ALLOWED_TAGS = {"tag:yaml.org,2002:str"}
_STR = "tag:yaml.org,2002:str"


class Refused(Exception):
    """The front matter cannot be read at all; the reason is in the report."""


def compose(source: str, report: Report, first_line: int) -> yaml.Node | None:
    """The node tree of `source`, whose first line is file line `first_line`; None when it is empty.

    Raises yaml.YAMLError for text that is not YAML, and Refused for YAML nested too deeply to read.
    """
    stack: list[tuple[yaml.Node, list[object]]] = []
    root: yaml.Node | None = None
    references: list[tuple[int, str]] = []  # (line, "&name" or "*name"): reported once, not once per use
    lines: list[str] | None = None  # the source's lines, once a value may be cut by a comment

    def add(node: yaml.Node) -> None:
        nonlocal root
        if stack:
            stack[-1][1].append(node)
        else:
            root = node

    # The events by their class (the parser makes exactly these), most frequent first: one pass, no isinstance chain.
    loader = _Loader(source)
    try:
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is _SCALAR or kind is _MAPPING_START or kind is _SEQUENCE_START:
                start, end = event.start_mark, event.end_mark
                if event.anchor is not None:
                    references.append((first_line + start.line, f"&{event.anchor}"))
                tag = event.tag if event.tag not in (None, "!") else None
                if tag is not None and tag not in _ALLOWED_TAGS:
                    report.error(first_line + start.line, "yaml.tag", tag=quoted(_short_tag(tag)))
                    tag = None
                if kind is _SCALAR:
                    tag = tag or _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
                    # libyaml marks a plain scalar with style '', PyYAML with None: the node says None for both.
                    scalar = yaml.ScalarNode(tag, event.value, start, end, style=event.style or None)
                    if stack:  # add(scalar), without a call for the most frequent event
                        stack[-1][1].append(scalar)
                    else:
                        root = scalar
                    if not event.style and end.line == start.line and "#" in source:
                        lines = lines or source.split("\n")
                        _warn_if_cut_by_comment(event.value, end, lines, report, first_line + start.line)
                    continue
                if len(stack) >= MAX_DEPTH:
                    report.error(first_line + start.line, "yaml.too_deep", depth=MAX_DEPTH)
                    raise Refused
                if kind is _MAPPING_START:
                    stack.append((yaml.MappingNode(tag or "tag:yaml.org,2002:map", [], start, end), []))
                else:
                    stack.append((yaml.SequenceNode(tag or "tag:yaml.org,2002:seq", [], start, end), []))
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                node, children = stack.pop()
                pairs = list(zip(children[::2], children[1::2], strict=False))
                node.value = pairs if isinstance(node, yaml.MappingNode) else children
                add(node)
            elif kind is _ALIAS:
                start, end = event.start_mark, event.end_mark
                references.append((first_line + start.line, f"*{event.anchor}"))
                add(yaml.ScalarNode(_STR, "", start, end))
            # The stream's and the document's start and end hold no node.
    finally:
        loader.dispose()

    if references:
        first_line_of, name = references[0]
        more = phrase("phrase.more_after", count=len(references) - 1) if len(references) > 1 else phrase("hint.none")
        report.error(first_line_of, "yaml.anchor", name=quoted(name), more=more)
    return root


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _SEQUENCE_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_CUTTING_COMMENT = re.compile(r"[ \t]++(#\S.*)$")
"""' #2' after a plain value: YAML starts a comment there. A comment written on purpose has a space after '#'."""


def _warn_if_cut_by_comment(value: str, end: yaml.Mark, lines: list[str], report: Report, line: int) -> None:
    """`role: Inkoper #2` is the value 'Inkoper' and a comment '#2': say so, since the writer meant the text.

    `value` is a plain scalar on one line, ending at `end`."""
    if end.line >= len(lines):
        return
    cut = _CUTTING_COMMENT.match(lines[end.line], end.column)
    if cut:
        report.warning(line, "yaml.comment", value=quoted(value), cut=quoted(cut.group(1)))


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
