"""`mkdocs serve` after a map is saved: the rebuilt site equals a clean build of the edited playbook.

MkDocs keeps a plugin that has an `on_startup` method for the whole serve and calls `build` again after
every save, with the config read again; the plugin keeps the maps it parsed and re-reads only those
whose file changed. These tests do what `mkdocs serve` does, in-process: on_startup, build, save a map,
load the config again, build again; then build the edited playbook from scratch in another folder and
compare the two sites file by file: every page, the indexes, the account pages, the meeting cards
and the search index. How fast that is, is measured by the benchmark (benchmarks/run.py), not here.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from empathy_playbook.plugin import EmpathyPlaybookPlugin

from .search_playbook import write_search_playbook

EDITED = "maps/zorg/arts.md"


def _playbook(root: Path, options: str = "") -> Path:
    """The search tests' playbook, plus a map whose relation names no map (an error found after parsing)."""
    root.mkdir()
    write_search_playbook(root, "search: theme\n" + options)
    (root / "maps" / "zorg" / "verpleegkundige.md").write_text(
        "---\ntitle: Verpleegkundige\naccount: Ziekenhuis Oost\nrelations:\n  - map: zorg/niemand\n"
        "    kind: beïnvloedt\n---\n\n## Ziet\n\n- Volle gangen.\n",
        encoding="utf-8",
    )
    return root


_served: list[MkDocsConfig] = []


def _start_serving(config: MkDocsConfig, *, dirty: bool) -> None:
    config.plugins.on_startup(command="serve", dirty=dirty)
    _served.append(config)


@pytest.fixture(autouse=True)
def _builds_after_these_tests_are_not_served() -> Iterator[None]:
    """MkDocs keeps one instance of the plugin per process (it has on_startup), so the other tests' builds
    would go on as served builds: they are told that what follows is `mkdocs build`."""
    yield
    while _served:
        _served.pop().plugins.on_startup(command="build", dirty=False)


def _config(root: Path) -> MkDocsConfig:
    return load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))


@contextmanager
def _logged() -> Iterator[list[str]]:
    """The warnings and errors MkDocs logs meanwhile: the problems of the maps, as `path:line: message`."""
    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def _site_files(site: Path) -> dict[str, bytes]:
    # sitemap.xml.gz holds the time it was compressed; sitemap.xml holds the same list.
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != "sitemap.xml.gz"
    }


def _save(file: Path, text: str) -> None:
    """Save as an editor does; the modification time moves on even on a file system with coarse timestamps."""
    before = file.stat().st_mtime_ns
    file.write_text(text, encoding="utf-8")
    os.utime(file, ns=(before + 1_000_000_000, before + 1_000_000_000))


