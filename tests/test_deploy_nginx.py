"""The container's nginx configuration (docs/deploy/nginx.conf), started for real with Debian's nginx.

A playbook is built in a temporary folder and served by nginx with the shipped file (only its port
and the site's folder replaced), unprivileged; the tests fetch pages and assets and read the headers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .nginx_server import NGINX_CONF, SHIPPED_LISTEN, SHIPPED_ROOT, Response, fetch, nginx
from .support import GOOD_MAP, Site

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Frame-Options": "DENY",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = Site(tmp_path_factory.mktemp("served"))
    site.configure()
    site.write("maps/buyer.md", GOOD_MAP.replace("role: Purchaser", "role: Purchaser\naccount: Lease Co"))
    site.build(strict=True)
    assert not site.messages, site.messages
    # Never published: a folder of secrets copied into the site by mistake.
    (site.root / "site" / ".git").mkdir()
    (site.root / "site" / ".git" / "config").write_text("[remote]\n", encoding="utf-8")
    return site.root / "site"


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    with nginx(built) as url:
        yield url


def policy_of(response: Response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    assert header is not None, "no Content-Security-Policy header"
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def assert_secured(response: Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, (name, response.headers[name])
    policy = policy_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    for name, values in policy.items():  # nothing from any other host, whatever the directive
        assert all(value.startswith("'") or value == "data:" for value in values), (name, values)
    assert response.headers["Server"] == "nginx"  # no version number


def test_the_shipped_file_is_used_with_only_port_and_folder_replaced() -> None:
    text = NGINX_CONF.read_text(encoding="utf-8")
    assert text.count(SHIPPED_LISTEN) == 1 and text.count(SHIPPED_ROOT) == 1
    # Paths an unprivileged container can write: relative to the prefix given on the command line.
    assert re.search(r"^pid nginx\.pid;$", text, re.MULTILINE)
    assert "user " not in re.sub(r"#.*", "", text)


def test_a_page_is_served_with_the_security_headers_and_asked_for_again_each_time(server: str) -> None:
    response = fetch(server + "maps/buyer/")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert_secured(response)
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert response.headers["ETag"]  # so that asking again costs a 304
    assert b'<meta name="robots" content="noindex, nofollow">' in response.body


def test_the_meeting_card_and_the_search_index_are_never_kept_unasked(server: str) -> None:
    for path in ("cards/buyer/", "pagefind/pagefind-entry.json", "accounts/lease-co/"):
        response = fetch(server + path)
        assert response.status == 200, path
        assert_secured(response)
        assert response.headers["Cache-Control"] == "private, no-cache", path


def test_assets_with_a_hash_in_their_name_are_kept_for_a_year(server: str, built: Path) -> None:
    bundle = next((built / "assets" / "javascripts").glob("bundle.*.min.js")).relative_to(built).as_posix()
    response = fetch(server + bundle)
    assert response.status == 200
    assert response.headers["Content-Type"] == "application/javascript; charset=utf-8"
    assert response.headers["Cache-Control"] == "private, max-age=31536000, immutable"
    assert_secured(response)
    # The plugin's own stylesheet has no hash: it is asked for again.
    response = fetch(server + "assets/empathy-playbook/empathy-playbook.css")
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_fonts_are_kept_for_a_month(server: str) -> None:
    response = fetch(server + "assets/empathy-playbook/fonts/roboto-latin-wght-normal.woff2")
    assert response.status == 200
    assert response.headers["Content-Type"] == "font/woff2"
    assert response.headers["Cache-Control"] == "private, max-age=2592000"


def test_robots_txt_disallows_everything(server: str) -> None:
    response = fetch(server + "robots.txt")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "Disallow: /" in response.body.decode()


def test_a_missing_page_is_the_sites_404_page_with_the_same_headers(server: str) -> None:
    response = fetch(server + "maps/nobody/")
    assert response.status == 404
    assert_secured(response)
    assert b'<meta name="robots" content="noindex, nofollow">' in response.body  # the site's own 404.html


def test_a_folder_without_its_slash_redirects_relatively(server: str) -> None:
    # Behind a login proxy nginx does not know the reader's address: the redirect keeps it.
    response = fetch(server + "maps/buyer")
    assert response.status == 301
    assert response.headers["Location"] == "/maps/buyer/"
    assert_secured(response)


def test_dotfiles_are_never_served(server: str) -> None:
    assert fetch(server + ".git/config").status == 404
