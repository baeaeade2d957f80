"""The corpus of broken and hostile maps (tests/corpus): every problem, with its line, through every way in.

expected.yml lists, for each file, every problem it must produce. The same list must come out of the
core reader and out of a real `mkdocs build`; a lenient build must still publish every map, and
nothing active from any of them.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from empathy_playbook import Vocabulary, parse_map
from empathy_playbook.privacy import NO_PERSONAL_DATA
from empathy_playbook.render import plain_text

from .conftest import Site

CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, list[str]] = yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))
ACTIVE_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link", "style"}
UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def test_every_corpus_file_has_expectations() -> None:
    assert sorted(path.name for path in CORPUS.glob("*.md")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_reader_gives_exactly_the_expected_problems(name: str) -> None:
    m = parse_map((CORPUS / name).read_bytes(), path=f"maps/{name}", url_path=name[:-3], vocabulary=Vocabulary())
    NO_PERSONAL_DATA.apply(m)
    assert [f"{p.level.value} {p.line}: {p.message}" for p in m.problems] == EXPECTED[name]


def _as_log(name: str, expected: str) -> str:
    level, rest = expected.split(" ", 1)
    line, message = rest.split(": ", 1)
    return f"{level.upper()} maps/{name}:{line}: {message}"


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("corpus"))
    shutil.copytree(CORPUS, site.root / "maps", ignore=shutil.ignore_patterns("*.yml"))
    return site


def test_a_strict_build_fails_and_logs_every_problem_with_its_path_and_line(corpus_site: Site) -> None:
    corpus_site.build(strict=True)
    assert corpus_site.aborted
    # MkDocs' own link check speaks too: the corpus links to images that are not there.
    corpus_site.claim_all(r"^WARNING Doc file 'maps/active-content.md' contains a link")
    logged = sorted(m for m in corpus_site.messages if m.startswith(("WARNING", "ERROR")))
    expected = sorted(_as_log(name, problem) for name, problems in EXPECTED.items() for problem in problems)
    assert logged == expected
    corpus_site.messages.clear()


def test_a_lenient_build_publishes_every_map_and_nothing_active(corpus_site: Site) -> None:
    corpus_site.build()
    assert not corpus_site.aborted
    corpus_site.messages.clear()  # the same problems as above
    site_dir = corpus_site.root / "site"
    for name in EXPECTED:
        assert (site_dir / "maps" / name[:-3] / "index.html").is_file(), name
    for page in site_dir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        content = soup.select_one("article")
        if content is None:
            continue
        for element in content.find_all(True):
            assert element.name not in ACTIVE_ELEMENTS, (page, element)
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), (page, element)
                if attribute in ("href", "src"):
                    assert not UNSAFE_URL.match(value), (page, element)
        assert not soup.head.find_all("script", string=re.compile("alert")), page
    # The search index holds HTML too (mkdocs-material shows it): map text must be escaped there.
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script" not in index
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", index)
    assert not re.search(r"(href|src)=\\?[\"']?\s*(javascript|vbscript|data):", index, re.IGNORECASE)


def test_template_syntax_in_a_map_is_shown_literally(corpus_site: Site) -> None:
    corpus_site.build()
    corpus_site.messages.clear()
    page = BeautifulSoup(corpus_site.html("maps/template-syntax"), "html.parser")
    text = page.select_one("article").get_text(" ")
    assert "{{ config.site_name }} {% raw %}" in text
    assert "{{ 7 * 7 }}" in text and "49" not in text
    assert "Intro with {{ config }} and {% if true %}x{% endif %}." in text
    assert "{{ page.title }}" in page.select_one('[data-section="sees"]').get_text()


def test_every_item_of_every_map_is_on_its_page(corpus_site: Site) -> None:
    corpus_site.build()
    corpus_site.messages.clear()
    for name in EXPECTED:
        m = parse_map((CORPUS / name).read_bytes(), path=name, url_path=name[:-3], vocabulary=Vocabulary())
        page = BeautifulSoup(corpus_site.html(f"maps/{name[:-3]}"), "html.parser")
        for key, section in m.sections.items():
            shown = " ".join(page.select_one(f'[data-section="{key}"]').get_text(" ").split())
            for item in section.items:
                visible = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", item.text)  # an image's alt text is no text
                words = re.sub(r"<[^>]*>|\{:[^}]*\}|\([^)]*\)", " ", plain_text(visible))
                for word in re.findall(r"[A-Za-zÀ-ÿ]{3,}", words):
                    assert word in shown, (name, key, item.text, word)


def test_a_real_persons_personal_data_appears_nowhere_in_the_site(corpus_site: Site) -> None:
    corpus_site.build()
    corpus_site.messages.clear()
    site_dir = corpus_site.root / "site"
    for file in site_dir.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".xml", ".txt"):
            text = file.read_text(encoding="utf-8", errors="replace")
            for secret in ("Jan Jansen", "Dorpsstraat", ">52<", '"52"'):
                assert secret not in text, (file, secret)
    page = BeautifulSoup(corpus_site.html("maps/real-person"), "html.parser")
    profile = page.select_one(".ep-profile").get_text(" ")
    assert "Hoofd inkoop" in profile  # not personal: published
    assert "40k-50k" in profile  # a range: published


def test_publishing_personal_data_must_be_allowed_explicitly(site: Site) -> None:
    site.configure(plugin_options="publish_personal_data: true")
    site.write("maps/real.md", (CORPUS / "real-person.md").read_text(encoding="utf-8"))
    site.build(strict=True)
    assert "Jan Jansen" in site.html("maps/real")


def test_search_index_entries_from_maps_are_text(corpus_site: Site) -> None:
    corpus_site.build()
    corpus_site.messages.clear()
    entries = json.loads((corpus_site.root / "site" / "search" / "search_index.json").read_text())["docs"]
    titles = [entry["title"] for entry in entries if entry["location"].startswith("maps/active-content/")]
    assert titles and all("<script" not in title for title in titles)
