"""A private playbook: pages that load nothing from other sites, ask search engines to keep out, and carry their CSP.

The playbook holds what a company knows about its customers, so by default the built site is
private by design: every page tells robots not to index it, `robots.txt` disallows everything,
and every page carries a Content-Security-Policy made from its own inline scripts and styles.
Anything that would make a visitor's browser ask another host (a font, analytics, a script,
an image in a map) is found here, so that the adapter can name it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from .messages import Text, phrase

ROBOTS_META = '<meta name="robots" content="noindex, nofollow">'
ROBOTS_TXT = "# This playbook is private: no search engine or crawler may read it.\nUser-agent: *\nDisallow: /\n"

# The fonts mkdocs-material uses by default, which the plugin serves from the site itself.
SHIPPED_FONTS = {"text": "Roboto", "code": "Roboto Mono"}

# What the policy allows besides the page's own inline scripts and styles: everything from the site
# itself, images also as data: URLs (mkdocs-material's icons in its stylesheet), nothing from anywhere
# else. `frame-ancestors` cannot be set from a <meta> element; the server's header sets it.
# 'wasm-unsafe-eval' lets the search (Pagefind) compile its WebAssembly; it allows no eval of JavaScript.
_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

# Elements and attributes through which a page makes the browser load something (links to other
# pages, `<a href>`, are not loads). The values are single URLs, except srcset (a list).
_LOADS: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
# <link rel=...> values that load or contact the href (rel=canonical, alternate, prev, next do not).
_LOADING_LINKS = frozenset(
    {
        "stylesheet",
        "icon",
        "apple-touch-icon",
        "preload",
        "prefetch",
        "preconnect",
        "dns-prefetch",
        "modulepreload",
        "manifest",
    }
)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]*)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+["']([^"']*)""", re.IGNORECASE)
_EXTERNAL = re.compile(r"^\s*(?:[a-zA-Z][\w+.-]*:)?//", re.ASCII)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_INLINE_START = re.compile(r"<(script|style)\b", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script", re.IGNORECASE)
_STYLE_END = re.compile(r"</style", re.IGNORECASE)
_TAG_NAME = re.compile(r"<([a-zA-Z][\w:-]*)")
_STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
_SRC_ATTRIBUTE = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE_ATTRIBUTE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_JAVASCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/ecmascript"})


def is_external(url: str) -> bool:
    """Whether a browser would fetch `url` from another host: `https://...`, `http://...` or `//host/...`.

    Relative URLs, `data:` and fragments stay on the site.
    """
    return bool(_EXTERNAL.match(url))


def add_to_head(html: str, tags: Iterable[str]) -> str:
    """`html` with `tags` placed at the top of its <head> (after the charset, which must come first)."""
    markup = "".join(tags)
    if not markup:
        return html
    head = _HEAD.search(html)
    if head is None:
        return html
    charset = _CHARSET.search(html, head.end(), head.end() + 1024)
    at = charset.end() if charset else head.end()
    return html[:at] + markup + html[at:]


def content_security_policy(html: str) -> str:
    """The strictest policy `html` satisfies: its own inline scripts and <style> elements by their hashes.

    mkdocs-material puts small scripts into every page (and one differs with the page's depth), so
    one fixed policy would need 'unsafe-inline'; a policy per page lets nothing run that the page was
    not built with. A <script type="application/json"> is data, never run, and needs nothing.
    """
    scripts, styles = inline_code(html)
    extra = {"script-src": scripts, "style-src": styles}
    return "; ".join(
        " ".join([name, value, *dict.fromkeys(map(_hash, extra.get(name, [])))]) for name, value in _POLICY
    )


def inline_code(html: str) -> tuple[list[str], list[str]]:
    """The text of the page's inline scripts (those a browser runs) and of its <style> elements, as written.

    A scan with `str.find` from element to element, not an HTML parser: it runs on every page of
    the site, thousands of them, and must cost little next to building the page.
    """
    scripts: list[str] = []
    styles: list[str] = []
    at = 0
    while (opening := _INLINE_START.search(html, at)) is not None:
        tag_end = html.find(">", opening.end())
        if tag_end < 0:
            break
        tag = html[opening.start() : tag_end + 1]
        closing = (_SCRIPT_END if opening.group(1).lower() == "script" else _STYLE_END).search(html, tag_end + 1)
        body = html[tag_end + 1 : closing.start() if closing else len(html)]
        at = closing.end() if closing else len(html)
        if opening.group(1).lower() == "style":
            styles.append(body)
        elif _SRC_ATTRIBUTE.search(tag) is None:
            kind = _TYPE_ATTRIBUTE.search(tag)
            if kind is None or kind.group(1).lower() in _JAVASCRIPT_TYPES:
                scripts.append(body)
    return scripts, styles


def csp_meta(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def _hash(text: str) -> str:
    # The browser hashes the element's text as parsed: HTML turns CR LF and lone CR into LF first.
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(normalised.encode("utf-8")).digest()).decode("ascii") + "'"


def external_loads(html: str) -> list[str]:
    """Every URL in `html` that the browser would load from another host, in order, each once.

    Only the tags near an absolute URL are parsed (most pages have none but a link or two), and the
    <style> elements' text: a whole-page parse of every page would cost a large part of the build.
    """
    reader = _PageReader()
    seen: set[int] = set()
    at, done = html.find("//"), 0
    while at >= 0:  # every absolute URL has '//': look closer at the tag around each, each part once
        tag_start = html.rfind("<", done, at)
        tag_end = html.find(">", at)
        if tag_start >= 0 and tag_start not in seen:
            seen.add(tag_start)
            tag = html[tag_start : tag_end + 1 if tag_end >= 0 else len(html)]
            name = _TAG_NAME.match(tag)
            # <a href> and <svg xmlns> are the usual absolute URLs in a page, and neither loads anything.
            if name is None or name.group(1).lower() not in ("a", "svg") or _STYLE_ATTRIBUTE.search(tag):
                reader.read_tags(tag)
        if tag_end < 0:
            break
        done = tag_end + 1
        at = html.find("//", done)
    for css in inline_code(html)[1]:
        reader.css(css)
    return list(dict.fromkeys(url for url in reader.loads if is_external(url)))


class _PageReader(HTMLParser):
    """The URLs that a few tags make the browser load (each piece read on its own)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []

    def read_tags(self, markup: str) -> None:
        self.reset()
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}  # already unescaped by the parser
        if tag == "link" and _LOADING_LINKS & set(values.get("rel", "").lower().split()):
            self.loads.append(values.get("href", ""))
        for name in _LOADS.get(tag, ()):
            if name in values:
                self.loads.extend(_srcset(values[name]) if name == "srcset" else [values[name]])
        if "style" in values:
            self.css(values["style"])

    def css(self, css: str) -> None:
        self.loads.extend(match.group(1) for match in _CSS_URL.finditer(css))
        self.loads.extend(match.group(1) for match in _CSS_IMPORT.finditer(css))


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


@dataclass(frozen=True)
class ExternalSetting:
    """A setting in mkdocs.yml that makes every page load something from another host."""

    setting: str
    """Where it is, as a reader finds it in mkdocs.yml (`theme.font`, `extra_css`, ...)."""
    what: Text
    """What it loads, for the message (`external.*` in the catalogue)."""
    prefixes: tuple[str, ...]
    """URLs starting with these are this setting's doing (not reported again page by page)."""


def external_settings(
    font: Any, extra: Mapping[str, Any], extra_css: Iterable[str], extra_javascript: Iterable[str], repo_url: str
) -> list[ExternalSetting]:
    """The settings of a mkdocs-material site that make browsers contact other hosts.

    `font` is `theme.font` after the plugin's own choice: False (system fonts, or the fonts the
    plugin serves) or the families mkdocs-material would fetch from Google Fonts.
    """
    found: list[ExternalSetting] = []
    if font:
        families = ", ".join(str(value) for value in font.values()) if isinstance(font, Mapping) else str(font)
        found.append(
            ExternalSetting(
                "theme.font",
                phrase("external.fonts", families=families),
                ("https://fonts.googleapis.com", "https://fonts.gstatic.com"),
            )
        )
    analytics = extra.get("analytics")
    if isinstance(analytics, Mapping) and analytics.get("provider"):
        found.append(
            ExternalSetting(
                "extra.analytics",
                phrase("external.analytics", provider=str(analytics["provider"])),
                ("https://www.googletagmanager.com", "https://www.google-analytics.com"),
            )
        )
    for name, urls in (("extra_css", extra_css), ("extra_javascript", extra_javascript)):
        for url in urls:
            if is_external(str(url)):
                found.append(ExternalSetting(name, phrase("external.loads", url=str(url)), (str(url),)))
    if repo_url and re.match(r"^https?://(www\.)?(github\.com|gitlab\.com)/", repo_url, re.IGNORECASE):
        # mkdocs-material's script asks the host's API for the repository's stars and forks on every visit.
        host = "api.github.com" if "github" in repo_url.lower() else "gitlab.com"
        found.append(ExternalSetting("repo_url", phrase("external.repo_facts", host=host), ()))
    return found


def line_of(text: str, needle: str) -> int:
    """The number of the first line of `text` holding `needle` (counted from 1), or 1."""
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1
