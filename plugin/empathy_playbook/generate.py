"""Every page the plugin makes, written out as ordinary files: the playbook for engines without MkDocs plugins.

Zensical reads mkdocs.yml and has Material's look, but it ignores third-party plugins without a
word. `empathy-playbook generate --out DIR` therefore writes what the plugin would have added to
the site, with the same renderer and templates (one renderer, two ways out):

- `DIR/docs/`: the site's own docs folder, plus every generated page as a Markdown file whose body
  is the page's HTML (raw HTML passes through every Python-Markdown engine untouched), with its
  title, `hide: [toc]` and `search: exclude` in front matter; the meeting cards as HTML files of
  their own; the plugin's stylesheet and script.
- `DIR/mkdocs.yml`: the site's configuration for such an engine: it INHERITs the site's
  mkdocs.yml, points at `DIR/docs`, adds the stylesheet and script, keeps the pages the plugin
  keeps out of the navigation out of it (`not_in_nav`), and asks Zensical for Material's look.

A page is rendered exactly as the plugin renders it, links included (relative to the page's
address; links in a map rewritten as MkDocs rewrites them). Then its links are rebased onto its
source file, which is how Zensical reads every relative link in a page, HTML included (see
`onto_source`). A meeting card, which engines copy as it is, keeps the plugin's links.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from markupsafe import escape

from .addresses import clash_problem, clashes, docs_folder, published_file
from .addresses import docs_files as docs_folder_files
from .extensions import for_maps
from .i18n import Labels
from .messages import Text, phrase
from .model import Problem
from .pages import GeneratedPage, MarkdownConverter, RenderedPage
from .playbook import Playbook
from .registry import generated_pages
from .render import Renderer
from .settings import Settings

ASSETS_DIR = Path(__file__).parent / "assets"
STYLESHEET = "assets/empathy-playbook/empathy-playbook.css"
SCRIPT = "assets/empathy-playbook/empathy-playbook.js"
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
"""What MkDocs always adds to a site's markdown_extensions: maps are converted as on the site."""
HEADER = "# Written by 'empathy-playbook generate'"
"""The first line of the configuration it writes; also how it knows a folder is its own to replace."""


@dataclass(frozen=True)
class Site:
    """What generate needs to know of the site's mkdocs.yml."""

    config_file: Path
    docs_dir: Path
    directory_urls: bool = True
    extensions: Sequence[str | Mapping[str, Any]] = ()
    """`markdown_extensions` as written: names, or one-entry mappings of a name to its options."""
    custom_dir: Path | None = None
    language: str = "en"
    variant: bool = False
    """The site chose a Zensical theme variant itself (otherwise the configuration asks for `classic`)."""

    @classmethod
    def from_config(cls, config_file: Path, data: Mapping[str, Any], language: str) -> Site:
        root = config_file.parent
        theme = data.get("theme") if isinstance(data.get("theme"), Mapping) else {}
        custom_dir = theme.get("custom_dir") if isinstance(theme, Mapping) else None
        extensions = data.get("markdown_extensions") or []
        return cls(
            config_file=config_file,
            docs_dir=docs_folder(root, data),
            directory_urls=data.get("use_directory_urls", True) is not False,
            extensions=extensions if isinstance(extensions, list) else [],
            custom_dir=root / str(custom_dir) if custom_dir else None,
            language=language,
            variant=isinstance(theme, Mapping) and "variant" in theme,
        )

    def page_url(self, path: str) -> str:
        """The address of the page at `path` (`maps/a.md`), as MkDocs and Zensical give it, URL-quoted."""
        stem = path.removesuffix(".md")
        name = posixpath.basename(stem)
        if name in ("index", "README"):
            directory = stem[: -len(name)]
            url = directory if self.directory_urls else f"{directory}index.html"
        else:
            url = f"{stem}/" if self.directory_urls else f"{stem}.html"
        return quote(url)

    def card_url(self, path: str) -> str:
        return self.page_url(path)

    def card_file(self, path: str) -> str:
        """The file of a meeting card: written as HTML, at the address its link points to."""
        url = unquote(self.page_url(path))
        return f"{url}index.html" if url.endswith("/") or not url else url


