"""The HTML of Markdown that uses nothing but paragraphs and flat bullet lists of plain words, without
Python-Markdown: most of a map is such text, and a full conversion of it costs a quarter of the build.

`simple_html` answers only for sources it is sure about, and then exactly what Python-Markdown (with
any of the `SAFE_EXTENSIONS`) makes of them; for anything else it answers None and the caller converts
as before. Sure means: every line is empty, a paragraph line starting with a letter, or `- ` and a
letter; the text holds only letters, digits, spaces and the punctuation in `_PLAIN`, none of which
starts markup (no `*`, `_`, backticks, brackets, `<`, `&`, `#`, `|`, `{`, `~` or backslash); no
line has leading or trailing spaces (indentation, line breaks); a block of lines is all list items
or all paragraph lines, and no two lists follow each other (that would make a loose list).
The property tests compare it with Python-Markdown on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SAFE_EXTENSIONS: frozenset[str] = frozenset(
    {
        "abbr", "admonition", "attr_list", "codehilite", "def_list", "fenced_code", "footnotes", "md_in_html",
        "tables", "toc", "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite",
        "pymdownx.superfences", "pymdownx.tabbed",
    }
)  # fmt: skip
"""Extensions that change nothing in such text: each acts only on a character or line shape that
`simple_html` refuses (`{`, `|`, `!!!`, fences, `<`, `[^`, `*[`, `: `, `???`, `===`, headings).
Others (smarty, nl2br, emoji, sane_lists, ...) change plain text or lists: with them, no fast path."""

_PLAIN = re.compile(r"[^\w\n .,;:'\"?!()/%+=-]|_")
"""A character that might start markup: the text must have none."""
_STARTS_WITH_A_LETTER = re.compile(r"(?:- )?+[^\W\d_]")


def only_safe_extensions(extensions: Iterable[object]) -> bool:
    """Whether the site's `markdown_extensions` leave such text as plain Python-Markdown makes it."""
    return all(
        isinstance(name, str) and name.removeprefix("markdown.extensions.") in SAFE_EXTENSIONS for name in extensions
    )


def simple_html(source: str) -> str | None:
    """The HTML Python-Markdown makes of `source`, or None when `source` is not plain enough to be sure."""
    if _PLAIN.search(source):
        return None
    out: list[str] = []
    block: list[str] = []
    last_was_list = False

    def close() -> bool:
        nonlocal last_was_list
        if not block:
            return True
        items = [line.startswith("- ") for line in block]
        if all(items):
            if last_was_list:  # two lists with a blank line between: one loose list, with paragraphs
                return False
            out.append("<ul>\n" + "\n".join(f"<li>{line[2:]}</li>" for line in block) + "\n</ul>")
            last_was_list = True
        elif not any(items):
            out.append("<p>" + "\n".join(block) + "</p>")
            last_was_list = False
        else:
            return False
        block.clear()
        return True

    for line in source.split("\n"):
        if not line:
            if not close():
                return None
            continue
        if line != line.strip() or not _STARTS_WITH_A_LETTER.match(line):
            return None
        block.append(line)
    if not close():
        return None
    return "\n".join(out)
