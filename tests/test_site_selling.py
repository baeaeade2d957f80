"""Multi-level selling and onboarding: buying roles, account pages, meeting cards, the onboarding path."""

from __future__ import annotations

import json

import pytest
from bs4 import Tag

from .support import GOOD_MAP, Site, after, cells, one, soup

SURGEON = GOOD_MAP.replace("Test buyer", "Surgeon").replace(
    "role: Purchaser", "role: Orthopaedic surgeon\naccount: St. Mary's\nbuying_role: user\nmetaphor: Racing bike"
)
BOARD = (
    GOOD_MAP.replace("Test buyer", "Hospital board")
    .replace("role: Purchaser", "role: Board member\naccount: St. Mary's\nbuying_role: [decider, gatekeeper]")
    .replace("- the market #economic", "- budgets #economic")
    .replace("- growth #psychological", "- reputation #psychological\n- lower cost #economic")
    + "\n## Approach\n\nShow the savings.\n\n- first a long point\n  that goes on\n- second point\n"
)


@pytest.fixture
def account_site(site: Site) -> Site:
    site.write("maps/care/surgeon.md", SURGEON)
    site.write("maps/care/board.md", BOARD)
    site.write("maps/other.md", GOOD_MAP.replace("Test buyer", "Elsewhere"))
    return site.build(strict=True)


def test_the_account_page_shows_the_stakeholders_side_by_side_per_section_with_their_roles(account_site: Site) -> None:
    page = soup(account_site.html("accounts/st-mary-s"))
    assert one(page, "article h1").get_text() == "St. Mary's"
    table = one(page, "table#stakeholders")
    assert [th.get_text(" ", strip=True) for th in table.select("thead th")] == [
        "Section",
        "Hospital board Board member",
        "Surgeon Orthopaedic surgeon",
    ]
    rows = {one(tr, "th").get_text(): cells(tr) for tr in table.select("tbody tr")}
    assert rows["Buying role"] == ["Decider Gatekeeper", "User"]
    assert rows["Metaphor"] == ["", "Racing bike"]
    # Every section, as on the map page: items with their need chips.
    assert rows["Sees"] == ["budgets Economic", "the market Economic"]
    assert rows["Gains"] == ["reputation Psychological lower cost Economic", "growth Psychological"]
    assert rows["Approach"] == ["Show the savings. first a long point that goes on second point", ""]
    assert list(rows)[2:] == ["Thinks & feels", "Hears", "Sees", "Says & does", "Pains", "Gains", "Approach"]
    chips = table.select('tr[data-row="sees"] td[data-map="care/board"] a.ep-need')
    assert [(a.get_text(), a["href"]) for a in chips] == [("Economic", "../../needs/#economic")]
    needs = {one(tr, "th").get_text(): cells(tr) for tr in page.select("h2#needs ~ div tbody tr")}
    assert needs == {
        "Functional": ["delays", "delays"],
        "Economic": ["budgets lower cost", "the market"],
        "Psychological": ["reputation", "growth"],
    }


def test_the_accounts_index_lists_every_account_with_its_stakeholders(account_site: Site) -> None:
    page = soup(account_site.html("accounts"))
    rows = page.select("article tbody tr")
    assert [(tr["id"], one(tr, "th a")["href"]) for tr in rows] == [("st-mary-s", "st-mary-s/")]
    assert [" ".join(li.get_text(" ", strip=True).split()) for li in rows[0].select("li")] == [
        "Hospital board · Board member",
        "Surgeon · Orthopaedic surgeon",
    ]
    assert one(rows[0], '[data-roles="covered"]').get_text(" ", strip=True) == "User Decider Gatekeeper"


def test_a_map_links_to_its_account_and_to_the_other_stakeholders(account_site: Site) -> None:
    page = soup(account_site.html("maps/care/surgeon"))
    profile = {
        dt.get_text(): dd for dt, dd in zip(page.select(".ep-profile dt"), page.select(".ep-profile dd"), strict=True)
    }
    assert one(profile["Account"], "a")["href"] == "../../../accounts/st-mary-s/"
    assert profile["Buying role"].get_text() == "User"
    assert [(a.get_text(), a["href"]) for a in profile["Same account"].select("a")] == [("Hospital board", "../board/")]
    assert "Same account" not in soup(account_site.html("maps/other")).get_text()


