"""The MkDocs adapter: feeds the maps through MkDocs' own pipeline. It coordinates; the rules live in the core."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import markdown
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from .config import EmpathyPlaybookConfig
from .i18n import Labels
from .index_views import IndexViews
from .model import EmpathyMap, Level, Problem
from .playbook import (
    COMPARE_PAGE,
    ONBOARDING_PAGE,
    Account,
    account_page,
    card_page,
    read_playbook,
)
from .render import MarkdownConverter, RenderedPage, Renderer, UrlFor
from .settings import Settings

try:  # MkDocs' own link rewriting, so that links in a map work as in any page (private, but frozen in 1.6).
    from mkdocs.structure.pages import _RelativePathTreeprocessor
except ImportError:  # pragma: no cover
    _RelativePathTreeprocessor = None  # type: ignore[assignment,misc]

# Not get_plugin_logger(): its "[empathy-playbook]" prefix would break the `path:line: message` contract.
log = logging.getLogger("mkdocs.plugins.empathy_playbook")

STYLESHEET = "assets/empathy-playbook/empathy-playbook.css"
SCRIPT = "assets/empathy-playbook/empathy-playbook.js"
_ASSETS = Path(__file__).parent / "assets"

PageRenderer = Callable[[UrlFor, MarkdownConverter], RenderedPage]


class EmpathyPlaybookPlugin(BasePlugin[EmpathyPlaybookConfig]):
    def __init__(self) -> None:
        self._pages: dict[str, PageRenderer] = {}
        self._cards: dict[str, tuple[EmpathyMap, str]] = {}
        self._search_html: dict[str, str] = {}
        self._full_html: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.settings = Settings.from_options(self.config.options())
        self.labels = Labels(config.theme.get("language") or "en")
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(SCRIPT)
        return config

    # Late, so that files added by other plugins (mkdocs-gen-files, ...) exist when we check for name clashes.
    @event_priority(-50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self._files = files
        playbook = read_playbook(self.root, self.settings)
        for problem in playbook.all_problems:
            _report(problem)
        overrides = [Path(d) for d in config.theme.dirs if (Path(d) / "empathy_playbook").is_dir()]
        renderer = Renderer(playbook, self.settings, self.labels, overrides)
        # One Markdown instance per build, with the site's extensions, reset between conversions.
        self._markdown = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

        self._pages = {}
        # mkdocs-material renders the whole navigation into every page: with every map in it, the build
        # grows with the square of the number of maps. Above the limit the overview leads to them instead.
        in_nav = len(playbook.maps) <= self.settings.nav_max_maps
        for m in playbook.maps:
            render = functools.partial(_render_map, renderer, m)
            self._add_page(
                files, config, m.page_path, render, InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            )
        for index in IndexViews(renderer).pages():
            self._add_page(
                files,
                config,
                index.path,
                functools.partial(_render_index, index.render),
                InclusionLevel.UNDEFINED if index.in_nav else InclusionLevel.NOT_IN_NAV,
            )
        for account in renderer.accounts:
            render = functools.partial(_render_account, renderer, account)
            self._add_page(files, config, account_page(account.slug), render, InclusionLevel.NOT_IN_NAV)
        self._add_page(files, config, ONBOARDING_PAGE, lambda url, convert: renderer.onboarding_page(url))
        self._add_page(
            files, config, COMPARE_PAGE, lambda url, convert: renderer.compare_page(url), InclusionLevel.NOT_IN_NAV
        )
        # Meeting cards are standalone documents, written after the build (see Renderer.card_page).
        self._cards = {card_page(m): (m, _card_url(m, config)) for m in playbook.maps}
        self._renderer = renderer
        for asset in (STYLESHEET, SCRIPT):
            if files.get_file_from_path(asset) is None:  # a site's own copy wins
                files.append(File.generated(config, asset, abs_src_path=str(_ASSETS / Path(asset).name)))
        return files

    def _add_page(
        self,
        files: Files,
        config: MkDocsConfig,
        path: str,
        render: PageRenderer,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> None:
        existing = files.get_file_from_path(path)
        if existing is not None:
            log.error(f"{existing.src_uri}: the empathy-playbook plugin publishes its own page here; rename this file")
            return
        # Empty on purpose: the page's HTML is made in on_page_content, from the map read once in on_files.
        files.append(File.generated(config, path, content="", inclusion=inclusion))
        self._pages[path] = render

    # Early, so that other plugins' page_content handlers see the map's HTML, not the empty stand-in.
    @event_priority(50)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        render = self._pages.get(page.file.src_uri)
        if render is None:
            return None
        anchors: set[str] = set()
        rendered = render(
            functools.partial(_url_from, page.url, files, self._cards),
            self._converter(page, files, config, anchors),
        )
        for problem in rendered.problems:
            _report(problem)
        # mkdocs-material prints page.meta.title into <title> unescaped; nav and search take it as HTML too.
        page.meta = {**page.meta, "title": escape(rendered.title)}
        if rendered.wide:  # mkdocs-material's front matter switch; the grid is the page's own outline
            page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
        if not rendered.searchable:  # read by the search plugins of MkDocs and mkdocs-material
            page.meta["search"] = {"exclude": True}
        page.toc = get_toc(
            [
                {"level": 2, "id": heading.id, "name": str(escape(heading.title)), "children": []}
                for heading in rendered.headings
            ]
        )
        page.present_anchor_ids = anchors | rendered.anchors | {heading.id for heading in rendered.headings}
        if rendered.search_html is not None:
            self._search_html[page.file.src_uri] = rendered.search_html
        return rendered.html

    # Before the search plugins (priority 0) read page.content, and after them: they index the map's
    # plain text; the theme then renders the full page. See RenderedPage.search_html.
    @event_priority(50)
    def _give_search_the_plain_text(self, context: TemplateContext, page: Page, **kwargs: Any) -> None:
        if page.file.src_uri in self._search_html:
            self._full_html[page.file.src_uri] = page.content or ""
            page.content = self._search_html.pop(page.file.src_uri)

    @event_priority(-50)
    def _give_the_theme_the_full_page(self, context: TemplateContext, page: Page, **kwargs: Any) -> None:
        if page.file.src_uri in self._full_html:
            page.content = self._full_html.pop(page.file.src_uri)

    on_page_context = CombinedEvent(_give_search_the_plain_text, _give_the_theme_the_full_page)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        for m, card_url in self._cards.values():
            url = functools.partial(_url_from, card_url, self._files, self._cards)
            target = Path(config.site_dir) / (card_url + "index.html" if card_url.endswith("/") else card_url)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self._renderer.card_page(m, url).html, encoding="utf-8")

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> None:
        if self.config.enabled:
            server.watch(str(self.root / self.settings.maps_dir))

    def _converter(self, page: Page, files: Files, config: MkDocsConfig, anchors: set[str]) -> MarkdownConverter:
        md = self._markdown
        if _RelativePathTreeprocessor is not None:
            _RelativePathTreeprocessor(page.file, files, config)._register(md)

        def convert(source: str) -> str:
            md.reset()
            html = md.convert(source)
            anchors.update(_ids(getattr(md, "toc_tokens", [])))
            return html

        return convert


def _render_map(renderer: Renderer, m: EmpathyMap, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
    return renderer.map_page(m, convert, url)


def _render_index(render: Callable[[UrlFor], RenderedPage], url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
    return render(url)


def _render_account(renderer: Renderer, account: Account, url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
    return renderer.account_page(account, url, convert)


def _card_url(m: EmpathyMap, config: MkDocsConfig) -> str:
    stem = card_page(m).removesuffix(".md")
    return f"{stem}/" if config.use_directory_urls else f"{stem}.html"


def _report(problem: Problem) -> None:
    (log.error if problem.level is Level.ERROR else log.warning)(str(problem))


def _url_from(origin: str, files: Files, cards: dict[str, tuple[EmpathyMap, str]], target: str) -> str:
    """The URL of `target` (a page path, maybe with '#anchor') relative to the page at URL `origin`."""
    path, _, anchor = target.partition("#")
    file = files.get_file_from_path(path)
    if file is not None:
        url = get_relative_url(file.url, origin)
    elif path in cards:
        url = get_relative_url(cards[path][1], origin)
    else:
        url = path
    return f"{url}#{anchor}" if anchor else url


def _ids(tokens: Iterable[dict[str, Any]]) -> Iterable[str]:
    for token in tokens:
        yield token["id"]
        yield from _ids(token.get("children", []))
