"""A map's sections as safe HTML: the pipeline from a section's Markdown lines to the HTML on its page.

Need tags become markers, all sections are converted in one Markdown call, the result goes through
the sanitiser (`safe_html`), and the markers become need chips. The page views (`render.py`) put
the sections on their pages; this module knows nothing of pages.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from markupsafe import Markup

from . import safe_html
from .model import EmpathyMap, Item, Report, Section, SourceLine, quoted
from .pages import MarkdownConverter, UrlFor

ChipsMacro = Callable[[tuple[str, ...], UrlFor], object]
"""The template macro that renders need chips: (need keys, url) to HTML."""


class SectionPipeline:
    """Converts the sections of the maps of one build; create one per build."""

    def __init__(self, chips_macro: ChipsMacro) -> None:
        self._chips_macro = chips_macro
        # Markers put where an item's need tags stood, swapped for chips once the Markdown is HTML.
        # Random per build, so that no map can write one.
        self._marker_prefix = f"epneed{secrets.token_hex(6)}x"

    def to_html(
        self, sections: list[Section], m: EmpathyMap, convert: MarkdownConverter, url: UrlFor, report: Report
    ) -> tuple[list[Markup], list[str]]:
        """Each section as safe HTML, its need tags as chips; and the same without the chips (for search).

        The sections are converted in one go, separated by marker paragraphs: a conversion has a
        fixed cost that would otherwise be paid eight times a page. A section that swallows the
        marker after it (an unclosed code fence or HTML block) makes the page fall back to one
        conversion per section, so that no section can spill into the next.
        """
        markers: dict[str, tuple[str, ...]] = {}
        sources = [self._with_need_markers(section.lines, section.items, markers) for section in sections]
        separators = [f"{self._marker_prefix}s{index}" for index in range(1, len(sections))]
        source = sources[0] + "".join(f"\n\n{sep}\n\n{text}" for sep, text in zip(separators, sources[1:], strict=True))
        splitters = [f"<p>{sep}</p>" for sep in separators]
        joined = convert(source)
        raw, safe = _split(joined, splitters), _split(safe_html.sanitize(joined), splitters)
        if raw is None or safe is None:
            raw = [convert(text) for text in sources]
            safe = [safe_html.sanitize(part) for part in raw]
        for section, before, after in zip(sections, raw, safe, strict=True):
            if before != after and not m.unsafe_lines.intersection(number for number, _ in section.lines):
                lost = safe_html.removed(before, after)
                if lost:  # The source scan names what the sanitiser removes; this is its safety net.
                    report.warning(
                        section.line, f"unsafe content was left out of this section: {quoted(', '.join(lost))}"
                    )
        chips = self._chips_for_page(url)
        with_chips, without = [], []
        for part in safe:
            plain = part
            # Longest markers first: marker 1 is a prefix of marker 10.
            for marker in sorted((mk for mk in markers if mk in part), key=len, reverse=True):
                part = part.replace(marker, chips(markers[marker]))
                plain = plain.replace(marker, "")
            with_chips.append(Markup(part))
            without.append(plain)
        return with_chips, without

    def _chips_for_page(self, url: UrlFor) -> Callable[[tuple[str, ...]], str]:
        """Chips HTML per combination of needs, made once per page: a page repeats the same few."""
        macro = self._chips_macro
        cache: dict[tuple[str, ...], str] = {}

        def chips(needs: tuple[str, ...]) -> str:
            if needs not in cache:
                cache[needs] = str(macro(needs, url))
            return cache[needs]

        return chips

    def _with_need_markers(
        self, lines: list[SourceLine], items: list[Item], markers: dict[str, tuple[str, ...]]
    ) -> str:
        """The lines as Markdown, with a marker where each item's need tags stood (noted in `markers`)."""
        tagged = {item.line: item for item in items if item.needs and item.tag_column is not None}
        source = []
        for number, text in lines:
            item = tagged.get(number)
            if item is not None:
                marker = f"{self._marker_prefix}{len(markers)}"
                markers[marker] = item.needs
                text = " ".join([text[: item.tag_column].rstrip(), *item.unknown_tags, marker])
            source.append(text)
        return "\n".join(source)


def _split(html: str, separators: list[str]) -> list[str] | None:
    """`html` cut at each separator in turn; None unless each occurs exactly once, in order."""
    parts = []
    rest = html
    for separator in separators:
        before, found, rest = rest.partition(separator)
        if not found or separator in before:
            return None
        parts.append(before)
    if any(separator in rest for separator in separators):
        return None
    return [part.strip("\n") for part in (*parts, rest)]


def plain_text(markdown: str) -> str:
    """An item's Markdown as the plain text shown in index tables: links keep their text, markup goes."""
    if not any(mark in markdown for mark in "[<*_`"):  # most items: nothing to take out
        return " ".join(markdown.split())
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<[^>]*>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split())
