"""YAML front matter composed from parser events, with the dangerous parts of YAML refused.

PyYAML's own composer follows aliases (an "alias bomb" then expands when walked),
recurses once per nesting level and accepts any tag. Building the node tree from
the event stream ourselves costs one pass and lets us refuse anchors, aliases,
foreign tags and deep nesting at the line where they stand, before they cost
anything. The nodes are PyYAML's own, with their marks, so every value keeps its line.
"""

from __future__ import annotations

import re
from typing import cast

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

    def line(event: yaml.Event) -> int:
        return first_line + _marks(event)[0].line

    def add(node: yaml.Node) -> None:
        nonlocal root
        if stack:
            stack[-1][1].append(node)
        else:
            root = node

    lines = source.split("\n")
    for event in yaml.parse(source, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            references.append((line(event), f"*{event.anchor}"))
            add(yaml.ScalarNode(_STR, "", *_marks(event)))
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            node, children = stack.pop()
            pairs = list(zip(children[::2], children[1::2], strict=False))
            node.value = pairs if isinstance(node, yaml.MappingNode) else children
            add(node)
            continue
        if not isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):  # the nodes; aliases are above
            continue
        if event.anchor is not None:
            references.append((line(event), f"&{event.anchor}"))
        tag = event.tag if event.tag not in (None, "!") else None
        if tag is not None and tag not in _ALLOWED_TAGS:
            report.error(line(event), "yaml.tag", tag=quoted(_short_tag(tag)))
            tag = None
        if isinstance(event, yaml.ScalarEvent):
            tag = tag or _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            # libyaml marks a plain scalar with style '', PyYAML with None: the node says None for both.
            add(yaml.ScalarNode(tag, event.value, *_marks(event), style=event.style or None))
            if not event.style:
                _warn_if_cut_by_comment(event, lines, report, line(event))
            continue
        if len(stack) >= MAX_DEPTH:
            report.error(line(event), "yaml.too_deep", depth=MAX_DEPTH)
            raise Refused
        node_class = yaml.MappingNode if isinstance(event, yaml.MappingStartEvent) else yaml.SequenceNode
        default_tag = "tag:yaml.org,2002:map" if node_class is yaml.MappingNode else "tag:yaml.org,2002:seq"
        stack.append((node_class(tag or default_tag, [], *_marks(event)), []))

    if references:
        first_line_of, name = references[0]
        more = phrase("phrase.more_after", count=len(references) - 1) if len(references) > 1 else phrase("hint.none")
        report.error(first_line_of, "yaml.anchor", name=quoted(name), more=more)
    return root


def _marks(event: yaml.Event) -> tuple[yaml.Mark, yaml.Mark]:
    """Where an event starts and ends. The parser gives every event both; libyaml's marks (`yaml._yaml.Mark`)
    have the same line and column as PyYAML's, which is all that is read of a node's marks."""
    return cast("yaml.Mark", event.start_mark), cast("yaml.Mark", event.end_mark)


_CUTTING_COMMENT = re.compile(r"[ \t]++(#\S.*)$")
"""' #2' after a plain value: YAML starts a comment there. A comment written on purpose has a space after '#'."""


def _warn_if_cut_by_comment(event: yaml.ScalarEvent, lines: list[str], report: Report, line: int) -> None:
    """`role: Inkoper #2` is the value 'Inkoper' and a comment '#2': say so, since the writer meant the text."""
    start, end = _marks(event)
    if end.line != start.line or end.line >= len(lines):
        return
    cut = _CUTTING_COMMENT.match(lines[end.line], end.column)
    if cut:
        report.warning(line, "yaml.comment", value=quoted(event.value), cut=quoted(cut.group(1)))


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
