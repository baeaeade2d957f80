"""The MkDocs adapter: feeds the maps through MkDocs' own pipeline. It coordinates; the rules live in the core."""

from __future__ import annotations

import dataclasses
import functools
import gc
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

import jinja2
import markdown
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from .addresses import clash_problem, clashes
from .config import EmpathyPlaybookConfig
from .discovery import MapCache, maps_folder_problem, read_playbook
from .extensions import for_maps
from .i18n import Labels
from .messages import language_of, say
from .model import Level, Problem, quoted
from .onboarding import check_onboarding, onboarding_lines
from .options import PluginOptions
from .pages import GeneratedPage, MarkdownConverter, PageKind, RenderedPage, UrlFor
from .plain_markdown import only_safe_extensions, simple_html
from .publishing import (
    ROBOTS_META,
    ROBOTS_TXT,
    SHIPPED_FONTS,
    add_to_head,
    content_security_policy,
    csp_meta,
    external_loads,
    external_settings,
    line_of,
)
from .rebuild import TemplateCache, page_keys, remove_stale
from .registry import generated_pages
from .render import Renderer
from .search_index import BUNDLE_DIR, FACETS, IndexStopped, SearchIndexError, index_site, mark_searchable
from .settings import Settings
from .spool import Spool
from .theme_frames import ThemeFrames

try:  # MkDocs' own link rewriting, so that links in a map work as in any page (private, but frozen in 1.6).
    from mkdocs.structure.pages import _RelativePathTreeprocessor
except ImportError:  # pragma: no cover
    _RelativePathTreeprocessor = None  # type: ignore[assignment,misc]

# Not get_plugin_logger(): its "[empathy-playbook]" prefix would break the `path:line: message` contract.
log = logging.getLogger("mkdocs.plugins.empathy_playbook")

STYLESHEET = "assets/empathy-playbook/empathy-playbook.css"
SCRIPT = "assets/empathy-playbook/empathy-playbook.js"
SEARCH_STYLESHEET = "assets/empathy-playbook/search.css"
SEARCH_SCRIPT = "assets/empathy-playbook/search.js"
FONTS = "assets/empathy-playbook/fonts/"
FONT_STYLESHEET = FONTS + "fonts.css"
ROBOTS_TXT_PATH = "robots.txt"
_ASSETS = Path(__file__).parent / "assets"
# The header's search box for Pagefind (partials/search.html), put before the theme's own templates.
_THEME_TEMPLATES = Path(__file__).parent / "templates" / "theme"
_THEME_SEARCH_PLUGINS = ("material/search", "search")


