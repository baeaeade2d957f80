"""Debian's nginx, started for real with the configuration the repository ships for its container.

The shipped file (docs/deploy/nginx.conf) is used as it is, with exactly two lines replaced: the
port (a free one on 127.0.0.1 instead of 8080) and the site's folder. Everything else, the headers
and caching rules included, is what the container runs. nginx runs unprivileged as in the
container: as the user running the tests, or as `nobody` when that is root, with its pid and
temporary files under a prefix of its own.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from .support import REPO, debian_program

NGINX_CONF = REPO / "docs" / "deploy" / "nginx.conf"
SHIPPED_LISTEN = "listen 8080;"
SHIPPED_ROOT = "root /usr/share/nginx/html;"


def configuration(port: int, root: Path) -> str:
    """The shipped configuration, listening on 127.0.0.1:`port` and serving `root`."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    assert text.count(SHIPPED_LISTEN) == 1, f"{NGINX_CONF} should listen once, with '{SHIPPED_LISTEN}'"
    assert text.count(SHIPPED_ROOT) == 1, f"{NGINX_CONF} should serve the site with '{SHIPPED_ROOT}'"
    return text.replace(SHIPPED_LISTEN, f"listen 127.0.0.1:{port};").replace(SHIPPED_ROOT, f"root {root};")


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes


def fetch(url: str) -> Response:
    request = urllib.request.Request(url)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=5) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@contextlib.contextmanager
def nginx(site: Path) -> Iterator[str]:
    """Serve the built `site` with the shipped configuration; yields its base URL (ending in '/')."""
    binary = debian_program("nginx", also=("/usr/sbin/nginx",))
    work = Path(tempfile.mkdtemp(prefix="playbook-nginx-"))
    try:
        root = work / "site"
        shutil.copytree(site, root)
        prefix = work / "prefix"
        prefix.mkdir()
        log = prefix / "nginx.log"
        log.touch()
        user = None
        if os.geteuid() == 0:  # as in the container: never root
            user = pwd.getpwnam("nobody")
            os.chown(prefix, user.pw_uid, user.pw_gid)
            os.chown(log, user.pw_uid, user.pw_gid)
            for path in [work, *root.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)
            root.chmod(0o755)
        port = _free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(configuration(port, root), encoding="utf-8")
        with log.open("ab") as output:
            process = subprocess.Popen(
                [binary, "-p", f"{prefix}/", "-c", str(conf), "-e", "stderr", "-g", "daemon off;"],
                stdout=output,
                stderr=output,
                user=user.pw_uid if user else None,
                group=user.pw_gid if user else None,
                extra_groups=[] if user else None,
            )
        try:
            _wait_for(port, process, log)
            uid = _uid_of(process.pid)
            assert uid != 0, "nginx runs as root; the container never does"
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            process.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _uid_of(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(f"no Uid in /proc/{pid}/status")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx stopped at once:\n{log.read_text(errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise AssertionError(f"nginx did not answer on port {port} within 10 s:\n{log.read_text(errors='replace')}")