@pytest.mark.parametrize(
    ("dirty", "options"),
    [(False, ""), (True, "nav_max_maps: 2"), (True, ""), (True, "nav_max_maps: 2\nindex_page_size: 1")],
    ids=["serve", "serve --dirty", "serve --dirty, maps in the navigation", "serve --dirty, indexes in pages"],
)
def test_a_rebuild_after_saving_a_map_equals_a_clean_build(tmp_path: Path, dirty: bool, options: str) -> None:
    """The saved map changes its title (its place in every list of maps), its segment, an item and an
    item's needs (which needs pages list it); with `index_page_size: 1` every index lists its groups, one
    entry a page, so that a page the map leaves or joins changes as do the pages of its group it is not on."""
    maps_in_nav = "nav_max_maps" not in options
    served = _playbook(tmp_path / "served", options)
    config = _config(served)
    _start_serving(config, dirty=dirty)
    build(config, dirty=dirty)
    untouched = served / "site" / "maps" / "retail" / "winkelier" / "index.html"
    written = untouched.stat().st_mtime_ns
    plugin = config.plugins["empathy-playbook"]
    assert isinstance(plugin, EmpathyPlaybookPlugin)
    served_plugin: EmpathyPlaybookPlugin = plugin
    cached_before = dict(served_plugin._map_cache._maps)

    map_file = served / EDITED
    text = map_file.read_text(encoding="utf-8")
    edited = (
        text.replace("title: Orthopedisch arts", "title: Anesthesist")
        .replace("segment: Zorg", "segment: Retail")
        .replace("Overvolle prullenbakken op de afdeling.", "Lege gangen na de verbouwing.")
        .replace("- Personeelschaarste op de operatiekamer. #economisch", "- Wachtlijsten. #economisch #psychologisch")
    )
    assert edited != text
    _save(map_file, edited)
    config = _config(served)  # mkdocs serve reads mkdocs.yml again for every rebuild
    assert config.plugins["empathy-playbook"] is plugin, "MkDocs no longer keeps the plugin between rebuilds"
    with _logged() as rebuild_log:
        build(config, dirty=dirty)
    # With --dirty, a page that shows nothing of the saved map is not written again; unless every page's
    # navigation lists the maps.
    assert (untouched.stat().st_mtime_ns == written) is (dirty and not maps_in_nav)

    # Only the saved map was parsed again: the others are the very objects parsed for the first build.
    cached_after = served_plugin._map_cache._maps
    changed = {key for key in cached_before if cached_after[key] is not cached_before[key]}
    assert changed == {(str(map_file), str(served / "maps"))}

    clean = tmp_path / "clean"
    shutil.copytree(served, clean, ignore=shutil.ignore_patterns("site"))
    with _logged() as clean_log:
        build(_config(clean))

    # The problems of the maps not read again are still reported, each once, as in a clean build.
    # (With --dirty, a page not written again does not report what its rendering found, as MkDocs' own pages.)
    assert sorted(rebuild_log) == sorted(clean_log) or dirty
    assert any("directeur.md" in message for message in clean_log)
    assert any("verpleegkundige.md" in message for message in clean_log)
    rebuilt, fresh = _site_files(served / "site"), _site_files(clean / "site")
    assert rebuilt.keys() == fresh.keys()
    # With --dirty, mkdocs-material's search plugin merges its index by assuming one page was written
    # (search/plugin.py, generate_search_index): its own limit, not the playbook's; Pagefind, the
    # playbook's default search, indexes the whole site folder after every build.
    compared = [path for path in rebuilt if not (dirty and path == "search/search_index.json")]
    assert [path for path in compared if rebuilt[path] != fresh[path]] == []
    assert "Lege gangen na de verbouwing." in rebuilt["maps/zorg/arts/index.html"].decode()
    assert "Anesthesist" in rebuilt["accounts/ziekenhuis-oost/index.html"].decode()
    assert "Wachtlijsten." in rebuilt["search/search_index.json"].decode()


def test_a_map_deleted_while_serving_leaves_the_site(tmp_path: Path) -> None:
    served = _playbook(tmp_path / "served")
    config = _config(served)
    _start_serving(config, dirty=False)
    build(config)
    assert (served / "site" / "maps" / "zorg" / "arts" / "index.html").is_file()

    (served / EDITED).unlink()
    build(_config(served))

    assert not (served / "site" / "maps" / "zorg" / "arts").exists()
    assert "Orthopedisch arts" not in (served / "site" / "accounts" / "ziekenhuis-oost" / "index.html").read_text()


def _add_map(root: Path) -> None:
    (root / "maps" / "zorg" / "apotheker.md").write_text(
        "---\ntitle: Apotheker\naccount: Ziekenhuis Oost\nsegment: Zorg\nmarket: b2b\n---\n\n"
        "## Ziet\n\n- Lege schappen. #economisch\n",
        encoding="utf-8",
    )


def _delete_map(root: Path) -> None:
    (root / EDITED).unlink()


def _rename_map(root: Path) -> None:
    (root / "maps" / "retail" / "winkel").mkdir()
    (root / EDITED).rename(root / "maps" / "retail" / "winkel" / "arts.md")


def _edit_config(root: Path) -> None:
    config = root / "mkdocs.yml"
    _save(config, config.read_text(encoding="utf-8").replace("site_name: Zoektest", "site_name: Verkoopgids"))


def _retitle_page(root: Path) -> None:
    """A page of the navigation gets another title: every page's navigation shows it."""
    page = root / "docs" / "lezen.md"
    _save(page, page.read_text(encoding="utf-8").replace("# Lezen", "# Lezen en schrijven"))


