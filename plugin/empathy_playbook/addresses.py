"""Where each page of a site is published, and which of the playbook's pages would take the place of another.

MkDocs publishes `needs.md` and `needs/index.md` alike at `needs/index.html`, and a file system that
ignores case or Unicode form (macOS, Windows) holds `Needs/` and `needs/` as one folder: two pages
there means one silently replaces the other. Every page the playbook makes is therefore checked
against every file of the site, by the file it is published as, compared without case and in one
Unicode form. The site's own file wins; the playbook's page is left out, with an error that names both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .messages import phrase
from .model import Problem, Report, quoted

if TYPE_CHECKING:  # `check` imports this module, and no module of the pages
    from .pages import GeneratedPage


def published_file(path: str, directory_urls: bool = True) -> str:
    """The file the page or file at `path` (relative to the docs folder) is published as, as MkDocs makes it."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/index.html" if folder else "index.html"
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


PAGE_ROOTS = frozenset(
    {"maps", "cards", "accounts", "segments", "needs", "metaphors", "review", "compare", "onboarding"}
)
"""The first folder, or the name, of every page the playbook makes (`registry.generated_pages`; a test keeps
them in step): a file of the docs folder published anywhere else cannot take the place of one."""


def docs_folder(root: Path, config: Mapping[str, object]) -> Path:
    """The docs folder of the site whose mkdocs.yml (read as `config`) lies in `root`: its `docs_dir`, else `docs`."""
    return root / str(config.get("docs_dir") or "docs")


def docs_files(docs_dir: Path) -> dict[str, Path]:
    """The files of the docs folder by path, as MkDocs sees them: without dot files and dot folders."""
    if not docs_dir.is_dir():
        return {}
    files = {}
    for file in sorted(docs_dir.rglob("*")):
        relative = file.relative_to(docs_dir)
        if file.is_file() and not any(part.startswith(".") for part in relative.parts):
            files[relative.as_posix()] = file
    return files


def may_take_a_page(path: str) -> bool:
    """Whether the file at `path` (relative to the docs folder) could be published as a page of the playbook.

    `check` makes the list of every page (as costly as reading the maps) only when one could: a site's
    own docs folder (`index.md`, guides) usually holds none.
    """
    return _key(published_file(path)).split("/", 1)[0].removesuffix(".html") in PAGE_ROOTS


def _key(published: str) -> str:
    """The form in which two published files are one on every file system: one Unicode form, no case."""
    return unicodedata.normalize("NFC", published).casefold()


def clashes(
    pages: Iterable[GeneratedPage], site_files: Mapping[str, str], directory_urls: bool = True
) -> dict[GeneratedPage, str]:
    """The playbook's pages published as the same file as one of `site_files` (docs path: published file),
    each with that file's docs path (the first, in order, when several)."""
    taken: dict[str, str] = {}
    for path, published in site_files.items():
        taken.setdefault(_key(published), path)
    found = {}
    for page in pages:
        other = taken.get(_key(published_file(page.path, directory_urls)))
        if other is not None:
            found[page] = other
    return found


def clash_problem(page: GeneratedPage, docs_file: str, directory_urls: bool = True) -> Problem:
    """The error at the site's own file: it names that file and the page of the playbook it would replace."""
    report = Report(docs_file)
    address = published_file(page.path, directory_urls).removesuffix("index.html") or "/"
    made = (
        phrase("phrase.page_from", source=quoted(page.source))
        if page.source
        else phrase("phrase.page_named", page=quoted(page.path))
    )
    report.error(1, "docs.page_taken", made=made, address=quoted(address))
    return report.problems[0]
