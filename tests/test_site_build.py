"""Real sites built by MkDocs in tmp_path: the map pages, the indexes, the navigation, search and the log."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from .support import GOOD_MAP, Site, after, one, pagefind_sections, section, soup, texts

FULL_MAP = """\
---
title: Head of <b>Purchasing</b> & Co
role: Chief buyer
organisation: Acme Hospitals
market: b2b
segment: Price buyers
account: Acme
metaphor: [Racing bike, Chess game]
routine:
  age: 45-55
  position: Board member
  favourite_drink: Coffee
owner: Jan Jansen
reviewed: 2024-05-31
---

The buyer in one line: wants *certainty*.

## Sees
- Prices rise every quarter #economic
- New rules from the regulator #functional #psychological
- An item with `code` and C# in it

## Hears
| Who       | Says            |
|-----------|-----------------|
| Colleague | Cheaper please  |

## Thinks & feels
- Fears for <i>reputation</i> #psychological

```python
## Pains
print("not a heading")
```

## Says and does
- Asks for three quotes

## Pains
- Delays in delivery #functional
    - nested detail #economic

## Gains
- Growth of the department #psychological

## Approach
Show total cost of ownership.

## Story
The racing bike.
"""


@pytest.fixture
def full_site(site: Site) -> Site:
    site.write("maps/care/head-of-purchasing.md", FULL_MAP)
    return site.build(strict=True)


def test_a_map_is_published_at_its_path_with_every_item_in_its_section(full_site: Site) -> None:
    assert not full_site.aborted
    page = soup(full_site.html("maps/care/head-of-purchasing"))
    sees = section(page, "sees")
    assert texts(sees, "li") == [
        "Prices rise every quarter Economic",
        "New rules from the regulator Functional Psychological",
        "An item with code and C# in it",
    ]
    assert one(sees, "h2").get_text() == "Sees"
    assert one(section(page, "hears"), "table td").get_text() == "Colleague"
    thinks = section(page, "thinks-feels")
    assert texts(thinks, "li") == ["Fears for reputation Psychological"]
    assert "## Pains" in one(thinks, "pre code").get_text()
    assert texts(section(page, "pains"), "li > ul > li") == ["nested detail Economic"]
    assert texts(section(page, "gains"), "li") == ["Growth of the department Psychological"]
    assert texts(section(page, "approach"), "p") == ["Show total cost of ownership."]
    assert texts(section(page, "story"), "p") == ["The racing bike."]
    assert one(page, "article > p em").get_text() == "certainty"  # the introduction


def test_the_grid_has_the_six_sections_and_the_person_in_reading_order(full_site: Site) -> None:
    grid = one(soup(full_site.html("maps/care/head-of-purchasing")), ".ep-grid")
    order = [child.get("data-section") or child["class"][0] for child in grid.find_all(recursive=False)]
    assert order == ["thinks-feels", "hears", "ep-person", "sees", "says-does", "pains", "gains"]


def test_need_tags_become_chips_that_link_to_their_category(full_site: Site) -> None:
    page = soup(full_site.html("maps/care/head-of-purchasing"))
    chips = section(page, "sees").select("a.ep-need")
    assert [(chip.get_text(), chip["href"]) for chip in chips] == [
        ("Economic", "../../../needs/#economic"),
        ("Functional", "../../../needs/#functional"),
        ("Psychological", "../../../needs/#psychological"),
    ]
    assert "#economic" not in section(page, "sees").get_text()


def test_the_profile_card_shows_the_front_matter(full_site: Site) -> None:
    page = soup(full_site.html("maps/care/head-of-purchasing"))
    rows = {
        dt.get_text(): " ".join(dd.get_text(" ", strip=True).split())
        for dt, dd in zip(page.select(".ep-profile dt"), page.select(".ep-profile dd"), strict=True)
    }
    assert rows == {
        "Role": "Chief buyer",
        "Organisation": "Acme Hospitals",
        "Market": "B2B",
        "Segment": "Price buyers",
        "Account": "Acme",
        "Metaphor": "Racing bike , Chess game",
        "Age": "45-55",
        "Position in the organisation": "Board member",
        "Favourite drink": "Coffee",
        "Owner": "Jan Jansen",
        "Reviewed": "2024-05-31",
    }
    links = [a["href"] for a in page.select(".ep-profile a")]
    assert links == ["../../../accounts/acme/", "../../../metaphors/#racing-bike", "../../../metaphors/#chess-game"]


def test_values_from_the_map_are_escaped_everywhere(full_site: Site) -> None:
    raw = full_site.html("maps/care/head-of-purchasing")
    assert "<b>Purchasing</b>" not in raw
    assert "Head of &lt;b&gt;Purchasing&lt;/b&gt; &amp; Co" in raw
    page = soup(raw)
    assert one(page, "title").get_text().startswith("Head of <b>Purchasing</b> & Co")
    assert one(page, "article h1").get_text() == "Head of <b>Purchasing</b> & Co"
    for index in ("maps", "needs", "metaphors"):
        assert "<b>Purchasing</b>" not in full_site.html(index), index


def test_the_needs_index_lists_every_tagged_item_with_its_map_and_section(full_site: Site) -> None:
    page = soup(full_site.html("needs"))
    assert [h2["id"] for h2 in page.select("article h2")] == ["functional", "economic", "psychological"]
    # By category, then segment, then map: the map once, then its items, each linking to its section.
    segment = after(one(page, "h2#economic"), "h3")
    assert (segment["id"], segment.get_text()) == ("economic--price-buyers", "Price buyers")
    group = one(after(segment, "ul", class_="ep-need-list"), "li")
    assert (one(group, "a").get_text(), one(group, "a")["href"]) == (
        "Head of <b>Purchasing</b> & Co",
        "../maps/care/head-of-purchasing/",
    )
    rows = [(" ".join(li.get_text(" ", strip=True).split()), one(li, "a")["href"]) for li in group.select("ul li")]
    assert rows == [
        ("Prices rise every quarter Sees", "../maps/care/head-of-purchasing/#sees"),
        ("nested detail Pains", "../maps/care/head-of-purchasing/#pains"),
    ]


def test_the_metaphor_index_and_the_overview(full_site: Site) -> None:
    metaphors = soup(full_site.html("metaphors"))
    assert [(h2["id"], h2.get_text()) for h2 in metaphors.select("article h2[id]")] == [
        ("chess-game", "Chess game"),
        ("racing-bike", "Racing bike"),
    ]
    assert after(one(metaphors, "#racing-bike"), "a")["href"] == "../maps/care/head-of-purchasing/"
    overview = soup(full_site.html("maps"))
    cells = [td.get_text(" ", strip=True) for td in overview.select(".ep-overview tbody td")]
    assert cells == [
        "Head of <b>Purchasing</b> & Co Chief buyer",  # the role under the name
        "Acme Hospitals Acme",  # the account under the organisation
        "Price buyers B2B",  # the market under the segment
        "",  # no buying role
        "Racing bike , Chess game",
    ]


def test_generated_pages_are_in_the_navigation_and_the_search_index(full_site: Site) -> None:
    nav = full_site.spy.nav
    assert nav is not None
    titles = [str(page.title) for page in nav.pages]
    assert "Head of &lt;b&gt;Purchasing&lt;/b&gt; &amp; Co" in titles
    assert {"Maps", "Needs", "Metaphors"} <= set(titles)
    records = full_site.pagefind()
    sections = pagefind_sections(records["/maps/care/head-of-purchasing/"])
    assert sections["sees"][0] == "Sees" and sections["gains"][0] == "Gains"
    assert "Prices rise every quarter" in sections["sees"][1]  # found in its own section: the result links to #sees
    assert "Growth of the department" in sections["gains"][1]
    # The needs index only repeats the map pages' items: searching it too would show each twice.
    assert not any(url.startswith("/needs/") for url in records)
    assert "Price buyers" in records["/maps/"]["content"]  # the overview is searchable


def test_the_table_of_contents_lists_the_sections(full_site: Site) -> None:
    page = full_site.spy.pages["maps/care/head-of-purchasing.md"]
    assert [(item.id, item.title) for item in page.toc] == [
        ("thinks-feels", "Thinks &amp; feels"),
        ("hears", "Hears"),
        ("sees", "Sees"),
        ("says-does", "Says &amp; does"),
        ("pains", "Pains"),
        ("gains", "Gains"),
        ("approach", "Approach"),
        ("story", "Story"),
    ]


def test_nothing_is_written_into_the_docs_folder(full_site: Site) -> None:
    assert sorted(p.name for p in (full_site.root / "docs").rglob("*")) == ["index.md"]


def test_labels_follow_the_site_language(site: Site) -> None:
    site.configure(language="nl")
    site.write("maps/a.md", GOOD_MAP)
    site.build(strict=True)
    page = soup(site.html("maps/a"))
    assert [
        one(section(page, key), "h2").get_text()
        for key in ("sees", "hears", "thinks-feels", "says-does", "pains", "gains")
    ] == [
        "Ziet",
        "Hoort",
        "Denkt & voelt",
        "Zegt & doet",
        "Frustraties",
        "Wil bereiken",
    ]
    assert one(page, ".ep-profile dt").get_text() == "Functie"
    assert one(section(page, "sees"), "a.ep-need").get_text() == "Economisch"
    assert one(soup(site.html("needs")), "title").get_text().startswith("Behoeften")


def test_an_unknown_language_falls_back_to_english(site: Site) -> None:
    site.configure(language="de")
    site.write("maps/a.md", GOOD_MAP)
    site.build(strict=True)
    assert one(section(soup(site.html("maps/a")), "sees"), "h2").get_text() == "Sees"


def test_custom_headings_and_need_categories_from_mkdocs_yml(site: Site) -> None:
    site.configure(
        plugin_options="""
        headings:
          pains: [Ergernissen]
        needs:
          - key: social
            aliases: [sociaal]
            label: Social
            description: Belonging and status.
          - key: economic
        """
    )
    site.write("maps/a.md", GOOD_MAP.replace("## Pains", "## Ergernissen").replace("#functional", "#sociaal"))
    site.build(strict=True)
    page = soup(site.html("maps/a"))
    assert one(section(page, "pains"), "a.ep-need")["href"] == "../../needs/#social"
    needs = soup(site.html("needs"))
    assert [h2["id"] for h2 in needs.select("article h2[id]")] == ["social", "economic"]
    assert "Belonging and status." in needs.get_text()
    site.expect("WARNING maps/a.md:22: unknown need tag '#psychological'; the need tags are: #social, #economic")


def test_a_bad_section_key_in_the_options_stops_the_build_with_a_clear_message(site: Site) -> None:
    site.configure(plugin_options="headings:\n  paints: [x]")
    site.write("maps/a.md", GOOD_MAP)
    site.build()
    assert site.aborted
    site.expect(
        "ERROR Config value 'plugins': Plugin 'empathy-playbook' option 'headings': unknown section key 'paints'; "
        "the keys are: sees, hears, thinks-feels, says-does, pains, gains, approach, story, questions"
    )


def test_a_site_without_maps_still_has_its_indexes(site: Site) -> None:
    site.build()  # not strict: a playbook without maps is an error (tests/test_mistakes.py), but still built
    site.expect(
        "ERROR mkdocs.yml:1: the maps folder 'maps' does not exist, so the playbook has no maps; create it and "
        'add a map (empathy-playbook new "Title"), or set maps_dir to the folder that holds them'
    )
    assert "There are no maps yet." in site.html("maps")
    assert "No map names a metaphor yet." in site.html("metaphors")


def test_a_page_of_the_site_clashing_with_a_generated_page_is_an_error(site: Site) -> None:
    site.write("docs/needs.md", "# Mine\n")
    site.write("maps/a.md", GOOD_MAP)
    site.build()
    site.expect(
        "ERROR docs/needs.md:1: the empathy-playbook plugin publishes a page 'needs.md' at this file's address "
        "('needs/'); one would replace the other, so the plugin leaves its page out: rename this file"
    )
    assert "Mine" in site.html("needs")


def test_links_in_a_map_work_like_links_in_any_page(site: Site) -> None:
    site.write("docs/guide.md", "# Guide\n")
    site.write("maps/a.md", GOOD_MAP.replace("- colleagues", "- see [the guide](../guide.md), [b](b.md) and [c](c.md)"))
    site.write("maps/b.md", GOOD_MAP)
    site.build()
    links = [a["href"] for a in section(soup(site.html("maps/a")), "hears").select("a")]
    assert links == ["../../guide/", "../b/", "c.md"]
    site.expect(
        "WARNING Doc file 'maps/a.md' contains a link 'c.md', but the target 'maps/c.md' is not found among documentation files."
    )


def test_templates_can_be_overridden_from_the_theme_custom_dir(site: Site) -> None:
    site.configure(extra="")
    config = (
        (site.root / "mkdocs.yml")
        .read_text()
        .replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    )
    site.write("mkdocs.yml", config)
    site.write(
        "overrides/empathy_playbook/partials/section.html",
        '<div class="mine" data-section="{{ section.key }}">{{ section.label }}</div>\n',
    )
    site.write("maps/a.md", GOOD_MAP)
    site.build(strict=True)
    assert texts(soup(site.html("maps/a")), "div.mine") == [
        "Thinks & feels",
        "Hears",
        "Sees",
        "Says & does",
        "Pains",
        "Gains",
    ]


def test_the_stylesheet_ships_with_the_plugin(full_site: Site) -> None:
    css = full_site.root / "site" / "assets" / "empathy-playbook" / "empathy-playbook.css"
    assert "grid-template-areas" in css.read_text()
    page = soup(full_site.html("maps/care/head-of-purchasing"))
    assert "../../../assets/empathy-playbook/empathy-playbook.css" in [
        link["href"] for link in page.select("link[rel=stylesheet]")
    ]


def test_the_plugin_can_be_disabled(site: Site, tmp_path: Path) -> None:
    site.configure(plugin_options="enabled: false")
    site.write("maps/a.md", "not even a map")
    site.build(strict=True)
    assert not (tmp_path / "site" / "maps").exists()


def test_two_maps_at_one_address_and_a_reserved_name_are_errors_naming_the_files(site: Site) -> None:
    site.write("maps/zorg/Arts.md", GOOD_MAP.replace("Test buyer", "Upper"))
    site.write("maps/zorg/arts.md", GOOD_MAP.replace("Test buyer", "Lower"))
    site.write("maps/README.md", GOOD_MAP)
    site.build()
    site.expect(
        "ERROR maps/README.md:1: 'README.md' here would replace the overview of all maps at maps/; rename the file",
        "ERROR maps/zorg/arts.md:1: this map and maps/zorg/Arts.md would both be published at maps/zorg/arts/; rename one of them",
    )
    assert "Upper" in site.html("maps/zorg/Arts")
    assert "There are no maps yet." not in site.html("maps")


def test_a_map_over_the_size_limit_is_rejected_before_it_is_read(site: Site) -> None:
    site.configure(plugin_options="max_file_size: 1000")
    size = site.write("maps/big.md", GOOD_MAP + "- filler\n" * 200).stat().st_size
    site.write("maps/small.md", GOOD_MAP)
    site.build()
    site.expect(f"ERROR maps/big.md:1: the file is {size:,} bytes, over the limit of 1,000; split it into smaller maps")
    assert "the market" in site.html("maps/small")


def test_an_overdue_map_says_so_and_the_review_page_lists_it_by_owner(site: Site) -> None:
    today = datetime.date.today()
    old = today.replace(year=today.year - 1).isoformat()
    recent = (today - datetime.timedelta(days=3)).isoformat()
    site.write("maps/old.md", GOOD_MAP.replace("role:", f"owner: Ann <Sales>\nreviewed: {old}\nrole:"))
    site.write(
        "maps/fresh.md",
        GOOD_MAP.replace("Test buyer", "Fresh").replace("role:", f"owner: Ann\nreviewed: {recent}\nrole:"),
    )
    site.write("maps/never.md", GOOD_MAP.replace("Test buyer", "Never"))
    site.build(strict=True)
    notice = one(soup(site.html("maps/old")), ".ep-overdue")
    assert " ".join(notice.get_text(" ").split()) == (
        f"Review overdue Last reviewed on {old}, 12 months ago. Owner: Ann <Sales>. "
        "Check it with the team, and set 'reviewed' to today's date."
    )
    assert soup(site.html("maps/fresh")).select_one(".ep-overdue") is None
    assert "never been reviewed" in one(soup(site.html("maps/never")), ".ep-overdue").get_text()
    review = soup(site.html("review"))
    assert [(h2["id"], h2.get_text()) for h2 in review.select("article h2")] == [
        ("ann-sales", "Ann <Sales>"),
        ("no-owner", "No owner"),
    ]
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in review.select("tbody tr")]
    assert rows == [["Test buyer", old, "12"], ["Never", "This map has never been reviewed.", ""]]


def test_above_the_navigation_limit_maps_leave_the_navigation_but_stay_reachable(site: Site) -> None:
    site.configure(plugin_options="nav_max_maps: 1")
    site.write("maps/a.md", GOOD_MAP.replace("Test buyer", "Buyer A"))
    site.write("maps/b.md", GOOD_MAP.replace("Test buyer", "Buyer B"))
    site.build(strict=True)
    assert site.spy.nav is not None
    titles = [str(page.title) for page in site.spy.nav.pages]
    assert "Buyer A" not in titles and "Buyer B" not in titles
    assert "Maps" in titles  # the overview: one click, then one more to any map
    overview_links = [a["href"] for a in soup(site.html("maps")).select(".ep-overview tbody a")]
    assert overview_links == ["a/", "b/"]
    assert "Buyer A" in site.html("maps/a")
    assert "/maps/a/" in site.pagefind()


def test_up_to_the_limit_maps_are_in_the_navigation(site: Site) -> None:
    site.configure(plugin_options="nav_max_maps: 2")
    site.write("maps/a.md", GOOD_MAP.replace("Test buyer", "Buyer A"))
    site.write("maps/b.md", GOOD_MAP.replace("Test buyer", "Buyer B"))
    site.build(strict=True)
    assert site.spy.nav is not None
    assert {"Buyer A", "Buyer B"} <= {str(page.title) for page in site.spy.nav.pages}


def test_an_unclosed_html_block_in_one_section_does_not_swallow_the_next(site: Site) -> None:
    site.write("maps/a.md", GOOD_MAP.replace("- the market #economic", "- the market #economic\n\n<div>\n\nstill sees"))
    site.build()
    site.expect(  # said at its line (issue 11), and closed at the end of its section
        "WARNING maps/a.md:9: the HTML element <div> is opened here and never closed in its section; the site "
        "closes it at the end of the section, so everything after it in the section is inside it: add </div> "
        "where it should end"
    )
    page = soup(site.html("maps/a"))
    assert texts(section(page, "hears"), "li") == ["colleagues"]
    assert "still sees" in section(page, "sees").get_text()
    assert "colleagues" not in section(page, "sees").get_text()


def test_a_map_page_links_to_its_own_file_for_editing(site: Site) -> None:
    # A GitHub repo_url makes every visitor's browser ask GitHub's API for the repository's facts: allowed here.
    site.configure(
        plugin_options="allow_external: true",
        extra="repo_url: https://github.com/acme/playbook\nedit_uri: edit/main/docs/\n",
    )
    config = (site.root / "mkdocs.yml").read_text()
    # mkdocs-material shows the edit button with this feature.
    site.write("mkdocs.yml", config.replace("  language: en\n", "  language: en\n  features: [content.action.edit]\n"))
    site.write("maps/zorg/arts.md", GOOD_MAP)
    site.write("docs/guide.md", "# Guide\n")
    site.build(strict=True)
    edit = soup(site.html("maps/zorg/arts")).select('a[href*="/edit/"]')
    assert [a["href"] for a in edit] == ["https://github.com/acme/playbook/edit/main/maps/zorg/arts.md"]
    # Pages of docs/ keep MkDocs' own link; generated pages (indexes) have none, as they have no file.
    assert str(soup(site.html("guide")).select('a[href*="/edit/"]')[0]["href"]).endswith("/edit/main/docs/guide.md")
    assert soup(site.html("needs")).select('a[href*="/edit/"]') == []


def test_without_repo_url_a_map_page_has_no_edit_link(site: Site) -> None:
    site.write("maps/zorg/arts.md", GOOD_MAP)
    site.build(strict=True)
    assert soup(site.html("maps/zorg/arts")).select('a[href*="/edit/"]') == []
