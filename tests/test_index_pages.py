"""Index pages within a budget: above `index_page_size` entries an index lists its groups, each with pages
of its own, and every anchor a link may point to stays on the index. Real builds in tmp_path."""

from __future__ import annotations

import pytest

from empathy_playbook.options import OptionError, read_options
from empathy_playbook.paging import split

from .support import GOOD_MAP, Site, after, one, soup


def buyer(n: int, *, segment: str = "Care", account: str = "Acme", metaphor: str = "Racing bike") -> str:
    front = (
        f"title: Buyer {n}\nrole: Purchaser\nsegment: {segment}\naccount: {account}\nmetaphor: {metaphor}\n"
        f"owner: Ann\nreviewed: 2020-01-0{n % 9 + 1}\n"
    )
    return GOOD_MAP.replace("title: Test buyer\nrole: Purchaser\n", front)


def write_maps(site: Site, count: int, page_size: int) -> None:
    site.configure(plugin_options=f"index_page_size: {page_size}")
    for n in range(count):
        site.write(f"maps/buyer-{n}.md", buyer(n))
    # A hand-written page that links to the anchors the indexes had before they were split.
    site.write(
        "docs/index.md",
        "# Home\n\n[bike](metaphors.md#racing-bike) [acme](accounts/index.md#acme) [ann](review.md#ann)"
        " [needs](needs.md#economic)\n",
    )


def test_split_pages_a_group_and_always_gives_its_first_page() -> None:
    assert [(part.path, part.entries) for part in split("metaphors/bike", "abcde", 2)] == [
        ("metaphors/bike.md", ("a", "b")),
        ("metaphors/bike/2.md", ("c", "d")),
        ("metaphors/bike/3.md", ("e",)),
    ]
    assert [(part.path, part.entries) for part in split("x", "", 2)] == [("x.md", ())]


def test_below_the_budget_the_indexes_list_everything_themselves(site: Site) -> None:
    write_maps(site, 3, page_size=100)
    site.build(strict=True)
    metaphors = soup(site.html("metaphors"))
    assert [a.get_text() for a in metaphors.select("h2#racing-bike + ul a")] == ["Buyer 0", "Buyer 1", "Buyer 2"]
    assert not (site.root / "site" / "metaphors" / "racing-bike").exists()
    needs = soup(site.html("needs"))
    assert one(needs, "h3#economic--care").get_text() == "Care"
    assert one(needs, ".ep-matrix tbody td a")["href"] == "#functional--care"


def test_above_the_budget_each_index_lists_its_groups_and_keeps_their_anchors(site: Site) -> None:
    write_maps(site, 5, page_size=2)
    site.build(strict=True)  # the hand-written links to the old anchors still check out

    metaphors = soup(site.html("metaphors"))
    entry = one(metaphors, "li#racing-bike")
    assert (one(entry, "a")["href"], entry.get_text(" ", strip=True)) == ("racing-bike/", "Racing bike · 5 maps")
    first, last = soup(site.html("metaphors/racing-bike")), soup(site.html("metaphors/racing-bike/3"))
    assert [a.get_text() for a in first.select(".ep-metaphor-maps a")] == ["Buyer 0", "Buyer 1"]
    assert [a.get_text() for a in last.select(".ep-metaphor-maps a")] == ["Buyer 4"]
    pages = one(first, "nav.ep-pages")
    assert [a["href"] for a in pages.select("a")] == ["2/", "3/"]
    assert one(pages, "[aria-current=page]").get_text() == "1"
    assert one(first, "title").get_text().startswith("Metaphor: Racing bike (1 of 3)")

    accounts = soup(site.html("accounts"))
    assert one(accounts, "li#acme a")["href"] == "acme/"  # straight to the account page
    review = soup(site.html("review"))
    assert one(review, "li#ann a")["href"] == "ann/"
    assert len(soup(site.html("review/ann")).select("tbody tr")) == 2

    assert site.spy.nav is not None
    nav_titles = {str(page.title) for page in site.spy.nav.pages}
    assert not any(title.startswith("Metaphor:") for title in nav_titles)  # group pages: not in the navigation
    records = site.pagefind()
    assert "/metaphors/" in records  # the index itself is searchable, its group pages are not
    assert not any(url.startswith("/metaphors/racing-bike") for url in records)


def test_above_the_budget_the_needs_items_are_on_pages_per_category_and_segment(site: Site) -> None:
    write_maps(site, 5, page_size=2)
    site.write("maps/other.md", buyer(9, segment="Retail"))
    site.build(strict=True)
    needs = soup(site.html("needs"))
    cell = needs.select(".ep-matrix tbody tr")[0].select("td")[0]
    assert cell.get_text() == "5" and one(cell, "a")["href"] == "functional/care/"
    assert not needs.select(".ep-need-list")  # the items themselves are on the category's pages
    links = after(one(needs, "h2#economic"), "ul", class_="ep-need-segments")
    assert [a["href"] for a in links.select("a")] == [
        "economic/care/",  # the segment, then each of its pages: every item is one click from here
        "economic/care/",
        "economic/care/2/",
        "economic/care/3/",
        "economic/retail/",
    ]
    counted = 0
    for page in ("needs/economic/care", "needs/economic/care/2", "needs/economic/care/3"):
        items = soup(site.html(page)).select(".ep-need-list ul > li")
        assert 0 < len(items) <= 2
        counted += len(items)
    assert counted == 5
    part = soup(site.html("needs/economic/care/2"))
    assert one(part, ".ep-need-list > li > a")["href"] == "../../../../maps/buyer-2/"
    assert one(part, ".ep-lead a")["href"] == "../../../#economic"


def test_the_page_size_must_be_positive() -> None:
    with pytest.raises(OptionError, match="option 'index_page_size': should be 1 or more, not 0"):
        read_options({"index_page_size": 0})
    assert read_options({}).index_page_size == 500
