"""Search with Pagefind (option `search: pagefind`, the default): what the index holds, the header's box, failures.

Real builds of a small Dutch playbook in tmp_path, with the real Pagefind binary; the records are read back
from the index Pagefind wrote (its fragments), the words from its decompressed chunks.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from empathy_playbook.search_index import IndexStopped, SearchIndexError, folders_glob, index_site, mark_searchable

from .search_playbook import REAL_PERSON, REAL_PERSON_WARNINGS, write_search_playbook
from .support import Site, attribute, pagefind_records, pagefind_sections

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@pytest.fixture
def playbook(site: Site) -> Site:
    write_search_playbook(site.root)
    return site


def built(site: Site, *, strict: bool = False) -> Site:
    site.build(strict=strict)
    site.expect(*REAL_PERSON_WARNINGS)
    return site


def index_words(site_dir: Path) -> bytes:
    """Every file of the Pagefind index, decompressed and joined: the words, the pages, the filters."""
    chunks = []
    for file in (site_dir / "pagefind").rglob("*.pf_*"):
        data = file.read_bytes()
        chunks.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    return b"\n".join(chunks).lower()


def test_map_pages_are_indexed_by_section_with_their_facets_in_the_site_language(playbook: Site) -> None:
    built(playbook)
    site = playbook.root / "site"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]  # one index with Dutch stemming, from theme.language
    assert not (site / "search").exists()  # the theme's lunr index is not built
    records = playbook.pagefind()
    arts = records["/maps/zorg/arts/"]
    assert arts["meta"]["title"] == "Orthopedisch arts"
    sections = pagefind_sections(arts)
    assert sections["pains"] == ("Frustraties", "Frustraties. Personeelschaarste op de operatiekamer.")
    assert sections["sees"][1] == "Ziet. Overvolle prullenbakken op de afdeling."  # no need chip, no ¶
    assert {key: sorted(values) for key, values in arts["filters"].items()} == {
        "market": ["B2B"],
        "segment": ["Zorg"],
        "account": ["Ziekenhuis Oost"],
        "buying_role": ["Beslisser"],
        "need": ["Economisch", "Functioneel"],
        "metaphor": ["Racefiets"],
    }
    assert records["/maps/zorg/inkoper/"]["filters"]["buying_role"] == ["Inkoper", "Poortwachter"]
    assert pagefind_sections(records["/lezen/"])["uitleg"] == (
        "Uitleg",
        "Uitleg. Handgeschreven uitleg over kwartaalcijfers.",
    )
    assert "/" in records and "/maps/" in records  # the home page and the overview
    # Only repeating the map pages: the needs index, the account pages and the meeting cards.
    assert not [url for url in records if url.startswith(("/needs/", "/accounts/", "/cards/"))]


def test_only_searchable_pages_carry_the_mark(playbook: Site) -> None:
    playbook.write("docs/geheim.md", "---\nsearch:\n  exclude: true\n---\n# Geheim\n\nNiet zoekbaar.\n")
    built(playbook)
    assert "data-pagefind-body" in playbook.html("maps/zorg/arts")
    assert "data-pagefind-body" not in playbook.html("needs")
    assert "data-pagefind-body" not in playbook.html("geheim")  # the theme's own switch is honoured
    assert "/geheim/" not in playbook.pagefind()
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in playbook.html("lezen")


def test_the_personal_fields_of_a_real_person_are_not_in_the_index(playbook: Site) -> None:
    built(playbook)
    words = index_words(playbook.root / "site")
    assert b"zeldzaamwoord" in words  # the same map's items are (the check can see words)
    assert b"directeur" in words
    for personal in REAL_PERSON:
        assert personal.lower().encode() not in words


def test_published_personal_data_is_indexed_like_any_text(site: Site) -> None:
    """The counterpart of the test above: with publish_personal_data the same check does find the name."""
    write_search_playbook(site.root, "publish_personal_data: true")
    site.build()
    assert REAL_PERSON[0].lower().encode() in index_words(site.root / "site")


def test_the_header_search_box_is_pagefinds(playbook: Site) -> None:
    built(playbook)
    page = BeautifulSoup(playbook.html("maps/zorg/arts"), "html.parser")
    box = page.select_one("header [data-ep-search]")
    assert box is not None and box["data-bundle"] == "../../../pagefind/"
    assert box["role"] == "dialog" and box["aria-label"] == "Zoeken"
    assert page.select_one('[data-md-component="search"]') is None  # the theme's own search is not started
    labels = json.loads(attribute(box, "data-labels"))
    assert labels["facets"] == [
        ["market", "Markt"],
        ["segment", "Segment"],
        ["account", "Account"],
        ["buying_role", "Rol in de beslissing"],
        ["need", "Behoefte"],
        ["metaphor", "Metafoor"],
    ]
    assert labels["none"] == "Niets gevonden."
    scripts = [script.get("src", "") for script in page.select("script")]
    assert "../../../assets/empathy-playbook/search.js" in scripts
    assert box.select("script, style, [style]") == []  # nothing inline: a strict Content-Security-Policy holds
    assert (playbook.root / "site" / "assets" / "empathy-playbook" / "search.css").is_file()


def test_search_theme_keeps_the_theme_search(site: Site) -> None:
    write_search_playbook(site.root, "search: theme")
    built(site)
    assert not (site.root / "site" / "pagefind").exists()
    page = BeautifulSoup(site.html("maps/zorg/arts"), "html.parser")
    assert page.select_one('[data-md-component="search"]') is not None
    assert page.select_one("[data-ep-search]") is None
    entries = {entry["location"]: entry for entry in site.search_index()}
    assert entries["maps/zorg/arts/#pains"]["title"] == "Frustraties"
    assert "Personeelschaarste" in entries["maps/zorg/arts/#pains"]["text"]


def test_a_pagefind_failure_is_a_clear_build_error(
    playbook: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "pagefind-that-fails"
    broken.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    playbook.build()
    assert playbook.aborted
    playbook.expect(
        *REAL_PERSON_WARNINGS,
        "ERROR empathy-playbook: de zoekindex kon niet gemaakt worden: Pagefind failed (exit status 3): "
        "Error: the disk is full",
    )


def test_a_missing_pagefind_is_a_clear_build_error(
    playbook: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere" / "pagefind"))
    playbook.build()
    assert playbook.aborted
    (message,) = playbook.claim_all("zoekindex kon niet gemaakt worden")
    assert "Pagefind could not be started" in message and "No such file or directory" in message
    playbook.claim_all("persoonsgegeven")


def test_the_search_option_takes_pagefind_or_theme(site: Site) -> None:
    write_search_playbook(site.root, "search: lunr")
    site.build()
    assert site.aborted
    site.expect(
        "ERROR Config value 'plugins': Plugin 'empathy-playbook' option 'search': "
        "should be one of pagefind, theme, not 'lunr'"
    )


def test_a_file_where_the_index_goes_is_an_error(playbook: Site) -> None:
    playbook.write("docs/pagefind/notes.md", "# Notes\n")
    built(playbook)
    playbook.expect(
        "ERROR pagefind/notes.md: in 'pagefind/' komt de zoekindex (search: pagefind); verplaats dit bestand"
    )


def test_a_copy_of_the_theme_search_box_in_custom_dir_is_named(playbook: Site) -> None:
    config = (playbook.root / "mkdocs.yml").read_text(encoding="utf-8")
    playbook.write("mkdocs.yml", config.replace("  language: nl\n", "  language: nl\n  custom_dir: overrides\n"))
    playbook.write("overrides/partials/search.html", '<div class="md-search" data-md-component="search"></div>\n')
    built(playbook)
    playbook.expect(
        "WARNING overrides/partials/search.html: deze kopie van het zoekvak van het thema verbergt dat van "
        "Pagefind (search: pagefind); verwijder hem, of zet 'search: theme' om het zoeken van het thema te houden"
    )


def test_mark_searchable_marks_the_content_once() -> None:
    material = '<body><main><article class="md-content__inner md-typeset"><h1>T</h1></article></main></body>'
    marked = mark_searchable(material)
    assert marked.count("data-pagefind-body") == 1
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in marked
    assert mark_searchable(marked) == marked
    assert mark_searchable("<body><main id=x>T</main></body>") == "<body><main id=x data-pagefind-body>T</main></body>"
    assert mark_searchable("<html><body>T</body></html>") == "<html><body data-pagefind-body>T</body></html>"
    # Text about the attribute is no mark.
    assert "<main data-pagefind-body>" in mark_searchable("<body><p>data-pagefind-body</p><main>T</main></body>")


def test_pagefind_reads_only_the_folders_that_hold_searchable_pages() -> None:
    pages = ["index.html", "maps/a/index.html", "maps/zorg/b/index.html", "lezen/index.html"]
    assert folders_glob(pages) == "{index.html,lezen/**/*.html,maps/**/*.html}"  # not cards/, accounts/, needs/
    assert folders_glob(["a,b/index.html", "maps/x/index.html"]) == "**/*.{html}"  # a name the glob would misread
    assert folders_glob([]) == "**/*.{html}"


def test_the_command_indexes_any_built_site(playbook: Site) -> None:
    built(playbook)
    site = playbook.root / "site"
    expected = {url: record["anchors"] for url, record in playbook.pagefind().items()}
    subprocess.run(["rm", "-r", str(site / "pagefind")], check=True)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "empathy-playbook"), "index", "site"],
        cwd=playbook.root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{len(expected)} pagina's (nl) geïndexeerd in ")  # a Dutch site: Dutch words
    assert {url: record["anchors"] for url, record in pagefind_records(site).items()} == expected


def test_the_command_fails_clearly_without_a_site(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "empathy-playbook"), "index", str(tmp_path / "missing")],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"empathy-playbook index: there is no built site at {tmp_path / 'missing'}; build the site first"
    )


def test_the_core_indexes_any_folder_of_html_and_refuses_an_empty_one(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html lang='en'><body><h1>Hi</h1><p>Words.</p></body></html>")
    report = index_site(tmp_path, "en")  # no page marked: Pagefind indexes every <body>, as on any site
    assert (report.pages, report.language) == (1, "en")
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    (tmp_path / "index.html").unlink()
    with pytest.raises(SearchIndexError, match=r"Pagefind failed \(exit status 1\): .*not able to build an index"):
        index_site(tmp_path, "en")
    with pytest.raises(SearchIndexError, match="there is no built site"):
        index_site(tmp_path / "nothing")


def test_a_stopped_index_ends_pagefind_before_it_writes(tmp_path: Path) -> None:
    """`mkdocs serve` stops the index of the last build when a save makes the site again."""
    (tmp_path / "index.html").write_text("<html lang='en'><body><h1>Hi</h1><p>Words.</p></body></html>")
    stop = threading.Event()
    stop.set()
    with pytest.raises(IndexStopped):
        index_site(tmp_path, "en", stop=stop)
    assert not (tmp_path / "pagefind" / "pagefind-entry.json").exists()
    stop.clear()
    assert index_site(tmp_path, "en", stop=stop).pages == 1


def test_properdocs_builds_give_the_same_search(tmp_path: Path) -> None:
    records = {}
    for program in ("mkdocs", "properdocs"):
        (tmp_path / program).mkdir()
        root = write_search_playbook(tmp_path / program)
        result = subprocess.run(
            [sys.executable, "-m", program, "build", "-f", "mkdocs.yml"],
            cwd=root,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        assert "Pagefind indexed" in result.stderr
        records[program] = pagefind_records(root / "site")
    assert records["mkdocs"]["/maps/zorg/arts/"]["filters"]["buying_role"] == ["Beslisser"]
    assert records["properdocs"] == records["mkdocs"]