@dataclass
class Generated:
    problems: list[Problem] = field(default_factory=list)
    """Found while rendering (the reader's problems are the playbook's)."""
    pages: int = 0
    cards: int = 0
    docs_files: int = 0


class GenerateError(Exception):
    """The playbook cannot be written: the output folder is not ours to fill, or an extension will not load."""

    def __init__(self, path: object, text: Text) -> None:
        super().__init__(f"{path}: {text}")
        self.path, self.text = path, text

    def in_language(self, language: str) -> str:
        return f"{self.path}: {self.text.render(language)}"


def generate(
    playbook: Playbook, settings: Settings, site: Site, out: Path, *, root: Path, labels: Labels | None = None
) -> Generated:
    """Write the playbook into `out` (see the module's docstring). Replaces what an earlier run wrote there."""
    result = Generated()
    docs_files = docs_folder_files(site.docs_dir)
    template_dirs = [site.custom_dir] if site.custom_dir and (site.custom_dir / "empathy_playbook").is_dir() else []
    renderer = Renderer(playbook, settings, labels or Labels(site.language), template_dirs)
    pages = []
    standalone = {}
    every_page = generated_pages(renderer)
    clashing, problems = _clashing(every_page, docs_files, site, root)
    result.problems += problems
    for page in every_page:
        if page in clashing:  # the plugin's rule: the site's own file stays, the page is not made
            continue
        if page.standalone:
            standalone[page.path] = page
        else:
            pages.append(page)
    page_urls = {path: site.page_url(path) for path in docs_files if path.endswith(".md")}
    page_urls.update({page.path: site.page_url(page.path) for page in pages})
    page_urls.update({path: site.card_url(path) for path in standalone})
    links = _LinkRewriter(page_urls, docs_files)
    md = _markdown(site, links)
    _prepare(out, site, root)
    docs_out = out / "docs"

    for relative, source in docs_files.items():
        _write_bytes(docs_out / relative, source.read_bytes())
        result.docs_files += 1
    for page in pages:
        here = page_urls[page.path]
        url = functools.partial(_url_from, here, page_urls)
        rendered = page.render(url, _converter(md, links, page.path, here))
        result.problems.extend(rendered.problems)
        _write_text(docs_out / page.path, _markdown_file(rendered, page.searchable, _source_base(page.path, here)))
        result.pages += 1
    for path, page in standalone.items():  # whole documents (meeting cards): engines copy them as they are
        url = functools.partial(_url_from, page_urls[path], page_urls)
        _write_text(
            docs_out / site.card_file(path), page.render(url, _converter(md, links, path, page_urls[path])).html
        )
        result.cards += 1
    for asset in (STYLESHEET, SCRIPT):
        if asset not in docs_files:  # a site's own copy wins, as with the plugin
            _write_bytes(docs_out / asset, (ASSETS_DIR / Path(asset).name).read_bytes())
    not_in_nav = [page.path for page in pages if not page.in_nav]
    _write_text(out / "mkdocs.yml", _config(site, out, not_in_nav))
    return result


def _prepare(out: Path, site: Site, root: Path) -> None:
    """Make `out` empty but for the engine's own output; refuse a folder generate did not write."""
    out_resolved = out.resolve()
    for name, folder in (("what.docs_folder", site.docs_dir), ("what.project_folder", root)):
        folder = folder.resolve()
        if out_resolved == folder or folder.is_relative_to(out_resolved):
            raise GenerateError(out, phrase("generate.out_is_source", folder=phrase(name)))
    if out.exists() and not out.is_dir():
        raise GenerateError(out, phrase("generate.out_not_folder"))
    config = out / "mkdocs.yml"
    if out.is_dir() and any(out.iterdir()):
        written_by_us = config.is_file() and config.read_text(encoding="utf-8", errors="replace").startswith(HEADER)
        if not written_by_us:
            raise GenerateError(out, phrase("generate.out_not_ours"))
        shutil.rmtree(out / "docs", ignore_errors=True)
        config.unlink()
    out.mkdir(parents=True, exist_ok=True)


