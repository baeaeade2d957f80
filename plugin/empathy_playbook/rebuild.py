"""Which generated pages a rebuild must make again: each page's inputs, as a key that changes when they do.

For `mkdocs serve --dirty` (and `mkdocs build --dirty`): MkDocs then writes only the pages whose file
says it was modified. A map's page and meeting card show the map and the other maps of its account
(profile rows, relations); an account page shows its maps; a page of a long index shows the maps of
its own entries, and of its group only the name and the entries' order (`GeneratedPage.shows` and
`group`), as the onboarding page shows the maps of its steps; every other page (the indexes of every
map) may show any map, so any changed map makes them again. What every page depends on (the
settings, the site's configuration, the set of maps, their addresses and accounts, the metaphors'
anchors) is in every key: a change there makes the whole site again. The key of a map is its file's
modification time, size and inode when it was read (`discovery.MapCache.stamp`): a map saved again
while the site is built has another, so the next rebuild writes its pages again.

`TemplateCache` keeps the compiled templates from one rebuild to the next (`mkdocs serve` makes new
template environments for every rebuild, and compiling them again is a good part of a rebuild's time).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path

import jinja2

from .pages import GeneratedPage, account_page, card_page
from .render import Renderer


def page_keys(
    renderer: Renderer, pages: Iterable[GeneratedPage], stamp: Callable[[str], Hashable], site_key: str
) -> dict[str, str]:
    """The key of each page's inputs, by page path. `stamp` gives a map's (by its path) as it was read;
    `site_key` stands for what the site engine knows of the site's configuration (the file's modification
    time, for MkDocs)."""
    playbook = renderer.playbook
    stamps = {m: stamp(m.path) for m in playbook.maps}
    whole = repr(
        (
            site_key,
            renderer.settings,
            renderer.today,
            sorted((m.path, m.url_path) for m in playbook.maps),
            # Which account each map is of; the order of an account's maps is in its own pages' keys below.
            [(a.slug, sorted(m.path for m in a.maps)) for a in renderer.accounts],
            [(metaphor.name, metaphor.anchor) for metaphor in renderer.metaphors],
        )
    )
    by_path = {m.path: stamps[m] for m in playbook.maps}
    every_map = repr(sorted(by_path.items()))
    of_map: dict[str, str] = {}
    for account in renderer.accounts:
        together = repr([(m.path, stamps[m]) for m in account.maps])
        of_map.update({m.path: together for m in account.maps})
        of_map[account_page(account.slug)] = together
    by_page = {m.page_path: m for m in playbook.maps} | {card_page(m): m for m in playbook.maps}
    # Hashed once: it names every map, and there are several pages per map.
    site = hashlib.sha256(whole.encode()).hexdigest()
    keys = {}
    for page in pages:
        m = by_page.get(page.path)
        if m is not None:
            inputs = repr((m.path, stamps[m], of_map.get(m.path, "")))
        elif page.shows is not None:
            inputs = f"{page.group}\0{[(path, by_path.get(path)) for path in page.shows]!r}"
        else:
            inputs = of_map.get(page.path) or every_map
        keys[page.path] = hashlib.sha256(f"{site}\n{inputs}".encode()).hexdigest()
    return keys


def remove_stale(site: Path, written: Iterable[str], kept: set[str]) -> None:
    """Remove from the built site what an earlier build wrote (`written`, paths in the site) and this
    build no longer has: the pages of a map deleted or renamed, a page of an index that shrank, a file
    deleted from the docs folder. A clean build would not hold them. Folders left empty go too."""
    top = site.resolve()
    for name in sorted(set(written) - kept):
        file = (top / name).resolve()
        if top not in file.parents:  # the site's own paths only
            continue
        file.unlink(missing_ok=True)
        folder = file.parent
        while folder != top and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


class TemplateCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, in memory, for every environment made alike (Jinja's own bytecode cache).

    Jinja stores each template's source checksum with its code, and compiles a template whose source
    changed again. Code compiled by one environment is given only to an environment with the same
    settings, filters, tests and extensions, since the compiler reads them.
    """

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get((_settings(bucket.environment), bucket.key))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[(_settings(bucket.environment), bucket.key)] = bucket.bytecode_to_string()


def _settings(env: jinja2.Environment) -> str:
    """What the compiler reads from an environment, besides the template's source."""
    return repr(
        (
            type(env).__qualname__,
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.is_async,
            # A function decides per template: its name says nothing of its choices, so its id keeps it apart.
            env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape),
            sorted(env.extensions),
            sorted(env.filters),
            sorted(env.tests),
            getattr(env, "newstyle_gettext", None),
        )
    )
