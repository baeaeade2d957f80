"""Which generated pages a rebuild must make again: each page's inputs, as a key that changes when they do.

For `mkdocs serve --dirty` (and `mkdocs build --dirty`): MkDocs then writes only the pages whose file
says it was modified. A map's page and meeting card show the map and the other maps of its account
(profile rows, relations); an account page shows its maps; every other page (the indexes, the
compare and onboarding pages) may show any map, so any changed map makes them again. What every
page depends on (the settings, the site's configuration, the set of maps and their addresses, the
metaphors' anchors) is in every key: a change there makes the whole site again. The key of a map
is its file's modification time, size and inode, as the map cache (`discovery.MapCache`) uses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from .pages import GeneratedPage, account_page, card_page
from .render import Renderer


def page_keys(renderer: Renderer, pages: Iterable[GeneratedPage], root: Path, site_key: str) -> dict[str, str]:
    """The key of each page's inputs, by page path. `site_key` stands for what the site engine knows of
    the site's configuration (the file's modification time, for MkDocs)."""
    playbook = renderer.playbook
    stamps = {m: _stamp(root / m.path) for m in playbook.maps}
    whole = repr(
        (
            site_key,
            renderer.settings,
            renderer.today,
            sorted((m.path, m.url_path) for m in playbook.maps),
            [(a.slug, [m.path for m in a.maps]) for a in renderer.accounts],
            [(metaphor.name, metaphor.anchor) for metaphor in renderer.metaphors],
        )
    )
    every_map = repr(sorted((m.path, stamps[m]) for m in playbook.maps))
    of_map: dict[str, str] = {}
    for account in renderer.accounts:
        together = repr([(m.path, stamps[m]) for m in account.maps])
        of_map.update({m.path: together for m in account.maps})
        of_map[account_page(account.slug)] = together
    by_page = {m.page_path: m for m in playbook.maps} | {card_page(m): m for m in playbook.maps}
    keys = {}
    for page in pages:
        m = by_page.get(page.path)
        if m is not None:
            inputs = repr((m.path, stamps[m], of_map.get(m.path, "")))
        else:
            inputs = of_map.get(page.path) or every_map
        keys[page.path] = hashlib.sha256(f"{whole}\n{inputs}".encode()).hexdigest()
    return keys


def _stamp(file: Path) -> tuple[int, int, int] | None:
    try:
        status = file.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)