def _add_page(root: Path) -> None:
    (root / "docs" / "nieuw.md").write_text("# Nieuwe pagina\n\nNet geschreven.\n", encoding="utf-8")


def _delete_page(root: Path) -> None:
    (root / "docs" / "lezen.md").unlink()


def _edit_template(root: Path) -> None:
    """An override in the theme's custom_dir: a new template environment per rebuild, the compiled
    templates kept (rebuild.TemplateCache), and every page shows it."""
    template = root / "overrides" / "main.html"
    _save(template, template.read_text(encoding="utf-8").replace("Versie 1", "Versie 2"))


@pytest.mark.parametrize("maps_in_nav", [False, True], ids=["maps off the navigation", "maps in the navigation"])
@pytest.mark.parametrize(
    "change",
    [_add_map, _delete_map, _rename_map, _edit_config, _retitle_page, _add_page, _delete_page, _edit_template],
    ids=lambda change: change.__name__.strip("_").replace("_", " "),
)
def test_serve_dirty_after_what_a_contributor_does_equals_a_clean_build(
    tmp_path: Path, change: Callable[[Path], None], maps_in_nav: bool
) -> None:
    """What `./dev serve` (which serves with --dirty) must follow: maps and pages added, deleted, renamed
    or retitled, and mkdocs.yml edited. MkDocs' own --dirty writes only the files changed since, so the
    other pages would keep a navigation without the new page, or with the old title or site name."""
    served = _playbook(tmp_path / "served", "" if maps_in_nav else "nav_max_maps: 2")
    site_config = served / "mkdocs.yml"
    site_config.write_text(
        site_config.read_text(encoding="utf-8").replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    (served / "overrides").mkdir()
    (served / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Versie 1{% endblock %}\n', encoding="utf-8"
    )
    config = _config(served)
    _start_serving(config, dirty=True)
    build(config, dirty=True)
    before = _site_files(served / "site")

    change(served)
    build(_config(served), dirty=True)

    clean = tmp_path / "clean"
    shutil.copytree(served, clean, ignore=shutil.ignore_patterns("site"))
    build(_config(clean))
    rebuilt, fresh = _site_files(served / "site"), _site_files(clean / "site")
    assert rebuilt != before
    assert rebuilt.keys() == fresh.keys()
    # mkdocs-material's search index under --dirty: see the test above.
    assert [path for path in rebuilt if rebuilt[path] != fresh[path] and path != "search/search_index.json"] == []


def test_under_serve_pagefind_indexes_in_the_background_and_a_rebuild_stops_it(tmp_path: Path) -> None:
    """With Pagefind (the default search), `mkdocs serve` puts the saved page on screen first and indexes
    after: a rebuild returns while Pagefind runs, and the next one stops that run and starts its own."""
    served = tmp_path / "served"
    served.mkdir()
    write_search_playbook(served)
    config = _config(served)
    _start_serving(config, dirty=True)
    build(config, dirty=True)
    plugin = config.plugins["empathy-playbook"]
    assert isinstance(plugin, EmpathyPlaybookPlugin)
    first = plugin._indexing
    assert first is not None, "Pagefind ran before the build returned"

    _save(served / EDITED, (served / EDITED).read_text(encoding="utf-8").replace("prullenbakken", "vuilnisbakken"))
    with _logged() as rebuild_log:
        build(_config(served), dirty=True)
        assert not first.is_alive()
        assert plugin._indexing is not None
        plugin._indexing.join()
    assert [message for message in rebuild_log if "empathy-playbook:" in message] == []  # a stopped run is no error

    clean = tmp_path / "clean"
    shutil.copytree(served, clean, ignore=shutil.ignore_patterns("site"))
    clean_config = _config(clean)
    clean_config.plugins.on_startup(command="build", dirty=False)  # `mkdocs build`: Pagefind before it returns
    build(clean_config)
    entry = json.loads((served / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    fresh = json.loads((clean / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] == fresh["languages"]["nl"]["page_count"] > 0
