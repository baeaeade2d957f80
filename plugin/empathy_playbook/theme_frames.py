"""The MkDocs side of `frames.py`: which generated pages are framed, and how MkDocs' theme renders them.

An adapter (it imports MkDocs), used by plugin.py. A generated page outside the navigation gets a
stand-in template (MkDocs picks a page's template before on_page_context); when MkDocs renders it, with
the page's final context (after every plugin's on_page_context), the stand-in renders the theme's own
template through `Frames`: once per group of alike pages with stand-ins for the page's own parts, then
each page as that frame with its parts. A page whose chrome is its own (in the navigation, with pages
below it, a table of contents with levels) is rendered in full, as the theme would.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Hashable
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .frames import CONTENT, Frames

STAND_IN = "empathy_playbook/framed-page.html"
"""The stand-in template of the framed pages."""
_PAGE_URLS = ("edit", "canonical", "abs")
"""A page's own addresses (`page.edit_url`, ...), put in a frame like its title."""
_PER_PAGE_CONTEXT = frozenset({"page", "build_date_utc"})
"""Context entries left out of a frame's key: the page (its parts and key are taken apart), and the build's
time, which MkDocs reads again for every page (a theme that prints it fails the frame's check)."""


class ThemeFrames:
    """The framed pages of one build: made in on_files, given the theme's environment in on_env."""

    def __init__(self, files: Files) -> None:
        self.frames = Frames()
        self._files = files
        self._env: jinja2.Environment | None = None
        self._theme_templates: dict[str, str | None] = {}
        """The theme template of each page to be framed (None: the theme's main.html), until it is rendered."""
        self._parents: set[str] | None = None
        self._navigation_targets: list[str] | None = None
        self._navigation_links: dict[str, tuple[object, ...]] = {}

    def use_stand_in(self, page: Page) -> None:
        """Give the page the stand-in template: MkDocs picks it before on_page_context (see `restore_template`)."""
        self._theme_templates[page.file.src_uri] = page.meta.get("template")
        page.meta["template"] = STAND_IN

    def restore_template(self, page: Page) -> None:
        """Put the page's own meta back, for the plugins' on_page_context and the theme."""
        if page.meta.get("template") == STAND_IN:
            original = self._theme_templates[page.file.src_uri]
            if original is None:
                del page.meta["template"]
            else:
                page.meta["template"] = original

    def install(self, env: jinja2.Environment) -> None:
        """Add the stand-in template to the theme's environment."""
        self._env = env
        loaders: list[jinja2.BaseLoader] = [jinja2.DictLoader({STAND_IN: "{{ empathy_playbook_framed_page() }}"})]
        env.loader = jinja2.ChoiceLoader(loaders + ([env.loader] if env.loader is not None else []))
        # A partial: Jinja marks the function it is given, which a bound method cannot be.
        env.globals["empathy_playbook_framed_page"] = jinja2.pass_context(functools.partial(self._framed_page))

    def _framed_page(self, jinja_context: jinja2.runtime.Context) -> Markup:
        """The page as the theme renders it, from its frame when it has one."""
        assert self._env is not None
        values = jinja_context.parent  # what MkDocs gave the template, with the environment's globals
        page: Page = values["page"]
        name = self._theme_templates.pop(page.file.src_uri, None) or "main.html"
        template = self._env.get_template(name)
        key, parts = self._frame_key(page, values, name)
        # The rest of the context: the navigation, the site's configuration, the stylesheets' addresses (relative)...
        context = {name: value for name, value in values.items() if name not in _PER_PAGE_CONTEXT}

        def render_frame(sentinels: dict[str, str]) -> str:
            return _with_parts(page, sentinels, lambda: template.render(values))

        return Markup(self.frames.page(key, context, parts, lambda: template.render(values), render_frame))

    def _frame_key(self, page: Page, values: dict[str, Any], template: str) -> tuple[Hashable | None, dict[str, str]]:
        """What makes a page's chrome besides the rest of its context: the template, where the navigation's
        links lead from the page (they are relative), the shape of its table of contents and its meta; and its
        own parts (title, content, ...) by name. None for a page in the navigation or with pages below it:
        their chrome is their own."""
        title = page.meta.get("title")
        toc = list(page.toc)
        if (
            not title  # mkdocs-material shows the site's name for a page without one
            or page.is_homepage
            or page.parent is not None
            or page.previous_page is not None
            or page.next_page is not None
            or any(item.children for item in toc)
            or page.url in self._parent_urls()
        ):
            return None, {}
        content = page.content or ""
        parts = {CONTENT: content, "title": str(title)}
        for n, item in enumerate(toc):
            parts[f"id{n}"], parts[f"toc{n}"] = item.id, str(item.title)
        for name in _PAGE_URLS:
            if (url := getattr(page, f"{name}_url")) is not None:
                parts[name] = url
        key = (
            template,
            self._navigation_from(page.url, values["nav"]),
            tuple(item.level for item in toc),
            tuple(name for name in _PAGE_URLS if name in parts),
            "<h1" in content,  # mkdocs-material adds the page's title as <h1> unless its content has one
            repr({k: v for k, v in page.meta.items() if k != "title"}),
        )
        return key, parts

    def _navigation_from(self, url: str, nav: Navigation) -> tuple[object, ...]:
        """The depth of the page at `url` and the navigation's links as its chrome shows them (relative).

        Pages of one depth in folders the navigation does not enter see it alike (maps/zorg/a/ and
        maps/bouw/b/ both see the overview at ../../) and share a frame; a folder the navigation enters
        (a page of the site in maps/zorg/) sees it otherwise. The same for every page of a folder (no
        page below a framed page), so found once per folder.
        """
        folder = posixpath.dirname(url.rstrip("/"))
        if folder not in self._navigation_links:
            if self._navigation_targets is None:
                self._navigation_targets = _link_targets(nav)
            links = (get_relative_url(target, url) for target in self._navigation_targets)
            self._navigation_links[folder] = (url.count("/"), *links)
        return self._navigation_links[folder]

    def _parent_urls(self) -> set[str]:
        """The URLs that have pages below them: a page there links down, so its chrome is its own."""
        if self._parents is None:
            self._parents = set()
            for file in self._files.documentation_pages():
                parts = file.url.rstrip("/").split("/")
                self._parents.update("/".join(parts[:n]) + "/" for n in range(1, len(parts)))
        return self._parents


