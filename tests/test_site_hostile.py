"""Hostile input that only a whole site shows: clashing names, the maps folder, sections that leak."""

from __future__ import annotations

import unicodedata

import pytest

from .support import GOOD_MAP, Site, one, run_program, soup


def _map(account: str, metaphor: str) -> str:
    return GOOD_MAP.replace("role: Purchaser", f"role: Purchaser\naccount: {account}\nmetaphor: {metaphor}")


def test_an_account_called_index_does_not_replace_the_accounts_overview(site: Site) -> None:
    site.write("maps/a.md", _map("Index", "Race bike"))
    site.build(strict=True)
    assert not site.aborted
    overview = soup(site.html("accounts"))
    assert overview.select_one("article a[href*='index-2']") is not None  # the account, at its own page
    assert "Index" in soup(site.html("accounts/index-2")).get_text()


def test_one_name_in_two_unicode_spellings_is_one_account_and_one_metaphor(site: Site) -> None:
    composed, decomposed = unicodedata.normalize("NFC", "Café Zorg"), unicodedata.normalize("NFD", "Café Zorg")
    assert composed != decomposed
    site.write("maps/a.md", _map(composed, composed))
    site.write("maps/b.md", _map(decomposed, decomposed))
    site.build(strict=True)
    assert not site.aborted
    accounts = [p for p in (site.root / "site" / "accounts").iterdir() if p.is_dir()]
    assert [p.name for p in accounts] == ["cafe-zorg"]
    metaphors = soup(site.html("metaphors"))
    assert len(metaphors.select("article h2")) == 1


@pytest.mark.parametrize("where", ["docs/maps", "docs", ".."])
def test_the_maps_folder_must_be_inside_the_project_and_outside_the_docs(site: Site, where: str) -> None:
    site.configure(plugin_options=f"maps_dir: {where}")
    site.write("docs/index.md", "# Home\n")
    site.build()
    assert site.aborted
    assert site.claim_all("maps folder")
    check = run_program("check", cwd=site.root)
    assert check.returncode == 2 and "maps folder" in check.stderr


def test_the_maps_folder_may_not_be_a_link(site: Site, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "a.md").write_text(GOOD_MAP, encoding="utf-8")
    (site.root / "maps").symlink_to(elsewhere)
    site.build()
    assert site.aborted
    assert site.claim_all("is a link")
    assert run_program("check", cwd=site.root).returncode == 2


def test_a_section_cannot_leave_an_element_open_nor_put_a_chip_in_an_attribute(site: Site) -> None:
    site.write(
        "maps/a.md",
        GOOD_MAP.replace("---\n\n## Sees", "---\n\nIntro <details><summary>open</summary>\n\n## Sees").replace(
            "## Pains\n", '## Pains\n<div title="a\n- inside #functional\n">x</div>\n\n'
        ),
    )
    site.build()
    site.messages.clear()
    page = soup(site.html("maps/a"))
    for key in ("sees", "hears", "pains", "gains"):
        assert one(page, f'[data-section="{key}"]').find_parent("details") is None, key
    for element in page.select("article [title]"):
        assert "<" not in element["title"] and "epneed" not in element["title"], element


CLASH = (
    "the empathy-playbook plugin publishes a page {made} at this file's address ('{address}'); one would replace "
    "the other, so the plugin leaves its page out: rename this file"
)


@pytest.mark.parametrize(
    ("docs_file", "made", "address"),
    [
        ("docs/needs/index.md", "'needs.md'", "needs/"),  # another source of the same address
        ("docs/cards/good.md", "from maps/good.md", "cards/good/"),  # a meeting card, written after the build
        ("docs/Maps/Good.md", "from maps/good.md", "maps/good/"),  # one folder where case does not count
        ("docs/maps/cafe\u0301.md", "from maps/caf\u00e9.md", "maps/caf\u00e9/"),  # one name in two Unicode forms
    ],
)
def test_a_docs_page_at_the_address_of_a_playbook_page_is_an_error_naming_both(
    site: Site, docs_file: str, made: str, address: str
) -> None:
    """Issue 11: neither page silently replaces the other; the site's own stays, the error names both files."""
    site.write("maps/good.md", GOOD_MAP)
    site.write("maps/caf\u00e9.md", GOOD_MAP)
    site.write(docs_file, "# Mine\n\nHAND-WRITTEN\n")
    problem = f"{docs_file}:1: " + CLASH.format(made=made, address=address)
    site.build(strict=True)
    assert site.aborted
    site.expect(f"ERROR {problem}")
    lenient = site.build()  # a name of its own: mypy narrowed `site.aborted` to True above
    assert not lenient.aborted
    site.expect(f"ERROR {problem}")
    published = site.root / "site" / docs_file.removeprefix("docs/").removesuffix(".md").removesuffix("/index")
    assert "HAND-WRITTEN" in (published / "index.html").read_text(encoding="utf-8")
    check = run_program("check", cwd=site.root)
    assert check.returncode == 1
    assert check.stdout.splitlines()[:-1] == [problem.replace(":1: ", ":1: error: ", 1)]
