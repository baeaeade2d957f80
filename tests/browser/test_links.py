"""Every internal link and anchor of the built site lands: navigation, chips, index entries, profile links."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from ..support import attribute


def test_no_broken_internal_link_or_anchor(site_dir: Path) -> None:
    @cache
    def ids(page: Path) -> frozenset[str]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        return frozenset(attribute(el, "id") for el in soup.select("[id]")) | frozenset(
            attribute(el, "name") for el in soup.select("a[name]")
        )

    broken = []
    checked: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        if page.name == "404.html":  # links from site_url, which a local build has not got
            continue
        page_url = page.relative_to(site_dir).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.select("a[href], link[href], img[src], script[src]"):
            target = attribute(element, "href" if element.has_attr("href") else "src")
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("data:"):
                continue  # not ours
            path = unquote(parts.path)
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path)) if path else page_url
            file = site_dir / resolved
            if file.is_dir() or path.endswith("/"):
                file = file / "index.html"
            checked.add(f"{resolved}#{parts.fragment}" if parts.fragment else resolved)
            if not file.is_file():
                broken.append(f"{page_url}: {target} (no file)")
            elif parts.fragment and file.suffix == ".html" and unquote(parts.fragment) not in ids(file):
                broken.append(f"{page_url}: {target} (no anchor)")
    # The crawl really followed the kinds of link the playbook makes: chips, index entries, profile links.
    assert {
        "needs#economic",
        "maps/zorg/chirurg#pains",
        "metaphors#racefiets",
        "maps",
        "en/needs#functional",
        "en/maps/retail/buyer",
    } <= checked
    assert broken == []
