"""The corpus of broken and hostile maps (tests/corpus): every problem, with its line, through every way in.

expected.yml lists, for each file, every problem it must produce. The same list must come out of the
core reader and out of a real `mkdocs build`; a lenient build must still publish every map, and
nothing active from any of them.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from empathy_playbook import Settings, Vocabulary, parse_map
from empathy_playbook.discovery import read_playbook
from empathy_playbook.model import quoted
from empathy_playbook.privacy import NO_PERSONAL_DATA
from empathy_playbook.section_html import plain_text

from .support import (
    CORPUS,
    EXPECTED,
    GOOD_MAP,
    Site,
    assert_no_active_content,
    corpus_line_as_log,
    one,
    run_program,
    write_corpus_expectations,
)


def reader_problems(name: str) -> list[str]:
    """What the core reader finds in corpus file `name`, as expected.yml writes it."""
    m = parse_map((CORPUS / name).read_bytes(), path=f"maps/{name}", url_path=name[:-3], vocabulary=Vocabulary())
    NO_PERSONAL_DATA.apply(m)
    return [f"{p.level.value} {p.line}: {p.message}" for p in m.problems]


def test_every_corpus_file_has_expectations() -> None:
    if os.environ.get("UPDATE_GOLDEN"):  # after an intended change: rewrite them, then read the diff
        EXPECTED.clear()
        EXPECTED.update({path.name: reader_problems(path.name) for path in CORPUS.glob("*.md")})
        write_corpus_expectations(EXPECTED)
    assert sorted(path.name for path in CORPUS.glob("*.md")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_reader_gives_exactly_the_expected_problems(name: str) -> None:
    assert reader_problems(name) == EXPECTED[name]


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("corpus"))
    shutil.copytree(CORPUS, site.root / "maps", ignore=shutil.ignore_patterns("*.yml"))
    # As this repository's own mkdocs.yml: snippets enabled, which maps must never be able to use.
    site.configure(extra='  - pymdownx.snippets:\n      base_path: ["."]\n')
    site.write("secret.txt", "token=SECRET-IN-THE-CHECKOUT\n")
    return site


def test_a_strict_build_fails_and_logs_every_problem_with_its_path_and_line(corpus_site: Site) -> None:
    corpus_site.build(strict=True)
    assert corpus_site.aborted
    # MkDocs' own link check speaks too: the corpus links to images that are not there.
    corpus_site.claim_all(r"^WARNING Doc file 'maps/active-content.md' contains a link")
    logged = sorted(m for m in corpus_site.messages if m.startswith(("WARNING", "ERROR")))
    expected = sorted(corpus_line_as_log(name, problem) for name, problems in EXPECTED.items() for problem in problems)
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
        assert_no_active_content(content, page)
        assert not one(soup, "head").find_all("script", string=re.compile("alert")), page
    # Pagefind indexes the text of these pages (its search box shows it as text, never as HTML).
    assert any(url.startswith("/maps/active-content/") for url in corpus_site.pagefind())


def test_generate_for_other_engines_publishes_no_file_a_map_includes(corpus_site: Site, tmp_path: Path) -> None:
    """`generate` converts maps as the plugin does, without the extensions that read files: an include in a map
    (the corpus has them, the site enables snippets, the file exists) publishes nothing of the checkout, and a
    missing one stops nothing."""
    out = tmp_path / "zensical"
    generated = run_program("generate", "--out", str(out), cwd=corpus_site.root)
    assert generated.returncode == 1 and "Traceback" not in generated.stderr, generated.stderr
    assert "maps/include-directives.md:5: warning: '--8<--' includes a file" in generated.stdout
    assert (out / "docs" / "maps" / "include-directives.md").is_file()
    leaked = [path for path in out.rglob("*") if path.is_file() and b"SECRET-IN-THE-CHECKOUT" in path.read_bytes()]
    assert leaked == []


def test_template_syntax_in_a_map_is_shown_literally(corpus_site: Site) -> None:
    corpus_site.build()
    corpus_site.messages.clear()
    page = BeautifulSoup(corpus_site.html("maps/template-syntax"), "html.parser")
    text = one(page, "article").get_text(" ")
    assert "{{ config.site_name }} {% raw %}" in text
    assert "{{ 7 * 7 }}" in text and "49" not in text
    assert "Intro with {{ config }} and {% if true %}x{% endif %}." in text
    assert "{{ page.title }}" in one(page, '[data-section="sees"]').get_text()


def test_every_item_of_every_map_is_on_its_page(corpus_site: Site) -> None:
    corpus_site.build()
    corpus_site.messages.clear()
    for name in EXPECTED:
        m = parse_map((CORPUS / name).read_bytes(), path=name, url_path=name[:-3], vocabulary=Vocabulary())
        page = BeautifulSoup(corpus_site.html(f"maps/{name[:-3]}"), "html.parser")
        for key, section in m.sections.items():
            shown = " ".join(one(page, f'[data-section="{key}"]').get_text(" ").split())
            for item in section.items:
                visible = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", item.text)  # an image's alt text is no text
                words = re.sub(r"<[^>]*>|\{:[^}]*\}|\([^)]*\)", " ", plain_text(visible))
                for word in re.findall(r"[A-Za-zÀ-ÿ]{3,}", words):
                    assert word in shown, (name, key, item.text, word)


HIDDEN = ("Secret", "Geheim", "1972", "85.000", "85000", "vijfentachtig", "0612345678")
"""Personal data in the corpus that no page, index, search entry or card may show (personal-*, subject-*,
front matter that cannot be read)."""


def test_a_real_persons_personal_data_appears_nowhere_in_the_site(corpus_site: Site) -> None:
    corpus_site.build()
    corpus_site.messages.clear()
    site_dir = corpus_site.root / "site"
    for file in site_dir.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".xml", ".txt"):
            text = file.read_text(encoding="utf-8", errors="replace")
            for secret in ("Jan Jansen", "Dorpsstraat", ">52<", '"52"', "SECRET-IN-THE-CHECKOUT", *HIDDEN):
                assert secret not in text, (file, secret)
    bands = one(BeautifulSoup(corpus_site.html("maps/personal-bands"), "html.parser"), ".ep-profile")
    for band in ("45-55", "50+", "modaal", "< 30.000", "€40k - €50k"):  # clearly ranges or bands: published
        assert band in bands.get_text(" "), band
    page = BeautifulSoup(corpus_site.html("maps/real-person"), "html.parser")
    profile = one(page, ".ep-profile").get_text(" ")
    assert "Hoofd inkoop" in profile  # not personal: published
    assert "40k-50k" in profile  # a range: published


def test_publishing_personal_data_must_be_allowed_explicitly(site: Site) -> None:
    site.configure(plugin_options="publish_personal_data: true")
    site.write("maps/real.md", (CORPUS / "real-person.md").read_text(encoding="utf-8"))
    site.build(strict=True)
    assert "Jan Jansen" in site.html("maps/real")


def test_the_theme_search_index_holds_map_text_escaped(tmp_path_factory: pytest.TempPathFactory) -> None:
    """With `search: theme` mkdocs-material's index holds HTML (and shows it): map text must be escaped there."""
    site = Site(tmp_path_factory.mktemp("corpus-theme"))
    shutil.copytree(CORPUS, site.root / "maps", ignore=shutil.ignore_patterns("*.yml"))
    site.configure(plugin_options="search: theme")
    site.build()
    site.messages.clear()  # the corpus's own problems, checked above
    index = (site.root / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script" not in index
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", index)
    assert not re.search(r"(href|src)=\\?[\"']?\s*(javascript|vbscript|data):", index, re.IGNORECASE)
    titles = [
        entry["title"] for entry in json.loads(index)["docs"] if entry["location"].startswith("maps/active-content/")
    ]
    assert titles and all("<script" not in title for title in titles)


NAMES: dict[str, str] = yaml.safe_load((CORPUS / "names.yml").read_text(encoding="utf-8"))


def _name(key: str) -> str:
    """A path of names.yml as the file system gives it (`\\xff` is that byte, as on Linux)."""
    return os.fsdecode(codecs.escape_decode(key.encode())[0])


def _problem(name: str) -> str:
    level, rest = NAMES[name].replace("\\ufffd", "\ufffd").split(" ", 1)
    line, message = rest.split(": ", 1)
    return f"{level.upper()} maps/{quoted(_name(name), limit=None)}:{line}: {message}"


@pytest.fixture(scope="module")
def names_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("names"))
    site.write("maps/good.md", GOOD_MAP)
    for name in NAMES:
        file = site.root / "maps" / _name(name)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(GOOD_MAP, encoding="utf-8")
    return site


