"""Map content is untrusted: one allow-list decides what HTML a map may hold.

Two uses of the same list: `scan` reads a map's Markdown source and warns, at the line,
about raw HTML, attributes (also from `attr_list`'s `{: ...}`) and URLs that will not
be published; `sanitize` enforces it on the rendered HTML with nh3. The scan needs no
rendering, so the command-line checker reports exactly what the site build does.

nh3, `html` and `html.parser` are imported where they are first needed: `check` runs on every save, and
most maps hold nothing the scan looks further into (no `<`, `&`, `{` or link), so its start-up goes without them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

from .messages import Number
from .model import Report, SourceLine, quoted

if TYPE_CHECKING:
    from collections.abc import Callable
    from html.parser import HTMLParser

    import nh3

_EXTRA_TAGS = frozenset({"div", "span", "pre", "code", "details", "summary"})
"""Allowed besides nh3's own list (nh3.ALLOWED_TAGS)."""


@functools.cache
def allowed_tags() -> frozenset[str]:
    """The elements a map may hold: nh3's list and _EXTRA_TAGS (nh3 imported on the first call)."""
    import nh3

    return frozenset(nh3.ALLOWED_TAGS) | _EXTRA_TAGS


_GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "th": {"style", "align", "colspan", "rowspan", "scope"},
    "td": {"style", "align", "colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
    "abbr": set(),
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_ATTRIBUTES = {"href", "src"}

# Every pattern here is linear in the line: possessive quantifiers (`*+`) never give back what they
# matched, and no pattern can scan past a `<` that starts another attempt (so `<a` repeated, `{`
# then spaces, or ` #a` repeated cost one pass, not the square or cube of the line's length).
_BACKTICKS = re.compile(r"`++")
_RAW_TAG = re.compile(r"<\s*+([a-zA-Z][\w-]*+)((?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+)>")
_ATTR_LIST = re.compile(r"\{([^{}]*+)\}")
_ATTRIBUTE = re.compile(r"([^\s=\"'/<>]++)(?:\s*+=\s*+(\"[^\"]*+\"|'[^']*+'|[^\s>\"']++))?+")
_MARKDOWN_URL = re.compile(r"\]\(\s*+<?([^)\s>]*+)|^\s*+\[[^\]]++\]:\s*+<?([^\s>]++)|<([a-zA-Z][\w+.-]*+:[^<>\s]*+)>")
_SCHEME = re.compile(r"^([a-zA-Z][\w+.-]*):")
_INVISIBLE_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def sanitize(markup: str, not_in_attributes: re.Pattern[str] | None = None) -> str:
    """The HTML with everything outside the allow-list removed (scripts with their content).

    `not_in_attributes` is taken out of every attribute value: the renderer's chip markers, which must
    become elements in text, never text inside an attribute (where a chip's quotes would end it).
    """
    return _cleaner(not_in_attributes).clean(markup)


@functools.lru_cache(maxsize=8)
def _cleaner(not_in_attributes: re.Pattern[str] | None) -> nh3.Cleaner:
    """The allow-list as nh3 enforces it, built once per pattern (one per build): `nh3.clean` converts the
    allow-list again at every call, which costs ten times the cleaning of a map's section."""
    import nh3

    def scrub(element: str, attribute: str, value: str) -> str:
        return not_in_attributes.sub("", value) if not_in_attributes is not None else value

    return nh3.Cleaner(
        tags=set(allowed_tags()),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
        attribute_filter=scrub if not_in_attributes is not None else None,
    )


def scan(lines: list[SourceLine], report: Report, text: str | None = None) -> set[int]:
    """Warn about each piece of raw HTML, attribute or URL in Markdown source that `sanitize` would remove.

    `lines` are those outside fenced code (Markdown shows code as text); code spans are skipped too.
    `text` is them joined, when the caller has it. Returns the lines it warned about.
    """
    flagged: set[int] = set()
    if not _may_be_unsafe("\n".join([line for _, line in lines]) if text is None else text):  # most maps: nothing
        return flagged
    for number, line in lines:
        if not _may_be_unsafe(line):
            continue
        for code, params in _unsafe(without_code_spans(line)):
            report.warning(number, code, **params)
            flagged.add(number)
    return flagged


def _may_be_unsafe(text: str) -> bool:
    """Whether the text holds what starts raw HTML, an attribute list, an entity or a link (a search for
    each is a pass in C; one pattern for all of them is slower). A character is searched for first: a search
    for one is a memchr, for two a loop twenty times slower."""
    return "<" in text or "{" in text or "&" in text or ("]" in text and ("](" in text or "]:" in text))


_VOID_TAGS = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
_OPTIONAL_END_TAGS = frozenset(
    {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rp", "rt"}
)
"""Elements HTML closes by itself where the next one starts: leaving their end tag out is no mistake."""
MAX_HTML_DEPTH = 10
"""HTML elements a section may nest in one another, as lists and quotes (depth.MAX_DEPTH)."""
_MAX_UNCLOSED = 10
"""Per section: a thousand unclosed elements get ten warnings and a note, not a flood."""
_TAG = re.compile(r"<(/?+)\s*+([a-zA-Z][\w-]*+)((?:[^<>\"']++|\"[^\"<]*+\"|'[^'<]*+')*+)>|<!--")


def warn_unclosed(lines: list[SourceLine], report: Report) -> set[int]:
    """Warn, at its line, about each HTML element a section opens and does not close; return the lines
    that open elements deeper than MAX_HTML_DEPTH (an error, once per section), whose `<` the site shows as text.

    `lines` are one section's lines outside code. Each section is sanitised on its own, which closes
    what is left open at the section's end: the element cannot take in the next section, but it
    does take in the rest of its own, which the writer may not have meant. So it is said. Nesting
    is bounded: a browser and MkDocs' search walk every level (two thousand nested <div> cost seconds).
    """
    opened: list[tuple[str, int]] = []
    too_deep: set[int] = set()
    in_comment = False
    for number, text in lines:
        if not in_comment and "<" not in text:
            continue
        line, at = without_code_spans(text), 0
        while at < len(line):
            if in_comment:
                end = line.find("-->", at)
                if end < 0:
                    break
                in_comment, at = False, end + 3
            tag = _TAG.search(line, at)
            if tag is None:
                break
            at = tag.end()
            if tag.group() == "<!--":
                in_comment = True
                continue
            name = tag.group(2).lower()
            if name not in allowed_tags() or name in _VOID_TAGS or name in _OPTIONAL_END_TAGS:
                continue
            if not tag.group(1):
                if tag.group(3).rstrip().endswith("/"):
                    continue
                if len(opened) < MAX_HTML_DEPTH:
                    opened.append((name, number))
                    continue
                if not too_deep:
                    report.error(number, "html.too_deep", limit=MAX_HTML_DEPTH)
                too_deep.add(number)
                while opened and opened[-1][1] == number:  # the whole line is shown as text: it opens nothing
                    opened.pop()
                break

            for index in range(len(opened) - 1, -1, -1):  # closes it and what is open inside it, as HTML does
                if opened[index][0] == name:
                    del opened[index:]
                    break
    for name, number in opened[:_MAX_UNCLOSED]:
        report.warning(number, "html.unclosed", tag=quoted(name, 20))
    if len(opened) > _MAX_UNCLOSED:
        report.warning(opened[_MAX_UNCLOSED][1], "html.unclosed_more", count=Number(len(opened) - _MAX_UNCLOSED))
    return too_deep


def without_code_spans(line: str) -> str:
    """The line without its code spans (Markdown shows them as text): a run of backticks up to the next run
    of the same length. Found in one pass over the runs, where a pattern like (`+).+?\\1 tries every
    length of every run against the rest of the line."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return line
    following: list[int | None] = [None] * len(runs)  # the index of the next run of the same length
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last_of_length.get(length)
        last_of_length[length] = index
    kept, position, index = [], 0, 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1
            continue
        kept.append(line[position : runs[index][0]])
        position = runs[closing][1]
        index = closing + 1
    kept.append(line[position:])
    return "".join(kept)


_Found = tuple[str, dict[str, object]]
"""A message code from the catalogue and its parameters."""


def _unsafe(line: str) -> list[_Found]:
    problems: list[_Found] = []
    for match in _RAW_TAG.finditer(line):
        tag = match.group(1).lower()
        if tag not in allowed_tags():
            problems.append(("html.element", {"tag": quoted(tag, 20)}))
            continue
        problems.extend(_unsafe_attributes(tag, match.group(2)))
    for match in _ATTR_LIST.finditer(line):
        if "=" in match.group(1):
            problems.extend(_unsafe_attributes("*", match.group(1).strip().removeprefix(":")))
    decoded = _unescape(line)
    for match in _MARKDOWN_URL.finditer(decoded):
        problems.extend(_unsafe_url(next(group for group in match.groups() if group is not None)))
    return problems


def _unsafe_attributes(tag: str, attributes: str) -> list[_Found]:
    problems: list[_Found] = []
    allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
    for name, value in _ATTRIBUTE.findall(attributes):
        name = name.lower()
        if name.startswith(("#", ".")):  # attr_list's #id and .class
            continue
        if name not in allowed or name == "style":
            code = "html.event_handler" if name.startswith("on") else "html.attribute"
            problems.append((code, {"name": quoted(name, 20)}))
        elif name in _URL_ATTRIBUTES:
            problems.extend(_unsafe_url(_unescape(value.strip("\"'"))))
    return problems


def _unescape(text: str) -> str:
    """The text with its character references decoded, as a browser reads it (`html` imported only for one)."""
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


def _unsafe_url(url: str) -> list[_Found]:
    """Browsers ignore tabs and line breaks inside a URL's scheme; so does this check."""
    scheme = _SCHEME.match(_INVISIBLE_IN_URL.sub("", url))
    if scheme is None or scheme.group(1).lower() in URL_SCHEMES:
        return []
    return [("html.link", {"scheme": quoted(scheme.group(1).lower(), 20)})]


def removed(before: str, after: str) -> list[str]:
    """What `sanitize` took out: elements, attributes and link targets present before and not after."""
    if before == after:
        return []
    counts: list[Counter[str]] = []
    for markup in (before, after):
        counts.append(Counter())
        parser = _feature_counter()(counts[-1])
        parser.feed(markup)
        parser.close()
    return sorted(counts[0] - counts[1])


@functools.cache
def _feature_counter() -> Callable[[Counter[str]], HTMLParser]:
    """A parser that counts the elements, attributes and link targets of a piece of HTML into the Counter it is
    given. Made on the first call: html.parser is imported only when a build has HTML to compare."""
    from html.parser import HTMLParser

    class Features(HTMLParser):
        def __init__(self, features: Counter[str]) -> None:
            super().__init__(convert_charrefs=True)
            self.features = features

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.features[f"<{tag}>"] += 1
            for name, value in attrs:
                self.features[f"{tag} {name}" if name not in _URL_ATTRIBUTES else f"{tag} {name}={value}"] += 1

    return Features
