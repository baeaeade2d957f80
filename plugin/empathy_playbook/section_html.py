"""A map's sections as safe HTML: the pipeline from a section's Markdown lines to the HTML on its page.

Need tags become markers, all sections are converted in one Markdown call, the result goes through
the sanitiser (`safe_html`), and the markers become need chips. The page views (`render.py`) put
the sections on their pages; this module knows nothing of pages.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from markupsafe import Markup, escape

from . import safe_html
from .depth import PIECE, Flattened, flatten
from .model import EmpathyMap, Item, Report, Section, SourceLine, quoted
from .pages import NEEDS_PAGE, MarkdownConverter, UrlFor

ChipsMacro = Callable[[tuple[str, ...], UrlFor], object]
"""The template macro that renders need chips: (need keys, url) to HTML."""


class SectionPipeline:
    """Converts the sections of the maps of one build; create one per build."""

    def __init__(self, chips_macro: ChipsMacro) -> None:
        self._chips_macro = chips_macro
        self._chips: dict[tuple[str, tuple[str, ...]], str] = {}
        """Chips HTML by (the needs index's URL from the page, needs): made once per build, not per item."""
        # Markers put where an item's need tags stood, swapped for chips once the Markdown is HTML.
        # Random per build, so that no map can write one.
        self._marker_prefix = f"epneed{secrets.token_hex(6)}x"
        # Where a paragraph too long to convert stood: shown as written, without Markdown (see `_as_written`).
        self._verbatim_prefix = f"epverbatim{secrets.token_hex(6)}x"
        self._splitter = re.compile(f"<p>{re.escape(self._marker_prefix)}s(\\d+)</p>")
        self._marker = re.compile(re.escape(self._marker_prefix) + r"\d+")
        self._as_written = re.compile(f"(?:<p>)?({re.escape(self._verbatim_prefix)}\\d+)(?:</p>)?")
        self._either = re.compile(f"{self._marker.pattern}|{re.escape(self._verbatim_prefix)}\\d+")

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
        verbatim: dict[str, list[str]] = {}
        sources = [
            self._with_need_markers(section.lines, section.items, markers, verbatim, m.flattened)
            for section in sections
        ]
        separators = [f"{self._marker_prefix}s{index}" for index in range(1, len(sections))]
        source = sources[0] + "".join(f"\n\n{sep}\n\n{text}" for sep, text in zip(separators, sources[1:], strict=True))
        joined = _converted(convert, source)
        raw = _split(joined, self._splitter, len(sections)) if joined is not None else None
        if raw is None:
            raw = []
            for section, text in zip(sections, sources, strict=True):
                html = _converted(convert, text)
                if html is None:  # a shape of nesting the reader does not know: shown, as text
                    report.error(section.line, "section.too_deep")
                    html = f"<pre>{escape(text)}</pre>"
                raw.append(html)
        # Each section sanitised on its own: the sanitiser closes what it leaves open, so no section's
        # HTML can swallow the next one (an unclosed <details> in the introduction would take the grid).
        marker, as_written = self._marker, self._as_written
        safe = [safe_html.sanitize(part, not_in_attributes=self._either) for part in raw]
        for section, before, after in zip(sections, raw, safe, strict=True):
            if before != after and not m.unsafe_lines.intersection(number for number, _ in section.lines):
                lost = safe_html.removed(before, after)
                if lost:  # The source scan names what the sanitiser removes; this is its safety net.
                    report.warning(section.line, "html.removed", what=quoted(", ".join(lost)))
        chips = self._chips_for_page(url)
        with_chips, without = [], []

        def written(found: re.Match[str]) -> str:
            return _as_written("\n".join(verbatim.get(found.group(1), ())))

        for part in safe:
            # One pass per section, whatever the number of tagged items.
            chipped, plain = marker.sub(lambda found: chips(markers[found.group()]), part), marker.sub("", part)
            if verbatim:
                chipped, plain = as_written.sub(written, chipped), as_written.sub(written, plain)
            with_chips.append(Markup(chipped))
            without.append(plain)
        return with_chips, without

    def _chips_for_page(self, url: UrlFor) -> Callable[[tuple[str, ...]], str]:
        """Chips HTML per combination of needs. A chip's only link goes to the needs index, so pages
        that see that index at the same URL (every map at the same depth) share their chips: the
        macro runs once per build for each combination and depth, not once per item."""
        macro, cache, base = self._chips_macro, self._chips, url(NEEDS_PAGE)

        def chips(needs: tuple[str, ...]) -> str:
            key = (base, needs)
            if key not in cache:
                cache[key] = str(macro(needs, url))
            return cache[key]

        return chips

    def _with_need_markers(
        self,
        lines: list[SourceLine],
        items: list[Item],
        markers: dict[str, tuple[str, ...]],
        verbatim: dict[str, list[str]],
        flattened: dict[int, Flattened],
    ) -> str:
        """The lines as Markdown, with a marker where each item's need tags stood (noted in `markers`),
        the lines the reader found too deep or too costly flattened, and each paragraph too long to
        convert replaced by a marker paragraph (its text, as written, noted in `verbatim`)."""
        tagged = {item.line: item for item in items if item.needs and item.tag_column is not None}
        source: list[str] = []
        run: list[str] | None = None  # the lines of the paragraph shown as written, while in one
        for number, text in lines:
            item = tagged.get(number)
            kind = flattened.get(number)
            if kind is not None and Flattened.PIECES in kind:
                if run is None:
                    marker = f"{self._verbatim_prefix}{len(verbatim)}"
                    run = verbatim[marker] = []
                    source.append(f"\n{marker}\n")
                run.append(text)
                continue
            run = None
            if item is not None:
                marker = f"{self._marker_prefix}{len(markers)}"
                markers[marker] = item.needs
                head = text[: item.tag_column].rstrip()
                text = " ".join([flatten(kind, head) if kind else head, *item.unknown_tags, marker])
            elif kind is not None:
                text = flatten(kind, text)
            source.append(text)
        return "\n".join(source)


def _as_written(text: str) -> str:
    """A paragraph too long for the converter, as written: escaped text, in paragraphs of PIECE characters.

    No Markdown at all: Python-Markdown's inline pass costs the length of a paragraph for each mark in it,
    and its block pass the number of blocks for each block, so a megabyte of marks or lines would stall it.
    """
    return "".join(
        f'<p class="ep-as-written">{escape(text[start : start + PIECE])}</p>' for start in range(0, len(text), PIECE)
    )


def _converted(convert: MarkdownConverter, source: str) -> str | None:
    """The HTML of `source`, or None where the converter recursed too deeply (the reader caps the known ways)."""
    try:
        return convert(source)
    except RecursionError:
        return None


def _split(html: str, separator: re.Pattern[str], count: int) -> list[str] | None:
    """`html` cut at the separators numbered 1 to `count - 1`; None unless each occurs exactly once, in order.

    Found in one pass: cutting the rest of the page at each separator in turn costs the square of the page.
    """
    found = list(separator.finditer(html))
    if [int(match.group(1)) for match in found] != list(range(1, count)):
        return None
    cuts = [0, *(position for match in found for position in match.span()), len(html)]
    return [html[cuts[i] : cuts[i + 1]].strip("\n") for i in range(0, len(cuts), 2)]


def plain_text(markdown: str) -> str:
    """An item's Markdown as the plain text shown in index tables: links keep their text, markup goes."""
    if not any(mark in markdown for mark in "[<*_`"):  # most items: nothing to take out
        return " ".join(markdown.split())
    text = re.sub(r"!?\[([^\[\]]*+)\]\([^()]*+\)", r"\1", markdown)  # no scan past the next `[` or `<`: linear
    text = re.sub(r"<[^<>]*+>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split())