def test_every_map_has_a_meeting_card_linked_from_its_page(account_site: Site) -> None:
    page = soup(account_site.html("maps/care/board"))
    assert one(page, ".ep-actions a")["href"] == "../../../cards/care/board/"
    card = soup(account_site.html("cards/care/board"))
    assert one(card, "h1").get_text() == "Meeting card: Hospital board"
    text = " ".join(one(card, ".ep-card").get_text(" ", strip=True).split())
    assert "Top pains delays" in text
    assert "Wants to achieve reputation lower cost" in text
    # The approach's paragraph, then its items: an item's second line is no part of the paragraph.
    approach = card.find("h2", string="Our approach")
    assert isinstance(approach, Tag)
    assert after(approach, "p").get_text() == "Show the savings."
    assert [li.get_text() for li in after(approach, "ul").select("li")] == [
        "first a long point that goes on",
        "second point",
    ]
    assert [li.get_text() for li in card.select(".ep-card__questions li")] == [
        "How does “delays” play out for you at the moment?",
        "How far along are you with “reputation”, and what would help?",
        "How far along are you with “lower cost”, and what would help?",
    ]
    assert account_site.spy.nav is not None
    titles = [str(page.title) for page in account_site.spy.nav.pages]
    assert not any("Meeting card" in title for title in titles)  # cards are reached from their map, not the nav


def test_the_overview_carries_every_facet_for_the_filters(account_site: Site) -> None:
    script = one(soup(account_site.html("maps")), ".ep-overview script.ep-overview-data")
    assert script["type"] == "application/json"  # data, not code: fine under a script-src 'self' policy
    data = json.loads(script.get_text())
    maps = {row[0]: row for row in data["rows"]}
    board = maps["Hospital board"]
    assert data["accounts"][board[4]] == ["St. Mary's", "../accounts/st-mary-s/"]
    assert [data["roles"][i] for i in board[7]] == ["Decider", "Gatekeeper"]
    assert [data["needs"][i] for i in board[8]] == ["Functional", "Economic", "Psychological"]
    assert board[6] == -1  # no market
    surgeon = maps["Surgeon"]
    assert [data["metaphors"][i] for i in surgeon[9]] == [["Racing bike", "../metaphors/#racing-bike"]]
    assert surgeon[1] == "care/surgeon/"


def test_the_onboarding_page_lists_the_configured_steps_in_order(site: Site) -> None:
    site.configure(
        plugin_options="""
        onboarding:
          - map: care/board
            why: Start at the top.
            questions: ["Who decides?", "Who pays?"]
          - care/surgeon.md
        """
    )
    site.write("maps/care/surgeon.md", SURGEON)
    site.write("maps/care/board.md", BOARD)
    site.build(strict=True)
    page = soup(site.html("onboarding"))
    steps = page.select("ol.ep-onboarding > li")
    assert [step["data-step"] for step in steps] == ["care/board", "care/surgeon"]
    assert [(h2["id"], one(h2, "a")["href"]) for h2 in page.select("ol.ep-onboarding h2")] == [
        ("step-1", "../maps/care/board/"),
        ("step-2", "../maps/care/surgeon/"),
    ]
    assert [li.get_text() for li in steps[0].select("ul li")] == ["Who decides?", "Who pays?"]
    assert "Start at the top." in steps[0].get_text()


def test_an_onboarding_step_naming_no_map_is_an_error(site: Site) -> None:
    site.configure(plugin_options="onboarding: [care/surgeno]")
    site.write("maps/care/surgeon.md", SURGEON)
    site.build()
    line = next(n for n, text in enumerate((site.root / "mkdocs.yml").read_text().splitlines(), 1) if "surgeno" in text)
    assert line > 1  # the step's own line in mkdocs.yml, not the top of the file
    site.expect(
        f"ERROR mkdocs.yml:{line}: the onboarding step 'care/surgeno' names no map; did you mean 'care/surgeon'?"
    )


def test_labels_of_the_selling_pages_follow_the_site_language(site: Site) -> None:
    site.configure(language="nl")
    site.write("maps/care/surgeon.md", SURGEON)
    site.write("maps/care/board.md", BOARD)
    site.build(strict=True)
    account = soup(site.html("accounts/st-mary-s"))
    rows = [one(tr, "th").get_text() for tr in account.select("table#stakeholders tbody tr")]
    assert rows[:3] == ["Rol in de beslissing", "Metafoor", "Denkt & voelt"]
    assert "Beslisser" in account.get_text()
    assert one(soup(site.html("cards/care/board")), "h1").get_text() == "Gesprekskaart: Hospital board"
    assert one(soup(site.html("onboarding")), "article h1").get_text() == "Inwerken"