def _clashing(
    pages: list[GeneratedPage], docs_files: Mapping[str, Path], site: Site, root: Path
) -> tuple[dict[GeneratedPage, str], list[Problem]]:
    """The playbook's pages that a file of the docs folder would replace (addresses.py), and an error for each."""
    site_files = {path: published_file(path, site.directory_urls) for path in docs_files}
    clashing = clashes(pages, site_files, site.directory_urls)
    docs = Path(site.docs_dir.relative_to(root) if site.docs_dir.is_relative_to(root) else site.docs_dir)
    return clashing, [
        clash_problem(page, (docs / path).as_posix(), site.directory_urls) for page, path in clashing.items()
    ]


def docs_clashes(config_file: Path, data: Mapping[str, Any], renderer: Renderer) -> list[Problem]:
    """For `check`: the files of the site's docs folder that take the address of a page of the playbook."""
    site = Site.from_config(config_file, data, renderer.labels.language)
    if not site.docs_dir.is_dir():
        return []
    root = config_file.parent.resolve()
    return _clashing(generated_pages(renderer), docs_folder_files(site.docs_dir), site, root)[1]


def _source_base(path: str, url: str) -> str:
    """Where the page at `path` is published, relative to its source file's folder: `a/` for `maps/a.md`."""
    folder = url[: url.rfind("/") + 1]  # `maps/a/` itself; `maps/` of `maps/a.html`
    source_folder = quote(posixpath.dirname(path))
    base = relative_url(folder, f"{source_folder}/" if source_folder else "")
    return "" if base in (".", "./") else base


_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def onto_source(html: str, base: str) -> str:
    """The page's HTML, made for its address, with its relative links read from its source file instead.

    Zensical (like a Markdown link) reads a relative link in a page as relative to the page's source
    file, and rewrites it for the page's address: `maps/zorg/a.md`, published at `maps/zorg/a/`, gets
    `../../needs/` where the plugin writes `../../../needs/`. `base` is the address seen from the source
    folder (`a/`; empty for an index page, whose folder is its address). Only attributes inside tags are
    touched, never text; links with a scheme, absolute paths and same-page anchors are left as they are.
    """
    if not base:
        return html

    def rebased(match: re.Match[str]) -> str:
        value = match.group(2)
        if not value or value.startswith(("#", "/", "?")) or _SCHEME.match(value):
            return match.group(0)
        cut = min((i for i in (value.find("#"), value.find("?")) if i >= 0), default=len(value))
        path, rest = value[:cut], value[cut:]
        joined = posixpath.normpath(base + path)
        joined = "./" if joined == "." else f"{joined}/" if path.endswith("/") or path in (".", "") else joined
        return f"{match.group(1)}{joined}{rest}{match.group(3)}"

    return _TAG.sub(lambda tag: _LINK.sub(rebased, tag.group(0)), html)


