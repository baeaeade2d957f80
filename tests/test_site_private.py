"""A private playbook by default: nothing loaded from other hosts, not indexable, a policy on every page.

Real builds in tmp_path; every HTML document of the site is read, the meeting cards and 404.html included.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from empathy_playbook.publishing import add_to_head, content_security_policy, external_loads, is_external

from .support import GOOD_MAP, Site

ROBOTS = '<meta name="robots" content="noindex, nofollow">'
FONT_FILES = {
    "roboto-latin-wght-normal.woff2",
    "roboto-latin-wght-italic.woff2",
    "roboto-mono-latin-wght-normal.woff2",
    "OFL-Roboto.txt",
    "OFL-RobotoMono.txt",
    "fonts.css",
}
ADVICE = (
    "every visit then tells that host who reads the playbook, and when; "
    "remove it, or set the empathy-playbook option allow_external: true to accept it"
)


def documents(site: Site) -> dict[str, str]:
    return {
        path.relative_to(site.root / "site").as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((site.root / "site").rglob("*.html"))
    }


def built(site: Site, **configure: str) -> Site:
    site.configure(**configure)
    site.write("maps/buyer.md", GOOD_MAP)
    return site.build()


def test_every_page_says_noindex_and_robots_txt_disallows_everything(site: Site) -> None:
    pages = documents(built(site))
    assert {"index.html", "404.html", "maps/buyer/index.html", "cards/buyer/index.html"} <= set(pages)
    for name, html in pages.items():
        head = html.split("</head>", 1)[0]
        assert re.findall(r'<meta name="robots"[^>]*>', head) == [ROBOTS], name
    assert (site.root / "site" / "robots.txt").read_text(encoding="utf-8").splitlines()[-2:] == [
        "User-agent: *",
        "Disallow: /",
    ]


def test_indexable_lifts_both_but_a_meeting_card_stays_out_of_the_index(site: Site) -> None:
    pages = documents(built(site, plugin_options="indexable: true"))
    for name, html in pages.items():
        robots = re.findall(r'<meta name="robots"[^>]*>', html)
        # The card repeats its map page for printing: never indexed, but its links may be followed.
        assert robots == (['<meta name="robots" content="noindex">'] if name.startswith("cards/") else []), name
    assert not (site.root / "site" / "robots.txt").exists()


def test_a_sites_own_robots_txt_is_kept(site: Site) -> None:
    site.write("docs/robots.txt", "User-agent: *\nDisallow: /private/\n")
    built(site)
    assert (site.root / "site" / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /private/\n"


def test_fonts_come_from_the_site_itself_with_their_licence(site: Site) -> None:
    pages = documents(built(site))
    for name, html in pages.items():
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, name
        assert external_loads(html) == [], name
    assert 'href="../../assets/empathy-playbook/fonts/fonts.css"' in pages["maps/buyer/index.html"]
    fonts = site.root / "site" / "assets" / "empathy-playbook" / "fonts"
    assert {path.name for path in fonts.iterdir()} >= FONT_FILES
    css = (fonts / "fonts.css").read_text(encoding="utf-8")
    for url in re.findall(r"url\(([^)]+)\)", css):
        assert (fonts / url).is_file(), url
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts / "OFL-Roboto.txt").read_text(encoding="utf-8")


def test_system_fonts_stay_the_sites_choice(site: Site) -> None:
    pages = documents(built(site, extra="theme:\n  name: material\n  font: false\n"))
    assert "fonts.css" not in pages["index.html"]
    assert not (site.root / "site" / "assets" / "empathy-playbook" / "fonts").exists()


def test_roboto_named_explicitly_is_served_from_the_site_too(site: Site) -> None:
    site.configure()
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    site.write("mkdocs.yml", config.replace("  name: material\n", "  name: material\n  font:\n    text: Roboto\n"))
    site.write("maps/buyer.md", GOOD_MAP)
    pages = documents(site.build())
    assert "fonts.googleapis.com" not in pages["index.html"]
    assert "fonts.css" in pages["index.html"]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("theme.font", "theme.font loads Inter, JetBrains Mono from Google Fonts"),
        ("extra.analytics", "extra.analytics sends every visit to google analytics"),
        ("extra_css", "extra_css loads https://cdn.example.com/x.css"),
        ("extra_javascript", "extra_javascript loads //cdn.example.com/x.js"),
        ("repo_url", "repo_url makes every visitor's browser ask api.github.com for the repository's facts"),
    ],
)
def test_a_setting_that_loads_from_elsewhere_is_named(site: Site, setting: str, message: str) -> None:
    settings = {
        "theme.font": "",
        "extra.analytics": "extra:\n  analytics:\n    provider: google\n    property: G-XXXXXXX\n",
        "extra_css": "extra_css: [https://cdn.example.com/x.css]\n",
        "extra_javascript": "extra_javascript: [//cdn.example.com/x.js]\n",
        "repo_url": "repo_url: https://github.com/example/playbook\n",
    }
    site.configure(extra=settings[setting])
    if setting == "theme.font":
        config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
        font = "  font:\n    text: Inter\n    code: JetBrains Mono\n"
        site.write("mkdocs.yml", config.replace("  name: material\n", "  name: material\n" + font))
    site.write("maps/buyer.md", GOOD_MAP)
    site.build()
    site.expect(f"WARNING mkdocs.yml: {message}: {ADVICE}")


def test_allow_external_accepts_them_without_a_word(site: Site) -> None:
    site.configure(
        plugin_options="allow_external: true",
        extra="extra_css: [https://cdn.example.com/x.css]\nrepo_url: https://github.com/example/playbook\n",
    )
    site.write("maps/buyer.md", GOOD_MAP.replace("- the market", "- the market ![m](https://img.example.com/m.png)"))
    pages = documents(site.build())
    assert "https://cdn.example.com/x.css" in pages["index.html"]
    # The site loads from elsewhere on purpose: the policy is then the site's to write.
    assert "Content-Security-Policy" not in pages["index.html"]


def test_an_external_image_in_a_map_is_named_at_its_line(site: Site) -> None:
    site.configure()
    site.write("maps/buyer.md", GOOD_MAP.replace("- the market", "- the market ![m](https://img.example.com/m.png)"))
    site.build()
    # Once, though the image shows on the map page and on its account and card pages as well.
    site.expect(f"WARNING maps/buyer.md:7: 'https://img.example.com/m.png' is loaded from another host: {ADVICE}")


def test_an_external_image_in_a_hand_written_page_is_named_at_its_line(site: Site) -> None:
    site.write("docs/index.md", '# Home\n\nText.\n\n<img src="https://img.example.com/logo.png" alt="logo">\n')
    built(site)
    site.expect(f"WARNING docs/index.md:5: 'https://img.example.com/logo.png' is loaded from another host: {ADVICE}")


def test_a_link_to_another_site_is_no_load(site: Site) -> None:
    site.write("docs/index.md", "# Home\n\n[Our CRM](https://crm.example.com/accounts)\n")
    built(site)  # the `site` fixture fails the test on any warning


def test_every_page_carries_a_policy_with_the_hashes_of_its_own_inline_code(site: Site) -> None:
    pages = documents(built(site))
    for name, html in pages.items():
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policy is not None, name
        directives = dict(part.split(" ", 1) for part in policy.group(1).split("; "))
        scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
        styles = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
        assert scripts or styles, name
        expected = ["'self'", "'wasm-unsafe-eval'", *dict.fromkeys(_sha256(s) for s in scripts)]
        assert directives["script-src"].split() == expected, name
        assert directives["style-src"].split() == ["'self'", *dict.fromkeys(_sha256(s) for s in styles)], name
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'", name
        # Before any script: a policy only covers what follows it.
        assert html.index("Content-Security-Policy") < html.index("<script") if scripts else True, name


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_the_policy_ignores_data_and_scripts_loaded_by_url() -> None:
    html = (
        '<html><head><script src="a.js"></script><script type="application/json">{"a": 1}</script>'
        "<script>run()</script><style>p{color:red}</style></head></html>"
    )
    policy = content_security_policy(html)
    assert f"script-src 'self' 'wasm-unsafe-eval' {_sha256('run()')};" in policy
    assert f"style-src 'self' {_sha256('p{color:red}')};" in policy


@pytest.mark.parametrize(
    ("html", "loads"),
    [
        ('<img src="https://a.example/x.png">', ["https://a.example/x.png"]),
        ('<img src="x.png" srcset="x2.png 2x, //b.example/x3.png 3x">', ["//b.example/x3.png"]),
        ('<link rel="preconnect" href="https://fonts.gstatic.com">', ["https://fonts.gstatic.com"]),
        ('<link rel="canonical" href="https://site.example/">', []),
        ('<a href="https://crm.example.com/">CRM</a>', []),
        ("<style>body{background:url('https://c.example/bg.png')}</style>", ["https://c.example/bg.png"]),
        ('<p style="background: url(https://d.example/p.png)">x</p>', ["https://d.example/p.png"]),
        ('<iframe src="https://e.example/embed"></iframe>', ["https://e.example/embed"]),
        ('<img src="data:image/png;base64,AAAA"><img src="../img/x.png">', []),
    ],
)
def test_what_counts_as_a_load_from_another_host(html: str, loads: list[str]) -> None:
    assert external_loads(html) == loads


@pytest.mark.parametrize(
    ("url", "external"),
    [("https://a.example", True), ("HTTP://a.example", True), ("//a.example/x", True), ("/x", False), ("x/y", False)],
)
def test_is_external(url: str, external: bool) -> None:
    assert is_external(url) is external


def test_tags_go_after_the_charset_at_the_top_of_the_head() -> None:
    html = '<!doctype html><html><head>\n<meta charset="utf-8">\n<title>x</title><script>a()</script></head></html>'
    assert add_to_head(html, ["<meta name=x>"]) == (
        '<!doctype html><html><head>\n<meta charset="utf-8"><meta name=x>\n<title>x</title><script>a()</script></head></html>'
    )
    assert add_to_head("<p>no head</p>", ["<meta name=x>"]) == "<p>no head</p>"


def test_the_options_are_checked(tmp_path: Path) -> None:
    from empathy_playbook.options import OptionError, read_options

    assert read_options({"indexable": True, "allow_external": True}).indexable is True
    with pytest.raises(OptionError, match="option 'indexable': should be true or false, not 'yes'"):
        read_options({"indexable": "yes"})


@pytest.mark.parametrize(
    "shape", ["<p>" + ">//" * 100_000, "<script" * 100_000, "<style>" * 100_000, "url(//" * 100_000]
)
def test_hostile_pages_cost_time_in_proportion_to_their_size(shape: str) -> None:
    import time

    started = time.perf_counter()
    external_loads(shape)
    content_security_policy(shape)
    assert time.perf_counter() - started < 5  # a quadratic scan of these takes minutes