def _link_targets(nav: Navigation) -> list[str]:
    """Every address within the site that the navigation links to (pages, sections' index pages, relative links)."""
    targets = [nav.homepage.url] if nav.homepage is not None else []
    items = list(nav.items)
    while items:
        item = items.pop()
        url = getattr(item, "url", None)
        if isinstance(url, str) and not urlsplit(url).scheme and not url.startswith(("/", "#")):
            targets.append(url)
        items.extend(getattr(item, "children", None) or [])
    return targets


def _with_parts(page: Page, parts: dict[str, str], render: Callable[[], str]) -> str:
    """`render()` with the page's title, content, table of contents entries and addresses replaced by `parts`
    (named as by `_frame_key`)."""
    saved = (page.content, page.meta, page.toc, page.edit_url, page.canonical_url, page.abs_url)
    try:
        page.content = parts[CONTENT]
        page.meta = {**page.meta, "title": parts["title"]}
        page.toc = get_toc(
            [
                {"level": item.level, "id": parts[f"id{n}"], "name": parts[f"toc{n}"], "children": []}
                for n, item in enumerate(saved[2])
            ]
        )
        for name in _PAGE_URLS:
            if name in parts:
                setattr(page, f"{name}_url", parts[name])
        return render()
    finally:
        page.content, page.meta, page.toc, page.edit_url, page.canonical_url, page.abs_url = saved