class EmpathyPlaybookPlugin(BasePlugin[EmpathyPlaybookConfig]):
    """The MkDocs adapter: the playbook's generated pages as pages of a MkDocs site.

    Its events, in the order MkDocs fires them (with `enabled: false` none of them does anything):

    - `on_startup`: notes whether this is `mkdocs serve` (its live-reload script needs no policy; the
      compiled templates are kept between rebuilds; Pagefind runs in the background) and whether the
      build is `--dirty` (then each generated page is written only when its inputs changed, rebuild.py).
    - `on_pre_build`: under `mkdocs serve`, stops Pagefind if it still indexes the last build's site.
    - `on_config`: the options, validated already by `config.py` with the core's readers, become
      `self.options` (the contract, `options.PluginOptions`) and the core's settings; a maps folder
      inside `docs_dir` or outside the project stops the build. The stylesheet, script and (unless
      the site chose other fonts) the shipped fonts are added to the site; settings that load from
      other hosts are warned about; with Pagefind, the header's search box is ours.
    - `on_files` (priority -50, late, so that files other plugins add, such as mkdocs-gen-files',
      exist when it checks for clashes): reads every map once, logs each problem as
      `path:line: message`, and adds one empty generated file per page of the registry
      (`registry.generated_pages`), in one loop; standalone pages (meeting cards) are only
      remembered, for `on_env`. It also adds the plugin's assets and, unless `indexable`, a
      robots.txt, each only where the site has no file of its own.
    - `on_nav` (with `--dirty`): when what every page shows besides its own content changed (the
      navigation with its pages' titles, mkdocs.yml, the theme's custom_dir), every page is written.
    - `on_page_content` (priority 50, early, so that other plugins' handlers see the page, not the
      empty stand-in): renders the page with the site's Markdown (`markdown_extensions`, minus those
      that read files or run code, and MkDocs' link rewriting) and sets its title, table of contents
      and anchors. At -100, after every other plugin's handler, it keeps the page's HTML out of
      memory (compressed, in a temporary file: `spool.py`) until MkDocs writes the page (MkDocs reads
      every page before it writes one: the generated pages would all be in memory at once), and gives a generated page outside the navigation our
      stand-in template (MkDocs picks the template before on_page_context).
    - `on_env` (MkDocs fires it once it has read every page, before it writes one): writes the
      standalone pages into the site folder (they get the same policy), then lets go of the parsed
      playbook, which no later step needs (see `_finish_with_the_playbook`); turns Jinja's check of
      every template file at every render off (one build reads them once); adds the stand-in template
      of the framed pages (below); with Pagefind, gives the header's search box its labels and facets;
      with `--dirty`, gives the pages not written their titles for the navigation.
    - `on_page_context`, three times: at priority 100, first, it puts the page's HTML (and its own
      template in its meta) back; at 50,
      before the search plugins (priority 0) read `page.content`, it swaps in the map's plain text
      for the theme's index; at -50, after them, it puts the full page back for the theme. See
      `RenderedPage.search_html`. With Pagefind the second instead notes which pages Pagefind may
      index and hides every page from the theme's own search plugin (`search: exclude`).
    - The stand-in template, when MkDocs renders a page with it (after every on_page_context, with the
      page's final context), renders the theme's own template through `frames.Frames` (theme_frames.py): once per group of
      alike pages with stand-ins for the page's own parts, then each page as that frame with its parts.
    - `on_post_page` and `on_post_template` (priority -100, last, so that the policy covers what
      other plugins added): marks the searchable pages' content for Pagefind; every page gets the
      noindex meta (unless `indexable`) and its own Content-Security-Policy, and loads from other
      hosts are warned about (see `publishing.py`).
    - `on_post_build`: with `--dirty`, removes what the last build wrote and this one has not; notes
      the pages as written (for the next `--dirty` build), then, at priority -100 (after every other
      plugin has written its files), runs Pagefind over the built site (under `mkdocs serve` in the
      background, so that the saved page is on screen first) and removes the theme's empty index.
    - `on_build_error`: removes the file of the pages that wait to be written (spool.py).
    - `on_serve`: watches the maps folder, so that `mkdocs serve` rebuilds on every edit.
    - `on_shutdown`: stops a Pagefind run still going.
    """

    def __init__(self) -> None:
        self.options = PluginOptions(enabled=False)
        """The options as the core's contract, read in `on_config` (until then: do nothing)."""
        self._pages: dict[str, GeneratedPage] = {}
        """The theme pages of this build by path."""
        self._standalone: dict[str, tuple[GeneratedPage, str]] = {}
        """The standalone pages of this build by path, with their URL."""
        self._search_html: dict[str, str] = {}
        self._waiting = Spool()
        """Generated pages' HTML, from on_page_content until on_page_context: out of memory (spool.py)."""
        self._waiting_search = Spool()
        """Their plain text for the theme's search, likewise."""
        self._full_html: dict[str, str] = {}
        self._pagefind = False
        self._searchable: set[str] = set()
        """Pages Pagefind indexes: not excluded from search by the playbook or by their front matter."""
        self._searchable_files: set[str] = set()
        """Their files in the site (dest_uri): Pagefind reads only the folders that hold them."""
        self._rendered = 0
        self._search_meta: dict[str, Any] = {}
        self._index_error = ""
        self._serving = False
        self._serve_fonts = False
        self._explained: tuple[str, ...] = ()
        self._reported: set[str] = set()
        self._map_sources: dict[str, str] | None = None
        self._sources: dict[str, str] = {}
        """The file of each map page (page path -> the map's path from the project root)."""
        self._map_cache = MapCache()
        """Parsed maps, kept from one build to the next: `mkdocs serve` re-reads only the maps that changed
        (MkDocs keeps a plugin with an on_startup method for the whole serve)."""
        self._renderer: Renderer | None = None
        """The playbook being built, from on_files until every page is rendered (see _finish_with_the_playbook)."""
        self._facet_labels: dict[str, str] = {}
        self._templates = TemplateCache()
        """Compiled templates, kept from one rebuild of `mkdocs serve` to the next (rebuild.py)."""
        self._frames = ThemeFrames(Files([]))
        """The generated pages outside the navigation, rendered from frames of the theme's chrome (theme_frames.py)."""
        self._dirty = False
        self._built_keys: dict[str, str] = {}
        """With --dirty: the key of each generated page's inputs when it was last written (rebuild.py)."""
        self._keys: dict[str, str] = {}
        self._written: set[str] = set()
        """With --dirty: the files (paths in the site) the last build had, to remove those the next one has not."""
        self._indexing: threading.Thread | None = None
        """Under `mkdocs serve`: Pagefind indexing the site of the last build, in the background."""
        self._stop_indexing = threading.Event()
        self._shape = ""
        self._built_shape = ""
        """With --dirty: what every page shows besides its own content (the site's configuration and
        templates, the navigation with each page's title), now and when the last build was written."""
        self._meta: dict[str, dict[str, Any]] = {}
        """Each generated page's meta (its title) as last rendered: with --dirty, for the pages not rendered again."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` injects its live-reload script into every page: a per-page policy would block it.
        self._serving = command == "serve"
        self._dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.options = self.config.options()
        if not self.options.enabled:
            return None
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.settings = Settings.from_options(self.options)
        if problem := maps_folder_problem(self.root, self.settings.maps_dir, Path(config.docs_dir)):
            language = language_of(config.theme.get("language"))
            raise PluginError(f"empathy-playbook: {problem.render(language)}")
        self.labels = Labels(config.theme.get("language") or "en")
        self._serve_fonts = _serve_fonts_here(config)
        if self._serve_fonts and FONT_STYLESHEET not in config.extra_css:
            config.extra_css.append(FONT_STYLESHEET)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        found = external_settings(
            config.theme.get("font"),
            config.extra,
            [str(css) for css in config.extra_css],
            [str(script) for script in config.extra_javascript],
            config.repo_url or "",
        )
        self._explained = tuple(prefix for setting in found for prefix in setting.prefixes)
        if not self.settings.allow_external:
            name = Path(config.config_file_path or "mkdocs.yml").name
            for setting in found:
                log.warning(
                    say(
                        "external.setting",
                        self.labels.language,
                        path=name,
                        setting=setting.setting,
                        what=setting.what,
                    )
                )
        if SCRIPT not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(SCRIPT)
        self._pagefind = self.settings.search == "pagefind" and self._use_pagefind(config)
        return config

    def _use_pagefind(self, config: MkDocsConfig) -> bool:
        """Set the site up for Pagefind: the search box in the header opens its results, the theme indexes nothing.

        The theme's search plugin stays: mkdocs-material puts the search box in the header only when it is
        there. It builds no index, since every page reaches it marked `search: exclude` (see
        _exclude_from_the_theme_search); what it still writes is removed after the build.
        """
        if not any(name in config.plugins for name in _THEME_SEARCH_PLUGINS):
            log.info("empathy-playbook: no search plugin in mkdocs.yml, so the site has no search box; not indexing")
            return False
        dirs = config.theme.dirs
        # Before the theme's own partials/search.html (the last folder that has one), after a custom_dir.
        own = [i for i, folder in enumerate(dirs) if (Path(folder) / "partials" / "search.html").is_file()]
        if str(_THEME_TEMPLATES) not in dirs:
            dirs.insert(own[-1] if own else 0, str(_THEME_TEMPLATES))
        for folder in dirs[: dirs.index(str(_THEME_TEMPLATES))]:
            override = Path(folder) / "partials" / "search.html"
            if override.is_file() and 'data-md-component="search"' in override.read_text(encoding="utf-8"):
                log.warning(say("search.override", self.labels.language, path=_relative(override, self.root)))
        for stylesheet in (SEARCH_STYLESHEET,):
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        if SEARCH_SCRIPT not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(SEARCH_SCRIPT)
        return True

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if not self.options.enabled:
            return None
        self._finish_with_the_playbook(config)
        # A build renders each template file as it was when the build began: without this, Jinja checks the
        # file's modification time at every include and import, some 20 stat() calls per page. `mkdocs serve`
        # makes a new environment for every rebuild, so edited templates still show.
        env.auto_reload = False
        if self._serving:
            env.bytecode_cache = self._templates
        self._frames.install(env)
        if self._dirty:
            self._read_titles_of_pages_not_written(config, files)
        if not self._pagefind:
            return env
        labels = {key.removeprefix("search."): self.labels[key] for key in _SEARCH_LABELS}
        env.globals["empathy_search"] = {
            "bundle": f"{BUNDLE_DIR}/",
            "labels": {**labels, "facets": [[facet, self._facet_labels[facet]] for facet in FACETS]},
        }
        return env

    def _read_titles_of_pages_not_written(self, config: MkDocsConfig, files: Files) -> None:
        """With --dirty, MkDocs reads only the pages it writes again: the others would have no title, and the
        navigation of the pages it writes would show 'None' for them. A generated page keeps its title (and
        meta) from the build that wrote it; the site's own pages are read and converted for theirs."""
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is not None:
                continue
            if file.src_uri in self._pages:
                page.markdown = ""
                page.meta = dict(self._meta.get(file.src_uri, {}))
            else:
                page.read_source(config)
                page.render(config, files)

    @event_priority(-50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.options.enabled:
            return None
        self._files = files
        self._frames = ThemeFrames(files)
        self._rendered, self._searchable, self._searchable_files = 0, set(), set()
        config_file = Path(config.config_file_path or "mkdocs.yml")
        playbook = read_playbook(self.root, self.settings, config_path=config_file.name, cache=self._map_cache)
        playbook.problems.extend(
            check_onboarding(playbook, self.settings, config_file.name, onboarding_lines(config_file.resolve()))
        )
        # The file of each map page, from the project root: its "edit this page" link opens the map itself.
        self._sources = {m.page_path: m.path for m in playbook.maps}
        for problem in playbook.all_problems:
            _report(problem, self.labels.language)
        overrides = [Path(d) for d in config.theme.dirs if (Path(d) / "empathy_playbook").is_dir()]
        renderer = self._renderer = Renderer(playbook, self.settings, self.labels, overrides)
        if self._serving:
            renderer.env.bytecode_cache = self._templates
        # One Markdown instance per build, with the site's extensions, reset between conversions.
        # Minus those that read files or run code: a map must not publish the checkout (extensions.py).
        extensions, configs, left_out = for_maps(config.markdown_extensions, config.mdx_configs)
        if left_out:
            log.info(f"empathy-playbook: maps are converted without {', '.join(left_out)}")
        self._markdown = markdown.Markdown(extensions=extensions, extension_configs=configs)
        # Plain paragraphs and lists (most of a map) are made without Python-Markdown when none of the
        # site's extensions would change them: the same HTML for a fraction of the cost.
        self._plain_fast = only_safe_extensions(config.markdown_extensions)
        self._pages, self._standalone = {}, {}
        self._waiting.close()  # a build that failed may have left some
        self._waiting_search.close()
        pages = generated_pages(renderer)
        # With --dirty, MkDocs writes only the pages whose file says it changed: a generated page changed when its inputs did.
        self._keys = page_keys(renderer, pages, self._map_cache.stamp, _site_key(config)) if self._dirty else {}
        site_files = {file.src_uri: file.dest_uri for file in files}
        clashing = clashes(pages, site_files, config.use_directory_urls)
        docs = _relative(Path(config.docs_dir), self.root)
        for page in pages:
            if page in clashing:  # the site's own file stays; the playbook's page is not made
                _report(
                    clash_problem(page, f"{docs}/{clashing[page]}", config.use_directory_urls), self.labels.language
                )
            elif page.standalone:
                self._standalone[page.path] = (page, _standalone_url(page, config))
            else:
                self._add_page(files, config, page)
        shipped = (STYLESHEET, SCRIPT, SEARCH_STYLESHEET, SEARCH_SCRIPT) if self._pagefind else (STYLESHEET, SCRIPT)
        assets = {asset: _ASSETS / Path(asset).name for asset in shipped}
        if self._serve_fonts:
            assets.update({FONTS + font.name: font for font in sorted((_ASSETS / "fonts").iterdir())})
        for asset, source in assets.items():
            if files.get_file_from_path(asset) is None:  # a site's own copy wins
                files.append(File.generated(config, asset, abs_src_path=str(source)))
        if not self.settings.indexable and files.get_file_from_path(ROBOTS_TXT_PATH) is None:
            files.append(File.generated(config, ROBOTS_TXT_PATH, content=ROBOTS_TXT))
        self._reported = set()
        self._map_sources = None
        if self._pagefind:
            for file in files:
                if file.dest_uri.startswith(f"{BUNDLE_DIR}/"):
                    log.error(say("search.bundle_taken", self.labels.language, path=file.src_uri, folder=BUNDLE_DIR))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.options.enabled or not self._dirty:
            return None
        self._shape = repr((_site_key(config), _template_stamps(config), self._navigation(nav.items, config, files)))
        if self._shape != self._built_shape:
            # Every page shows the navigation and the site's settings: MkDocs' --dirty would leave the
            # pages it does not write with the old ones (a page added, deleted or retitled, mkdocs.yml edited).
            for file in files.documentation_pages():
                file.is_modified = _always  # type: ignore[method-assign]
        return None

    def _navigation(self, items: Iterable[StructureItem], config: MkDocsConfig, files: Files) -> list[object]:
        """The navigation as every page shows it: its sections and links, each page's address and title."""
        shape: list[object] = []
        for item in items:
            if isinstance(item, Page):
                shape.append((item.url, self._title_in_navigation(item, config, files)))
            elif isinstance(item, Section):
                shape.append((item.title, self._navigation(item.children, config, files)))
            elif isinstance(item, Link):
                shape.append((item.title, item.url))
        return shape

    def _title_in_navigation(self, page: Page, config: MkDocsConfig, files: Files) -> object:
        generated = self._pages.get(page.file.src_uri)
        if generated is not None:
            # An index's title is a label (the configuration is in the shape); a map's is in its key.
            return self._keys.get(generated.path, "") if generated.kind is PageKind.MAP else ""
        if page.markdown is None:
            # A page of the site's own: its title as MkDocs finds it (the nav, its meta, its first heading).
            # MkDocs reads it again when it writes it; the others keep it (see on_env).
            page.read_source(config)
            page.render(config, files)
        return page.title

    def _url_for(self, origin: str) -> UrlFor:
        """The relative URL of any page path from the page at URL `origin`, each answer computed once per page.

        The answers live as long as the page's render: kept for the whole build, the links of every page
        (some 20 MB at 5000 maps) would stay in memory to its end, and no other page asks from `origin`.
        """
        urls: dict[str, str] = {}
        files, standalone = self._files, self._standalone

        def url(target: str) -> str:
            found = urls.get(target)
            if found is None:
                found = urls[target] = _url_from(origin, files, standalone, target)
            return found

        return url

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if self.options.enabled and page.file.src_uri in self._pages:
            # MkDocs would build a Markdown instance with every extension to convert the empty stand-in;
            # on_page_content renders the page instead.
            page.render = functools.partial(_render_nothing, page)  # type: ignore[method-assign]
        return page

    def _add_page(self, files: Files, config: MkDocsConfig, page: GeneratedPage) -> None:
        # Empty on purpose: the page's HTML is made in on_page_content, from the map read once in on_files.
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = _GeneratedFile.generated(config, page.path, content="", inclusion=inclusion)
        if isinstance(file, _GeneratedFile):
            file.unchanged = self._unchanged(page.path)
        files.append(file)
        self._pages[page.path] = page

    def _unchanged(self, path: str) -> bool:
        """With --dirty: the page was written by an earlier build from the same inputs."""
        return path in self._keys and self._built_keys.get(path) == self._keys[path]

    # Early, so that other plugins' page_content handlers see the map's HTML, not the empty stand-in.
    @event_priority(50)
    def _render_generated_page(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        generated = self._pages.get(page.file.src_uri)
        if generated is None:
            return None
        anchors: set[str] = set()
        rendered = generated.render(self._url_for(page.url), self._converter(page, files, config, anchors))
        for problem in rendered.problems:
            _report(problem, self.labels.language)
        if page.file.src_uri in self._sources:
            page.edit_url = _edit_url(config, self.root, self._sources[page.file.src_uri])
        # mkdocs-material prints page.meta.title into <title> unescaped; nav and search take it as HTML too.
        page.meta = {**page.meta, "title": escape(rendered.title)}
        if rendered.wide:  # mkdocs-material's front matter switch; the grid is the page's own outline
            page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
        if not generated.searchable:  # read by the search plugins of MkDocs and mkdocs-material
            page.meta["search"] = {"exclude": True}
        page.toc = get_toc(
            [
                {"level": 2, "id": heading.id, "name": str(escape(heading.title)), "children": []}
                for heading in rendered.headings
            ]
        )
        page.present_anchor_ids = anchors | rendered.anchors | {heading.id for heading in rendered.headings}
        self._meta[page.file.src_uri] = dict(page.meta)
        if rendered.search_html is not None and not self._pagefind:
            self._search_html[page.file.src_uri] = rendered.search_html
        return rendered.html

    # Last, after every other plugin's page_content handler has seen (and maybe changed) the page.
    @event_priority(-100)
    def _pack_generated_page(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Keep a generated page's HTML out of memory until MkDocs writes it: MkDocs reads every page before it
        writes any, and the playbook's pages (indexes, accounts) would otherwise all sit in memory at once
        (some 36 MB at 5000 maps even compressed, as they were kept before)."""
        uri = page.file.src_uri
        if uri not in self._pages:
            return None
        if not self._pages[uri].in_nav:
            self._frames.use_stand_in(page)  # its own template is back in place for on_page_context
        search = self._search_html.pop(uri, None)
        self._waiting.put(uri, html)
        if search is not None:
            self._waiting_search.put(uri, search)
        return ""

    on_page_content = CombinedEvent(_render_generated_page, _pack_generated_page)

    # First, before any other plugin's page_context handler reads the page.
    @event_priority(100)
    def _unpack_generated_page(self, /, context: TemplateContext, page: Page, **kwargs: Any) -> None:
        self._frames.restore_template(page)
        html = self._waiting.take(page.file.src_uri)
        if html is not None:
            page.content = html
            search = self._waiting_search.take(page.file.src_uri)
            if search is not None:
                self._search_html[page.file.src_uri] = search

    # Before the search plugins (priority 0) read page.content, and after them: they index the map's
    # plain text; the theme then renders the full page. See RenderedPage.search_html.
    @event_priority(50)
    def _give_search_the_plain_text(self, /, context: TemplateContext, page: Page, **kwargs: Any) -> None:
        uri = page.file.src_uri
        if self._pagefind:
            self._exclude_from_the_theme_search(page)
        elif uri in self._search_html:
            self._full_html[uri] = page.content or ""
            page.content = self._search_html.pop(uri)
        elif uri in self._pages and not self._pages[uri].searchable:
            # The search plugin skips the page, yet scans all of its HTML for attributes of its own
            # (data-search-*), which no generated page has: it gets nothing to scan.
            self._full_html[uri] = page.content or ""
            page.content = ""

    def _exclude_from_the_theme_search(self, page: Page) -> None:
        """Note whether Pagefind should index the page, then hide it from the theme's search (which runs next).

        `search: exclude` in a page's meta is the theme's own switch (mkdocs-material's and MkDocs'):
        with it on every page the theme's search plugin skips each page at once and its index stays empty.
        """
        uri = page.file.src_uri
        self._rendered += 1
        search = page.meta.get("search")
        if not (isinstance(search, dict) and search.get("exclude")):
            self._searchable.add(uri)
            self._searchable_files.add(page.file.dest_uri)
        self._search_meta[uri] = search
        page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}

    @event_priority(-50)
    def _give_the_theme_the_full_page(self, /, context: TemplateContext, page: Page, **kwargs: Any) -> None:
        if page.file.src_uri in self._full_html:
            page.content = self._full_html.pop(page.file.src_uri)
        if page.file.src_uri in self._search_meta:  # the page's own meta again, for the templates
            search = self._search_meta.pop(page.file.src_uri)
            if search is None:
                page.meta.pop("search", None)
            else:
                page.meta["search"] = search

    on_page_context = CombinedEvent(_unpack_generated_page, _give_search_the_plain_text, _give_the_theme_the_full_page)

    # Last, so that the policy covers what other plugins added to the page.
    @event_priority(-100)
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        if not self.options.enabled:
            return None
        if self._pagefind and page.file.src_uri in self._searchable:
            output = mark_searchable(output)
        self._look_for_external_loads(output, page.file.src_uri, page.file.abs_src_path)
        if page.file.src_uri in self._pages:
            # Written now; MkDocs would keep every page's HTML until the build ends (the peak of its memory).
            page.content = ""
        return self._private(output, robots=True)

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str | None:
        if not self.options.enabled or not template_name.endswith(".html"):  # 404.html; not sitemap.xml
            return None
        self._look_for_external_loads(output_content, template_name, None)
        return self._private(output_content, robots=True)

    @event_priority(-100)  # after every other plugin has written its files, the theme's search plugin's included
    def _index_for_search(self, config: MkDocsConfig) -> None:
        if not self.options.enabled or not self._pagefind:
            return
        site = Path(config.site_dir)
        theme_index = site / "search" / "search_index.json"  # empty (every page was excluded); not needed
        theme_index.unlink(missing_ok=True)
        if theme_index.parent.is_dir() and not any(theme_index.parent.iterdir()):
            theme_index.parent.rmdir()
        # A build that rendered only some pages (mkdocs serve --dirty) has not seen them all: read every folder.
        complete = self._rendered >= len(self._files.documentation_pages())
        pages = self._searchable_files if complete else None
        language = str(config.theme.get("language") or "en")
        if self._serving:
            # The edited page goes on screen now; its search results follow when Pagefind is done (about 1.5 s
            # at 1000 maps). The next rebuild stops it first (on_pre_build): it writes where Pagefind reads.
            self._indexing = threading.Thread(target=self._index, args=(site, language, pages), daemon=True)
            self._indexing.start()
        elif not self._index(site, language, pages):
            raise PluginError(f"empathy-playbook: {self._index_error}")

    def _index(self, site: Path, language: str, pages: set[str] | None) -> bool:
        try:
            report = index_site(site, language, pages=pages, stop=self._stop_indexing if self._serving else None)
        except IndexStopped:  # the site is being made again; so is its index
            return True
        except SearchIndexError as error:
            self._index_error = say("search.failed", self.labels.language, error=str(error))
            if self._serving:  # the server goes on serving; the message is in its log
                log.error(self._index_error)
            return False
        log.info(
            f"empathy-playbook: Pagefind indexed {report.pages} pages ({report.language}) in {report.seconds:.2f} s"
        )
        return True

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._stop_the_index()

    def on_shutdown(self) -> None:
        self._stop_the_index()

    def _stop_the_index(self) -> None:
        """End Pagefind's run over the last build's site, if it is still going."""
        if self._indexing is not None:
            self._stop_indexing.set()
            self._indexing.join()
            self._indexing = None
            self._stop_indexing.clear()

    def _finish_with_the_playbook(self, config: MkDocsConfig) -> None:
        """Write the standalone pages, then let go of the parsed playbook: MkDocs fires on_env when it has read
        (and this plugin rendered) every page of the site, before it writes any.

        The maps, their items and the indexes built from them (some 100 MB at 5000 maps) are needed by no
        later step: MkDocs writes the pages it holds, the search plugins index them. Let go here, they are
        not in memory while the theme renders every page and the search plugin builds its index, the peak of
        a build. Only the pages' paths and kinds stay; `mkdocs serve` keeps the map cache for the next build.
        """
        self._write_standalone_pages(config)
        if self._renderer is not None:
            self._facet_labels = self._renderer.facet_labels()
        self._renderer = None
        self._pages = {path: dataclasses.replace(page, render=_rendered_already) for path, page in self._pages.items()}
        self._standalone = {
            path: (dataclasses.replace(page, render=_rendered_already), url)
            for path, (page, url) in self._standalone.items()
        }
        if not self._serving:  # a build, not a serve: no next build reads the maps again
            self._map_cache = MapCache()
        # The renderer and its Jinja environment refer to each other: without a collection now, they and the
        # maps would wait for Python's next full collection, which may come only after the peak.
        gc.collect()

    def _write_standalone_pages(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        for page, page_url in self._standalone.values():
            target = site / _standalone_file(page_url)
            if self._unchanged(page.path) and target.is_file():
                continue
            url = self._url_for(page_url)
            # Standalone pages hold no Markdown of their own: nothing to convert.
            html = page.render(url, _no_markdown).html  # its robots meta is the template's own
            self._look_for_external_loads(html, page.path, None)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self._private(html, robots=False), encoding="utf-8")

    def _note_the_pages_written(self, config: MkDocsConfig) -> None:
        if not self.options.enabled:
            return
        if self._dirty:  # a clean build empties the site first; MkDocs' --dirty leaves what is gone
            written = {file.dest_uri for file in self._files}
            written |= {_standalone_file(page_url) for _, page_url in self._standalone.values()}
            remove_stale(Path(config.site_dir), self._written, written)
            self._written = written
        self._built_keys, self._built_shape = self._keys, self._shape  # the build went through: its pages are written
        frames = self._frames.frames
        log.debug(f"empathy-playbook: {frames.framed} pages put in a frame, {frames.full} rendered in full")

    on_post_build = CombinedEvent(_note_the_pages_written, _index_for_search)

    def on_build_error(self, *, error: Exception) -> None:
        # A build stopped before writing every page: the pages waiting for it are not needed, nor is their file.
        self._waiting.close()
        self._waiting_search.close()

    def _private(self, html: str, *, robots: bool) -> str:
        """The page with the noindex meta (unless `indexable`) and its own Content-Security-Policy."""
        tags = [ROBOTS_META] if robots and not self.settings.indexable else []
        # A site that loads from elsewhere on purpose writes its own policy; `mkdocs serve` adds a script.
        if not self.settings.allow_external and not self._serving:
            tags.insert(0, csp_meta(content_security_policy(html)))
        return add_to_head(html, tags)

    def _look_for_external_loads(self, html: str, page: str, source_file: str | None) -> None:
        """Warn once per URL that a page makes the browser load from another host, at its source line if found."""
        if self.settings.allow_external:
            return
        for url in external_loads(html):
            if url in self._reported or url.startswith(self._explained):
                continue
            self._reported.add(url)
            language = self.labels.language
            where = self._source_of(url, source_file) or say("external.page", language, page=quoted(page))
            log.warning(say("external.load", language, where=where, url=quoted(url, limit=None)))

    def _source_of(self, url: str, source_file: str | None) -> str | None:
        """`path:line` of the first source that holds `url`: the page's own file, else a map's."""
        if source_file is not None:
            text = Path(source_file).read_text(encoding="utf-8", errors="replace")
            if url in text:
                return f"{_relative(Path(source_file), self.root)}:{line_of(text, url)}"
        if self._map_sources is None:
            self._map_sources = {}
            for path in self._sources.values():
                try:
                    self._map_sources[path] = (self.root / path).read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
        for path, text in self._map_sources.items():
            if url in text:
                return f"{quoted(path, limit=None)}:{line_of(text, url)}"
        return None

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> None:
        if self.options.enabled:
            server.watch(str(self.root / self.settings.maps_dir))

    def _converter(self, page: Page, files: Files, config: MkDocsConfig, anchors: set[str]) -> MarkdownConverter:
        md = self._markdown
        if _RelativePathTreeprocessor is not None:
            _RelativePathTreeprocessor(page.file, files, config)._register(md)

        fast = self._plain_fast

        def convert(source: str) -> str:
            if fast and (plain := simple_html(source)) is not None:
                return plain
            md.reset()
            html = md.convert(source)
            anchors.update(_ids(getattr(md, "toc_tokens", [])))
            return html

        return convert


def _standalone_url(page: GeneratedPage, config: MkDocsConfig) -> str:
    stem = page.path.removesuffix(".md")
    return f"{stem}/" if config.use_directory_urls else f"{stem}.html"


def _standalone_file(url: str) -> str:
    """The file of a standalone page in the site, from its URL."""
    return url + "index.html" if url.endswith("/") else url


def _rendered_already(url: UrlFor, convert: MarkdownConverter) -> RenderedPage:
    raise RuntimeError("the playbook's pages were rendered, and the playbook let go (see _finish_with_the_playbook)")


def _no_markdown(source: str) -> str:
    raise ValueError("a standalone page converts no Markdown")


_SEARCH_LABELS = (
    "search.filters", "search.clear", "search.start", "search.loading", "search.none", "search.one",
    "search.other", "search.more", "search.unbuilt", "search.file",
)  # fmt: skip


def _serve_fonts_here(config: MkDocsConfig) -> bool:
    """Serve Roboto from the site instead of Google Fonts when theme.font asks for (at most) the fonts we ship.

    `theme.font: false` (system fonts) and any other family are the site's own choice and stay as they are.
    """
    font = config.theme.get("font")
    if font is None or (
        isinstance(font, dict)
        and all(font.get(key) in (None, "", family) for key, family in SHIPPED_FONTS.items())
        and set(font) <= set(SHIPPED_FONTS)
    ):
        config.theme["font"] = False  # mkdocs-material then links nothing; fonts.css names the families
        return True
    return False


def _edit_url(config: MkDocsConfig, root: Path, source: str) -> str | None:
    """Where a map is edited: like a page of docs/, but at the map's own file (maps/zorg/arts.md).

    `edit_uri` points into the docs folder (`edit/main/docs/`); a map lives outside it, so the docs
    folder at its end is replaced by the map's path from the project root. Without repo_url and
    edit_uri (or with an edit_uri that does not end in the docs folder) there is no link, as for pages.
    """
    if not config.repo_url or not config.edit_uri:
        return None
    try:
        docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    except ValueError:
        return None
    base = config.edit_uri.rstrip("/")
    if docs == "." or not base.endswith(docs):
        return None
    base = base[: len(base) - len(docs)]
    return urljoin(config.repo_url.rstrip("/") + "/", base + quote(source))


def _relative(path: Path, root: Path) -> str:
    """A file as a message names it: below the project root when it is there, on one line."""
    try:
        return quoted(path.resolve().relative_to(root).as_posix(), limit=None)
    except ValueError:
        return quoted(path.as_posix(), limit=None)


def _report(problem: Problem, language: str) -> None:
    (log.error if problem.level is Level.ERROR else log.warning)(problem.line_in(language))


class _GeneratedFile(File):
    """A generated page's file. MkDocs counts a file with content as changed on every build; with --dirty
    this one says whether the page's inputs changed since it was last written."""

    unchanged = False
    _modified: bool | None = None

    def is_modified(self) -> bool:
        if self._modified is None:  # MkDocs asks before it reads the page and again before it writes it
            self._modified = not (self.unchanged and Path(self.abs_dest_path).is_file())
        return self._modified


def _site_key(config: MkDocsConfig) -> str:
    """The site's configuration as far as a rebuild goes: mkdocs.yml's modification time."""
    path = Path(config.config_file_path or "")
    return str(path.stat().st_mtime_ns) if path.is_file() else ""


def _template_stamps(config: MkDocsConfig) -> list[tuple[str, int, int]]:
    """The theme's own templates (`custom_dir`) as they are: an edited override changes every page."""
    folder = config.theme.custom_dir
    if not folder or not Path(folder).is_dir():
        return []
    found = []
    for file in sorted(Path(folder).rglob("*")):
        if file.is_file():
            status = file.stat()
            found.append((file.as_posix(), status.st_mtime_ns, status.st_size))
    return found


def _always() -> bool:
    return True


def _render_nothing(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What Page.render leaves on a page with no Markdown: the generated page's own HTML comes in on_page_content."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def _url_from(origin: str, files: Files, standalone: dict[str, tuple[GeneratedPage, str]], target: str) -> str:
    """The URL of `target` (a page path, maybe with '#anchor') relative to the page at URL `origin`."""
    path, _, anchor = target.partition("#")
    file = files.get_file_from_path(path)
    if file is not None:
        url = get_relative_url(file.url, origin)
    elif path in standalone:
        url = get_relative_url(standalone[path][1], origin)
    else:
        url = path
    return f"{url}#{anchor}" if anchor else url


def _ids(tokens: Iterable[dict[str, Any]]) -> Iterable[str]:
    for token in tokens:
        yield token["id"]
        yield from _ids(token.get("children", []))