def _url_from(origin: str, page_urls: Mapping[str, str], target: str) -> str:
    """The URL of `target` (a page path, maybe with '#anchor') relative to the page at URL `origin`."""
    path, _, anchor = target.partition("#")
    url = relative_url(page_urls[path], origin) if path in page_urls else path
    return f"{url}#{anchor}" if anchor else url


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other`, both site-relative: MkDocs' get_relative_url, without MkDocs."""
    directory, _, name = other.rpartition("/")
    if "." in name:
        other = directory
    other_parts = _parts(other)
    url_parts = _parts(url)
    common = 0
    for a, b in zip(other_parts, url_parts, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + url_parts[common:]) or "."
    return f"{relative}/" if url.endswith("/") else relative


def _parts(url: str) -> list[str]:
    parts: list[str] = []
    for part in url.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
        else:
            parts.append(part)
    return parts


class _LinkRewriter(Treeprocessor):
    """Links in a map to other pages or files, rewritten as MkDocs rewrites them: `b.md#x` becomes `../b/#x`.

    A link is read relative to the map's place among the site's pages (`maps/<path>.md`); one that
    matches no page or file is left as written, as MkDocs leaves it (`verify` reports it broken).
    """

    def __init__(self, page_urls: Mapping[str, str], files: Mapping[str, Path]) -> None:
        super().__init__()
        self.page_urls = page_urls
        self.files = files
        self.source = ""
        self.url = ""

    def run(self, root: Any) -> None:
        for element in root.iter():
            key = {"a": "href", "img": "src"}.get(element.tag)
            if key and element.get(key):
                element.set(key, self.rewrite(element.get(key)))

    def rewrite(self, url: str) -> str:
        scheme, netloc, path, query, fragment = urlsplit(url)
        if scheme or netloc or not path or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url:
            return url
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), unquote(path))).lstrip("/")
        if target in self.page_urls:
            new = relative_url(self.page_urls[target], self.url)
        elif target in self.files:
            new = relative_url(quote(target), self.url)
        else:
            return url
        return urlunsplit(("", "", new, query, fragment))


def _markdown(site: Site, links: _LinkRewriter) -> markdown.Markdown:
    names: list[str] = list(MKDOCS_BUILTIN_EXTENSIONS)
    configs: dict[str, Any] = {}
    for entry in site.extensions:
        if isinstance(entry, Mapping):
            for name, options in entry.items():
                names.append(str(name))
                if isinstance(options, Mapping):
                    configs[str(name)] = dict(options)
        else:
            names.append(str(entry))
    # Minus the extensions that read files or run code, as the plugin converts maps (extensions.py): a map's
    # `--8<-- ".git/config"` must not publish the checkout through the generated site either. What was left out
    # is not reported: each include directive of a map is already a warning at its line.
    kept, kept_configs, _ = for_maps(list(dict.fromkeys(names)), configs)
    try:
        md = markdown.Markdown(extensions=kept, extension_configs=kept_configs)
    except Exception as error:  # whatever a third-party extension raises: the site's configuration is wrong
        raise GenerateError(site.config_file.name, phrase("generate.extension", error=str(error))) from None
    md.treeprocessors.register(links, "empathy_playbook_links", 0)  # where MkDocs registers its own
    return md


def _converter(md: markdown.Markdown, links: _LinkRewriter, source: str, url: str) -> MarkdownConverter:
    def convert(text: str) -> str:
        links.source, links.url = source, url
        md.reset()
        return md.convert(text)

    return convert


def _markdown_file(rendered: RenderedPage, searchable: bool, base: str) -> str:
    """A page as Markdown: its front matter, then its HTML, which Markdown passes through as it is."""
    # Material (and Zensical) print the title into <title> and the navigation as HTML: escape it, as the plugin does.
    front = [f"title: {json.dumps(str(escape(rendered.title)), ensure_ascii=False)}"]
    if rendered.wide:
        front.append("hide: [toc]")
    if not searchable:
        front.append("search: {exclude: true}")
    return "---\n" + "\n".join(front) + "\n---\n\n" + onto_source(rendered.html, base).strip("\n") + "\n"


def _config(site: Site, out: Path, not_in_nav: Sequence[str]) -> str:
    def relative(path: Path) -> str:
        return Path(posixpath.relpath(path.resolve().as_posix(), out.resolve().as_posix())).as_posix()

    lines = [
        HEADER + " from " + site.config_file.name + "; do not edit: run it again.",
        "# For engines that read mkdocs.yml but run no MkDocs plugins (Zensical): the site's own",
        "# configuration, with the generated docs folder in place of the plugin.",
        f"INHERIT: {json.dumps(relative(site.config_file))}",
        "docs_dir: docs",
        "site_dir: site",
        "theme:",
    ]
    if not site.variant:  # Zensical's own look is `modern`; the playbook's stylesheet is made for Material's
        lines.append("  variant: classic")
    if site.custom_dir:
        lines.append(f"  custom_dir: {json.dumps(relative(site.custom_dir))}")
    lines += ["extra_css:", f"  - {STYLESHEET}", "extra_javascript:", f"  - {SCRIPT}"]
    if not_in_nav:
        lines.append("not_in_nav: |")
        lines += [f"  /{_pattern(path)}" for path in not_in_nav]
    return "\n".join(lines) + "\n"


def _pattern(path: str) -> str:
    """A page path as a gitignore-style pattern that matches it alone."""
    return "".join(f"\\{ch}" if ch in "\\*?[]!#" else ch for ch in path)


def _write_text(file: Path, text: str) -> None:
    _write_bytes(file, text.encode("utf-8"))


def _write_bytes(file: Path, data: bytes) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
