"""YAML front matter composed into PyYAML nodes, with the dangerous parts of YAML refused.

PyYAML's own composer follows aliases (an "alias bomb" then expands when walked),
recurses once per nesting level and accepts any tag. So front matter that may hold an
anchor, alias or tag, or many levels of nesting, is composed from the parser's event
stream by us: one pass that refuses anchors, aliases, foreign tags and deep nesting at
the line where they stand, before they cost anything. Front matter that cannot hold
them (no '&', '*' or '!', and few collection indicators, so few levels) is composed by
libyaml in C, about twice as fast, and the same checks are then made on its tree.
Both ways give the same nodes, with their marks, so every value keeps its line, and the
same problems in the same order: the checks on each node are defined once (`_Checks`).
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Any

import yaml

from .messages import phrase
from .model import Report, quoted

MAX_DEPTH = 8
"""Front matter needs two levels (routine data); anything this deep is a mistake or an attack."""

FAST_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader on libyaml's parser (in C, several times faster) when PyYAML has libyaml, else PyYAML's own:
for all the YAML this package reads (front matter, mkdocs.yml)."""

_resolver = yaml.resolver.Resolver()
_ALLOWED_TAGS = {"tag:yaml.org,2002:str"}
_STR = "tag:yaml.org,2002:str"

_COLLECTION_INDICATORS = (":", "-", "?", "[", "{")
"""Each level of nesting starts at one of these ('key:', '- ', '? key', '[', '{'), so their count bounds the depth."""
MAX_INDICATORS_IN_C = 200
"""At most this many collection indicators go to libyaml's composer, which recurses in C once per level (a few
hundred bytes of stack each): 200 levels stay far inside any thread's stack. More go to the event walk."""


_PLAIN_TAGS: dict[str, str] = {}
"""The tag PyYAML's resolver gives each short plain value met before: it tries its patterns in Python on every
value, and keys and many values recur from map to map. Emptied when full, so no input can make it grow."""
_PLAIN_TAGS_MAX = 4096


def _tag_of(kind: type[yaml.Node], value: Any, implicit: Any) -> str:
    """The tag of an untagged node (`value` and `implicit` as PyYAML's composers pass them): the resolver's
    answer, remembered for short plain values, for which it depends on the value alone."""
    if kind is yaml.ScalarNode and implicit[0] and len(value) <= 40:
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            if len(_PLAIN_TAGS) >= _PLAIN_TAGS_MAX:
                _PLAIN_TAGS.clear()
            tag = _PLAIN_TAGS[value] = _resolver.resolve(kind, value, implicit)
        return tag
    resolved: str = _resolver.resolve(kind, value, implicit)
    return resolved


class _Loader(FAST_SAFE_LOADER):  # type: ignore[misc]  # a base of type Any
    """libyaml's parser and composer (PyYAML's own without libyaml), resolving tags through `_tag_of`."""

    resolve = staticmethod(_tag_of)
    # The composers call these around every node for path resolvers, which front matter has none of: PyYAML's
    # return at once, but as Python calls (1 % of `check`). `slice(parent, index)` and `tuple()` are calls in C
    # that take any arguments and change nothing.
    descend_resolver = slice
    ascend_resolver = tuple


class Refused(Exception):
    """The front matter cannot be read at all; the reason is in the report."""


def compose(source: str, report: Report, first_line: int) -> yaml.Node | None:
    """The node tree of `source`, whose first line is file line `first_line`; None when it is empty.

    A plain scalar's style is '' or None (libyaml or PyYAML), so read it as `not node.style`.
    Raises yaml.YAMLError for text that is not YAML, and Refused for YAML nested too deeply to read.
    """
    checks = _Checks(source, report, first_line)
    if composable_in_c(source):
        loader = _Loader(source)
        try:
            root: yaml.Node | None = loader.get_single_node()
        except yaml.YAMLError:
            pass  # the event walk reports what stands before the mistake, as it goes, then raises it
        else:
            checks.tree(root)
            return root
        finally:
            loader.dispose()
    return _compose_from_events(source, checks)


def composable_in_c(source: str) -> bool:
    """Whether libyaml's composer may build the tree of `source`: nothing the event walk must refuse as it goes,
    and a nesting depth its recursion bears (see `MAX_INDICATORS_IN_C`)."""
    if "&" in source or "*" in source or "!" in source:  # an anchor, alias or tag may start there
        return False
    return sum(map(source.count, _COLLECTION_INDICATORS)) <= MAX_INDICATORS_IN_C


class _Checks:
    """The checks made on every node, in document order, whichever way the tree is composed."""

    def __init__(self, source: str, report: Report, first_line: int) -> None:
        self.source = source
        self.report = report
        self.first_line = first_line
        self.may_be_cut = "#" in source
        """Whether any plain value can be followed by a comment (most front matter has no '#')."""
        self._lines: list[str] | None = None

    def collection(self, outer: int, start: yaml.Mark) -> None:
        """A mapping or list starts at `start`, inside `outer` others: refused beyond `MAX_DEPTH` levels."""
        if outer >= MAX_DEPTH:
            self.report.error(self.first_line + start.line, "yaml.too_deep", depth=MAX_DEPTH)
            raise Refused

    def scalar(self, node: yaml.ScalarNode) -> None:
        """`role: Inkoper #2` is the value 'Inkoper' and a comment '#2': say so, since the writer meant the text."""
        start, end = node.start_mark, node.end_mark
        if node.style or end.line != start.line:  # only a plain value on one line can be cut short by a comment
            return
        lines = self._lines = self._lines or self.source.split("\n")
        if end.line >= len(lines):
            return
        cut = _CUTTING_COMMENT.match(lines[end.line], end.column)
        if cut:
            self.report.warning(
                self.first_line + start.line, "yaml.comment", value=quoted(node.value), cut=quoted(cut.group(1))
            )

    def tree(self, root: yaml.Node | None) -> None:
        """The checks on a tree composed in one go, node by node in document order as the event walk makes them."""
        if type(root) is yaml.ScalarNode:
            if self.may_be_cut:
                self.scalar(root)
        elif root is not None:
            self._collection_tree(root, 0)

    def _collection_tree(self, node: yaml.Node, outer: int) -> None:
        self.collection(outer, node.start_mark)
        scalar, may_be_cut = yaml.ScalarNode, self.may_be_cut
        children = chain.from_iterable(node.value) if type(node) is yaml.MappingNode else node.value  # key, value, ...
        for child in children:
            if type(child) is not scalar:
                self._collection_tree(child, outer + 1)
            elif may_be_cut:
                self.scalar(child)


def _compose_from_events(source: str, checks: _Checks) -> yaml.Node | None:
    """The tree built from libyaml's event stream, refusing anchors, aliases, tags and deep nesting as they come."""
    report, first_line = checks.report, checks.first_line
    stack: list[tuple[yaml.Node, list[object]]] = []
    root: yaml.Node | None = None
    references: list[tuple[int, str]] = []  # (line, "&name" or "*name"): reported once, not once per use
    may_be_cut = checks.may_be_cut

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
                    tag = tag or _tag_of(yaml.ScalarNode, event.value, event.implicit)
                    scalar = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
                    if stack:  # add(scalar), without a call for the most frequent event
                        stack[-1][1].append(scalar)
                    else:
                        root = scalar
                    if may_be_cut:
                        checks.scalar(scalar)
                    continue
                checks.collection(len(stack), start)
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


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
