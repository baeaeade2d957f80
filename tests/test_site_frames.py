"""The theme's chrome rendered once per group of alike generated pages (frames.py): the same site, byte for byte."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

import jinja2
import pytest

from empathy_playbook.frames import Frames, Parts

from .support import GOOD_MAP, Site, one, soup


def _map(title: str, account: str = "", extra: str = "") -> str:
    head = f"title: {title}\n" + (f"account: {account}\n" if account else "")
    return GOOD_MAP.replace("title: Test buyer\n", head) + extra


def _playbook(
    site: Site, *, features: str = "[content.action.edit, navigation.footer]", custom_dir: bool = False
) -> None:
    """Maps in two folders, out of the navigation (so framed), with titles that need escaping, tables of
    contents of two lengths, accounts, edit links and canonical addresses; and a page of the site, in the
    navigation, in one of the folders (the other folder's maps see it at another relative address)."""
    site.configure(
        plugin_options="nav_max_maps: 1\nallow_external: true\nsearch: theme",
        extra="site_url: https://example.org/playbook/\n"
        "repo_url: https://github.com/acme/playbook\nedit_uri: edit/main/docs/\n",
    )
    config = (site.root / "mkdocs.yml").read_text()
    theme = f"  language: en\n  features: {features}\n" + ("  custom_dir: overrides\n" if custom_dir else "")
    site.write("mkdocs.yml", config.replace("  language: en\n", theme))
    site.write("docs/maps/care/guide.md", "# Guide to care\n")
    site.write("maps/care/nurse.md", _map("Nurse", "Acme"))
    site.write("maps/care/surgeon.md", _map("Surgeon <b>&</b> co", "Acme", "\n## Approach\nListen.\n"))
    site.write("maps/care/manager.md", _map("Ward manager", "Acme"))
    site.write("maps/care/doctor.md", _map("Doctor", "Acme"))
    site.write("maps/care/cleaner.md", _map("Cleaner"))
    site.write("maps/care/porter.md", _map("Porter 'Q'", "Bolt", "\n## Story\nA day.\n"))
    site.write("maps/retail/buyer.md", _map("Buyer", "Bolt"))
    site.write("maps/retail/owner.md", _map("Owner", "Crane"))
    site.write("maps/retail/clerk.md", _map("Clerk", "Crane"))


def _pages(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_framed_pages_are_byte_for_byte_what_the_theme_renders(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _playbook(site)
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.empathy_playbook")
    site.build(strict=True)
    framed = [int(n) for n in re.findall(r"(\d+) pages put in a frame", caplog.text)]
    assert framed and framed[-1] >= 4  # from the third page of a group on (care/'s maps, retail/'s, accounts)
    with_frames = _pages(site.root / "site")
    # The reference: every page rendered in full by the theme.
    monkeypatch.setattr(Frames, "page", lambda self, key, context, parts, render, render_frame: render())
    (site.root / "site").rename(tmp_path / "with-frames")
    site.build(strict=True)
    assert _pages(site.root / "site") == with_frames
    page = soup(site.html("maps/care/surgeon"))
    assert one(page, "title").get_text() == "Surgeon <b>&</b> co - Test playbook"
    assert one(page, 'link[rel="canonical"]')["href"] == "https://example.org/playbook/maps/care/surgeon/"
    assert one(page, 'a[rel="edit"]')["href"] == "https://github.com/acme/playbook/edit/main/maps/care/surgeon.md"
    guide = [a["href"] for a in soup(site.html("maps/retail/clerk")).select("nav a") if "guide" in str(a["href"])]
    assert guide == ["../../care/guide/"]


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        # The page's address, raw, in the chrome: no frame can hold it; the check of a second page finds that out.
        (
            "{{ page.url }}",
            {
                url: f"{url}/"
                for url in (
                    "maps/care/nurse",
                    "maps/care/manager",
                    "maps/care/porter",
                    "maps/retail/owner",
                    "accounts/acme",
                )
            },
        ),
        # The title changed by the template: a stand-in for the title cannot be put back.
        (
            "{{ page.title | upper }}",
            {"maps/care/nurse": "NURSE", "maps/care/manager": "WARD MANAGER", "maps/retail/clerk": "CLERK"},
        ),
    ],
    ids=["address", "title"],
)
def test_a_theme_that_shows_a_page_s_own_part_its_way_gets_each_page_rendered_in_full(
    site: Site, shown: str, expected: dict[str, str]
) -> None:
    _playbook(site, custom_dir=True)
    site.write(
        "overrides/main.html",
        '{% extends "base.html" %}\n{% block announce %}<i class="shown">' + shown + "</i>{% endblock %}\n",
    )
    site.build(strict=True)
    for url, text in expected.items():
        assert one(soup(site.html(url)), "i.shown").get_text() == text


# Frames on their own, with a Jinja template standing in for a theme.


def _theme(source: str) -> Callable[[dict[str, str]], str]:
    template = jinja2.Environment(autoescape=False).from_string(source)
    return lambda page: template.render(page=page)


def _build(
    frames: Frames, source: str, pages: Sequence[tuple[Hashable, dict[str, str]]], context: Callable[[], object] = str
) -> list[str]:
    theme = _theme(source)

    def one_page(key: Hashable, parts: Parts, extra: dict[str, str]) -> str:
        return frames.page(
            key,
            {"nav": context()},
            parts,
            lambda: theme({**parts, **extra}),
            lambda sentinels: theme({**sentinels, **extra}),
        )

    return [one_page(key, {k: v for k, v in page.items() if k != "url"}, {"url": page["url"]}) for key, page in pages]


PAGES = [
    ("folder", {"url": f"a/{n}/", "title": f"Title {n} &amp; <b>", "content": f"<p>Text {n}</p>"}) for n in range(6)
]


def test_a_frame_is_the_page_as_rendered_with_its_own_parts() -> None:
    frames = Frames()
    source = "<title>{{ page.title }}</title><h1>{{ page.title }}</h1><main>{{ page.content }}</main>"
    html = _build(frames, source, PAGES)
    assert html == [_theme(source)(page) for _, page in PAGES]
    assert (frames.full, frames.framed) == (2, 4)


@pytest.mark.parametrize(
    "source",
    [
        "<main>{{ page.content }}{{ page.content }}</main>",  # the content twice
        "<title>{{ page.title | upper }}</title><main>{{ page.content }}</main>",  # the title changed
        "<title>{{ page.title[:9] }}</title><main>{{ page.content }}</main>",  # the title cut short
        "<a href='{{ page.url }}'>{{ page.title }}</a><main>{{ page.content }}</main>",  # its own address
    ],
)
def test_a_template_that_does_more_than_print_a_part_gets_no_frame(source: str) -> None:
    frames = Frames()
    html = _build(frames, source, PAGES)
    assert html == [_theme(source)(page) for _, page in PAGES]
    assert (frames.full, frames.framed) == (6, 0)


def test_the_first_two_pages_of_a_group_are_checked_with_their_own_parts() -> None:
    frames = Frames()
    source = "<title>{{ page.title | replace('&amp;', 'and') }}</title><main>{{ page.content }}</main>"
    # The first page's title changes in the template: the group gets no frame, the last page (that would) is right.
    pages = [
        PAGES[0],
        *[("folder", {**page, "title": f"Title {n}"}) for n, (_, page) in enumerate(PAGES[1:4])],
        PAGES[4],
    ]
    assert _build(frames, source, pages) == [_theme(source)(page) for _, page in pages]
    assert (frames.full, frames.framed) == (5, 0)


def test_pages_without_a_key_or_of_other_groups_are_rendered_on_their_own() -> None:
    frames = Frames()
    source = "<title>{{ page.title }}</title><main>{{ page.content }}</main>"
    pages = [(None, page) for _, page in PAGES[:3]] + [(n, page) for n, (_, page) in enumerate(PAGES[3:])]
    assert _build(frames, source, pages) == [_theme(source)(page) for _, page in pages]
    assert (frames.full, frames.framed) == (6, 0)


def test_pages_of_one_key_with_another_context_are_rendered_on_their_own() -> None:
    frames = Frames()
    source = "<title>{{ page.title }}</title><main>{{ page.content }}</main>"
    assert _build(frames, source, PAGES, context=object) == [_theme(source)(page) for _, page in PAGES]
    assert (frames.full, frames.framed) == (6, 0)
    frames = Frames()
    assert _build(frames, source, PAGES, context=lambda: ["a", "b"]) == [_theme(source)(page) for _, page in PAGES]
    assert (frames.full, frames.framed) == (2, 4)  # equal values are the same context
