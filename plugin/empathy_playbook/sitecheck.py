"""A check of a built site: every map has its page with the six sections, and no internal link is broken.

A playbook can be built by MkDocs, by ProperDocs, or by Zensical from the folder that `generate`
writes. An engine that ignores MkDocs plugins does so without a word: the site is published with
no maps and no error. This check reads the built HTML, whatever made it, so that such a build
fails loudly. It needs no engine and no browser: the HTML parser of the standard library.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from .messages import Number, Text, counted, phrase
from .model import EmpathyMap, quoted
from .vocabulary import GRID_SECTIONS

_LINKS = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}
"""Elements whose address must land, by the attribute that holds it."""
_SKIPPED = ("404.html",)
"""Its links are absolute from `site_url`, which a local build need not have."""


@dataclass(frozen=True)
class SiteProblem:
    path: str
    """The file in the site (relative to the site folder, forward slashes), or the site folder itself."""
    text: Text
    """The message (`site.*` in the catalogue), put into words when shown."""

    @property
    def message(self) -> str:
        return self.text.render("en")

    def in_language(self, language: str) -> str:
        return f"{self.path}: {self.text.render(language)}"

    def __str__(self) -> str:
        return self.in_language("en")


@dataclass
class SiteReport:
    problems: list[SiteProblem] = field(default_factory=list)
    map_pages: int = 0
    """Map pages found with their six sections."""
    pages: int = 0
    """HTML files whose links were followed."""
    links: int = 0
    """Internal links followed."""


class _Page(HTMLParser):
    """The ids, the internal addresses and the `data-section` hooks of one HTML file."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.sections: set[str] = set()
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        if values.get("data-section"):
            self.sections.add(values["data-section"] or "")
        target = values.get(_LINKS.get(tag, ""))
        if target:
            self.links.append(target)


class _Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._pages: dict[Path, _Page] = {}

    def page(self, file: Path) -> _Page:
        if file not in self._pages:
            self._pages[file] = _Page(file.read_text(encoding="utf-8", errors="replace"))
        return self._pages[file]

    @cached_property
    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def name(self, file: Path) -> str:
        return file.relative_to(self.root).as_posix()


def map_page_file(site_dir: Path, m: EmpathyMap) -> Path | None:
    """Where the page of map `m` is in a built site (directory URLs or not), or None when it is missing."""
    for candidate in (site_dir / "maps" / m.url_path / "index.html", site_dir / "maps" / f"{m.url_path}.html"):
        if candidate.is_file():
            return candidate
    return None


def check_site(site_dir: Path, maps: Sequence[EmpathyMap], *, links: bool = True) -> SiteReport:
    """Every map of `maps` has its page in `site_dir` with the six sections; every internal link lands."""
    report = SiteReport()
    if not (site_dir / "index.html").is_file():
        report.problems.append(SiteProblem(str(site_dir), phrase("site.not_built")))
        return report
    site = _Site(site_dir)
    _check_map_pages(site, maps, report)
    if links:
        _check_links(site, report)
    return report


def _check_map_pages(site: _Site, maps: Sequence[EmpathyMap], report: SiteReport) -> None:
    missing = []
    for m in maps:
        file = map_page_file(site.root, m)
        if file is None:
            missing.append(m)
            continue
        absent = [key for key in GRID_SECTIONS if key not in site.page(file).sections]
        if absent:
            hooks = ", ".join(f'data-section="{key}"' for key in absent)
            report.problems.append(
                SiteProblem(site.name(file), phrase("site.sections_missing", map=quoted(m.path, None), hooks=hooks))
            )
        else:
            report.map_pages += 1
    if missing and len(missing) == len(maps):
        report.problems.append(
            SiteProblem(
                str(site.root),
                phrase("site.no_map_pages", count=Number(len(maps)), first=quoted(maps[0].url_path, None)),
            )
        )
    else:
        for m in missing:
            report.problems.append(
                SiteProblem(f"maps/{quoted(m.url_path, None)}/", phrase("site.page_missing", map=quoted(m.path, None)))
            )


def _check_links(site: _Site, report: SiteReport) -> None:
    for file in site.html_files:
        if file.name in _SKIPPED and file.parent == site.root:
            continue
        report.pages += 1
        here = site.name(file)
        for target in site.page(file).links:
            problem = _broken(site, here, target)
            if problem is None:  # not ours
                continue
            report.links += 1
            if problem:
                report.problems.append(
                    SiteProblem(here, phrase("site.broken_link", target=quoted(target), why=problem))
                )


def _broken(site: _Site, here: str, target: str) -> Text | Literal[""] | None:
    """Why the link `target` on page `here` does not land: "" when it does, None when it leads off the site."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    base = "" if path.startswith("/") else posixpath.dirname(here)
    resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/"))) if path else here
    if resolved == ".." or resolved.startswith("../"):
        return phrase("site.link_leaves")
    file = site.root / resolved
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return phrase("site.link_no_file", file=quoted(resolved))
    fragment = unquote(parts.fragment)
    if fragment and file.suffix == ".html" and fragment not in site.page(file).ids:
        return phrase("site.link_no_anchor", file=quoted(site.name(file)), anchor=quoted(fragment))
    return ""


def summary(site_dir: Path, report: SiteReport, language: str = "en") -> str:
    found = len(report.problems)
    return phrase(
        "site.summary",
        site=site_dir,
        map_pages=report.map_pages,
        links=report.links,
        pages=report.pages,
        problems=counted(found, "site.problem", "site.problems") if found else phrase("site.no_problems"),
    ).render(language)