def test_a_hostile_name_is_refused_at_its_path_by_the_reader(names_site: Site) -> None:
    playbook = read_playbook(names_site.root, Settings())
    assert [m.path for m in playbook.maps] == ["maps/good.md"]
    assert sorted(f"{p.level.value.upper()} {p}" for p in playbook.all_problems) == sorted(map(_problem, NAMES))


def test_a_hostile_name_fails_a_strict_build_and_a_lenient_one_publishes_the_rest(names_site: Site) -> None:
    names_site.build(strict=True)
    assert names_site.aborted
    assert sorted(names_site.claim_all("^(WARNING|ERROR)")) == sorted(map(_problem, NAMES))
    lenient = names_site.build()
    assert not lenient.aborted
    assert sorted(names_site.claim_all("^(WARNING|ERROR)")) == sorted(map(_problem, NAMES))
    site_dir = names_site.root / "site"
    assert (site_dir / "maps" / "good" / "index.html").is_file()
    published = [path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")]
    assert not [path for path in published if re.search(r"[<>:\"|?*&'`#%\udc80-\udcff]", path)]
    assert "onerror" not in (site_dir / "index.html").read_text(encoding="utf-8")


def test_check_reports_a_hostile_name_as_the_build_does_in_every_format(names_site: Site) -> None:
    text = run_program("check", cwd=names_site.root)
    assert text.returncode == 1
    assert sorted(text.stdout.splitlines()[:-1]) == sorted(
        re.sub(r"^(\w+) (.*?:\d+): ", lambda m: f"{m[2]}: {m[1].lower()}: ", p) for p in map(_problem, NAMES)
    )
    listed = json.loads(run_program("check", "--format", "json", cwd=names_site.root).stdout)
    assert len(listed) == len(NAMES)
    exported = json.loads(run_program("export", cwd=names_site.root).stdout)
    assert [m["path"] for m in exported["maps"]] == ["maps/good.md"]
