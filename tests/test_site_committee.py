"""The account as a buying committee: coverage and gaps, the account page complete, the meeting card."""

from __future__ import annotations

import datetime
import json

import pytest
from bs4 import BeautifulSoup, Tag

from empathy_playbook import EmpathyMap, Profile, Vocabulary, parse_map
from empathy_playbook.card import blocks, inline_html
from empathy_playbook.committee import BOX_HEIGHT, BOX_WIDTH, Link, Person, diagram
from empathy_playbook.render import rebase_links

from .committee_playbook import BOARD, MAPS, PURCHASING, WITHOUT_RELATIONS
from .support import GOOD_MAP, Site, attribute, one, run_program, soup


def text(element: Tag) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def write_committee(site: Site, *, relations: bool = True, language: str = "nl") -> Site:
    site.configure(language=language)
    for path, content in MAPS.items():
        site.write(f"maps/{path}", content if relations else WITHOUT_RELATIONS.sub("", content))
    return site


def gaps(page: BeautifulSoup) -> list[tuple[str, str | None, str]]:
    return [
        (attribute(li, "data-coverage-gap"), attribute(li, "data-map") if li.has_attr("data-map") else None, text(li))
        for li in page.select("[data-coverage-gap]")
    ]


def test_the_account_page_flags_missing_roles_maps_without_approach_and_overdue_reviews(site: Site) -> None:
    write_committee(site, relations=False)
    site.write(
        "maps/zorg/raad-van-bestuur.md",
        WITHOUT_RELATIONS.sub("", BOARD).replace(
            f"reviewed: {datetime.date.today().isoformat()}", "reviewed: 2020-01-31"
        ),
    )
    site.build(strict=True)
    page = soup(site.html("accounts/ziekenhuis-oost"))
    assert gaps(page) == [
        ("gatekeeper", None, "Nog geen map voor de rol Poortwachter: wie speelt die bij Ziekenhuis Oost?"),
        (
            "approach",
            "zorg/centrale-inkoop",
            "Centrale inkoop heeft nog geen aanpak: voeg een onderdeel '## Aanpak' toe.",
        ),
        ("review", "zorg/raad-van-bestuur", "Raad van bestuur moet herzien worden (eigenaar: Accountteam orthopedie)."),
    ]
    assert one(page, '[data-coverage-gap="approach"] a')["href"] == "../../maps/zorg/centrale-inkoop/"
    covered = {tr["data-role"]: text(one(tr, "td")) for tr in page.select(".ep-coverage tbody tr")}
    assert covered == {
        "user": "Orthopedisch arts",
        "influencer": "Orthopedisch arts",
        "buyer": "Centrale inkoop",
        "decider": "Raad van bestuur",
        "gatekeeper": "Nog geen map",
        "initiator": "Nog geen map",  # not required by default: shown, not flagged
    }
    assert page.select(".ep-coverage strong.ep-missing") == [one(page, '[data-role="gatekeeper"] strong')]


def test_the_gaps_are_worded_in_the_site_language_with_the_same_keys(site: Site) -> None:
    site.configure(language="en")
    site.write("maps/a.md", GOOD_MAP.replace("role: Purchaser", "account: Acme\nbuying_role: [decider, buyer, user]"))
    site.build(strict=True)
    assert gaps(soup(site.html("accounts/acme"))) == [
        ("influencer", None, "No map for the role Influencer yet: who plays it at Acme?"),
        ("gatekeeper", None, "No map for the role Gatekeeper yet: who plays it at Acme?"),
        ("approach", "a", "Test buyer has no approach yet: add a section '## Approach'."),
        ("review", "a", "Test buyer is due for review (owner: No owner)."),
    ]


def test_the_roles_every_account_needs_are_an_option(site: Site) -> None:
    site.configure(language="en", plugin_options="coverage_roles: [Beslisser, initiator]")
    site.write("maps/a.md", GOOD_MAP.replace("role: Purchaser", "account: Acme\nbuying_role: decider"))
    site.build(strict=True)
    assert [key for key, _, _ in gaps(soup(site.html("accounts/acme")))] == ["initiator", "approach", "review"]


def test_a_wrong_coverage_role_stops_the_build_with_a_clear_message(site: Site) -> None:
    site.configure(plugin_options="coverage_roles: [decider, boss]")
    site.write("maps/a.md", GOOD_MAP)
    site.build()
    assert site.aborted
    site.expect(
        "ERROR Config value 'plugins': Plugin 'empathy-playbook' option 'coverage_roles': names 'boss', which is "
        "no buying role; the roles are: user, influencer, buyer, decider, gatekeeper, initiator"
    )
    result = run_program("check", cwd=site.root)
    assert result.returncode == 2 and "names 'boss', which is no buying role" in result.stderr


def test_the_accounts_index_shows_covered_roles_and_open_points_weakest_first(site: Site) -> None:
    write_committee(site, relations=False)
    today = datetime.date.today().isoformat()
    complete = (
        GOOD_MAP.replace("role: Purchaser", f"account: Aaa Complete\nreviewed: {today}\nbuying_role: [{{roles}}]")
        + "\n## Approach\n\nOne approach.\n"
    )
    site.write("maps/aaa/all.md", complete.replace("{roles}", "user, influencer, buyer, decider, gatekeeper"))
    site.write("maps/zzz/one.md", complete.replace("Aaa Complete", "Zzz Weak").replace("{roles}", "user"))
    site.build(strict=True)
    rows = soup(site.html("accounts")).select("article tbody tr")
    summary = [
        (
            tr["id"],
            text(one(tr, '[data-roles="covered"]')),
            text(one(tr, '[data-roles="missing"]')),
            tr["data-open-gaps"],
        )
        for tr in rows
    ]
    assert summary == [
        ("zzz-weak", "Gebruiker", "Beïnvloeder Inkoper Beslisser Poortwachter", "4"),
        ("ziekenhuis-oost", "Gebruiker Beïnvloeder Inkoper Beslisser", "Poortwachter", "2"),
        ("aaa-complete", "Gebruiker Beïnvloeder Inkoper Beslisser Poortwachter", "", "0"),
    ]
    assert one(rows[1], ".ep-count a")["href"] == "ziekenhuis-oost/#to-act-on"
    assert soup(site.html("accounts/aaa-complete")).select_one("#to-act-on + p.ep-empty") is not None


def test_the_account_page_shows_every_section_with_need_chips_and_working_links(site: Site) -> None:
    write_committee(site, relations=False)
    site.write(
        "maps/zorg/centrale-inkoop.md",
        WITHOUT_RELATIONS.sub("", PURCHASING).replace(
            "- Vraagt drie offertes. #economisch",
            "- Vraagt drie offertes, zoals [de arts](orthopedisch-arts.md#frustraties) weet. #economisch",
        ),
    )
    site.build(strict=True)
    table = one(soup(site.html("accounts/ziekenhuis-oost")), "table#stakeholders")
    assert [th["data-map"] for th in table.select("thead th[data-map]")] == [
        "zorg/centrale-inkoop",
        "zorg/orthopedisch-arts",
        "zorg/raad-van-bestuur",
    ]
    rows = [tr["data-row"] for tr in table.select("tbody tr")]
    assert rows == [
        "buying_role", "metaphor", "thinks-feels", "hears", "sees", "says-does", "pains", "gains",
        "approach", "story", "questions",
    ]  # fmt: skip
    approach = table.select('tr[data-row="approach"] td')
    assert text(approach[0]) == ""
    assert [p.name for p in approach[1].find_all(["p", "ul"], recursive=False)] == ["p", "ul", "p"]
    assert (
        text(approach[2]) == "Laat zien hoe complete leveringen per operatie afzeggingen voorkomen en kosten besparen."
    )
    says = one(table, 'tr[data-row="says-does"] td[data-map="zorg/centrale-inkoop"]')
    assert [(a.get_text(), a["href"]) for a in says.select("a")] == [
        ("de arts", "../../maps/zorg/orthopedisch-arts/#frustraties"),
        ("Economisch", "../../needs/#economic"),
    ]
    # Every cell of a stakeholder carries its map: the hook for one-stakeholder-at-a-time layouts.
    assert {td["data-map"] for td in table.select("tbody td")} == {
        th["data-map"] for th in table.select("thead th[data-map]")
    }


def test_the_meeting_card_keeps_the_approach_in_the_maps_order(site: Site) -> None:
    write_committee(site, relations=False)
    site.build(strict=True)
    card = soup(site.html("cards/zorg/orthopedisch-arts"))
    approach = one(card, ".ep-card__approach")
    assert [(child.name, text(child)[:40]) for child in approach.find_all(["p", "ul"], recursive=False)] == [
        ("p", "De artsenbezoeker, verkoper of accountma"),
        ("ul", "te laten scoren in zijn directe omgeving"),
        ("p", "Het verhaal moet ook op andere niveaus l"),
    ]
    assert text(one(approach, "p")).endswith("Verkoop moet een bijdrage leveren om de arts:")
    assert approach.select("li")[-1].get_text() == (
        "nieuwe (patiëntvriendelijke) operatietechnieken bij te brengen, om de efficiëntie "
        "te bevorderen en de successcore te verhogen."
    )


def test_the_meeting_card_says_who_without_our_internal_fields(site: Site) -> None:
    write_committee(site, relations=False)
    site.build(strict=True)
    card = soup(site.html("cards/zorg/orthopedisch-arts"))
    who = {
        dt.get_text(): text(dd)
        for dt, dd in zip(card.select(".ep-profile dt"), card.select(".ep-profile dd"), strict=True)
    }
    assert who == {
        "Functie": "Orthopedisch chirurg, lid van de maatschap",
        "Organisatie": "Ziekenhuis Oost, maatschap orthopedie",
        "Rol in de beslissing": "Gebruiker, Beïnvloeder",
        "Metafoor": "Racefiets",
    }
    printed = text(one(card, ".ep-card"))
    for internal in ("Accountteam orthopedie", "Herzien", "Eigenaar", "Tags"):
        assert internal not in printed


def test_questions_come_from_the_map_or_else_from_its_pains_and_gains(site: Site) -> None:
    write_committee(site, relations=False)
    site.build(strict=True)
    board = soup(site.html("cards/zorg/raad-van-bestuur"))
    assert [li.get_text() for li in board.select(".ep-card__questions li")] == [
        "Welke operaties zijn het afgelopen kwartaal afgezegd, en waarom?",
        "Wie beslist bij u over een nieuwe leverancier van implantaten?",
    ]
    assert board.select_one(".ep-card__hint") is None
    surgeon = soup(site.html("cards/zorg/orthopedisch-arts"))
    assert [li.get_text() for li in surgeon.select(".ep-card__questions li")] == [
        "Hoe speelt ‘Claims bij mislukking’ op dit moment bij u?",
        "Hoe speelt ‘Afzeggen OK wegens onvolledigheid van componenten of beschikbaarheid van OK-team’ op dit moment bij u?",
        "Hoe speelt ‘Planning ziekenhuis’ op dit moment bij u?",
        "Hoe ver bent u met ‘Eigen specialistisch orthopedisch centrum’, en wat zou daarbij helpen?",
        "Hoe ver bent u met ‘Aantal patiënten, aantal operaties’, en wat zou daarbij helpen?",
        "Hoe ver bent u met ‘Topprestaties van leverancier en/of inkoopcentrum’, en wat zou daarbij helpen?",
    ]
    assert surgeon.select_one(".ep-card__hint") is not None
    # On the map page the questions are a section of their own, below the grid.
    section = one(soup(site.html("maps/zorg/raad-van-bestuur")), '[data-section="questions"]')
    assert one(section, "h2").get_text() == "Vragen" and len(section.select("li")) == 2


def test_a_questions_heading_in_english_or_dutch_is_known(site: Site) -> None:
    m = parse_map(
        (GOOD_MAP + "\n## Questions to ask\n\n- Who decides?\n").encode(),
        path="m.md",
        url_path="m",
        vocabulary=Vocabulary(),
    )
    assert "questions" in m.sections and not m.problems


def test_card_blocks_keep_order_and_leave_out_comments() -> None:
    m = parse_map(
        (
            GOOD_MAP
            + "\n## Approach\n\nFirst <!-- a comment -->paragraph.\n<!-- a comment\nover lines -->\n"
            + '- one\n- two\n\n1. first\n2. second\n\nLast [site](https://example.com/x?a=1&b=2 "t") '
            + "and [bad](javascript:alert(1)) and <https://example.org>.\n"
        ).encode(),
        path="m.md",
        url_path="m",
        vocabulary=Vocabulary(),
    )
    parts = blocks(m.sections["approach"])
    assert [(block.kind, [str(t) for t in block.texts]) for block in parts] == [
        ("p", ["First paragraph."]),
        ("ul", ["one", "two"]),
        ("ol", ["first", "second"]),
        (
            "p",
            [
                'Last <a href="https://example.com/x?a=1&amp;b=2">site</a> and bad and '
                '<a href="https://example.org">https://example.org</a>.'
            ],
        ),
    ]


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ('<script>alert("x")</script> & more', "alert(&#34;x&#34;) &amp; more"),
        ('[a"b](https://e.com/"onmouseover=x)', '<a href="https://e.com/&#34;onmouseover=x">a&#34;b</a>'),
        ("**bold** `code` [img](data:x)", "bold code img"),
    ],
)
def test_card_text_is_escaped(markdown: str, html: str) -> None:
    assert str(inline_html(markdown)) == html


@pytest.mark.parametrize(
    ("html", "base", "expected"),
    [
        ('<a href="../../../needs/#economic">', "../../maps/zorg/arts/", '<a href="../../needs/#economic">'),
        ('<a href="../other/">', "../../maps/zorg/arts/", '<a href="../../maps/zorg/other/">'),
        ('<a href="#frustraties">', "../../maps/zorg/arts/", '<a href="../../maps/zorg/arts/#frustraties">'),
        ('<img src="img.png">', "../maps/arts.html", '<img src="../maps/img.png">'),
        ('<a href="https://e.com/x">', "../maps/arts/", '<a href="https://e.com/x">'),
        ('<a href="/abs/">', "../maps/arts/", '<a href="/abs/">'),
        ('<a href="mailto:a@b.c">', "../maps/arts/", '<a href="mailto:a@b.c">'),
        ('<a href="../../">', "../maps/arts/", '<a href="../">'),
    ],
)
def test_links_made_for_a_map_page_are_rebased_for_the_account_page(html: str, base: str, expected: str) -> None:
    assert rebase_links(html, base) == expected


def _stakeholders(count: int) -> list[EmpathyMap]:
    roles = ("decider", "buyer", "user", "influencer", "gatekeeper", "initiator")
    return [
        EmpathyMap(
            f"maps/m{n}.md",
            f"m{n}",
            Profile(title=f"Stakeholder number {n} " * (n % 3 + 1), buying_roles=(roles[n % 6],)),
        )
        for n in range(count)
    ]


def _inside(x: float, y: float, person: Person) -> bool:
    return person.left < x < person.left + BOX_WIDTH and person.top < y < person.top + BOX_HEIGHT


@pytest.mark.parametrize("count", range(1, 12))
def test_the_diagram_keeps_boxes_apart_and_arrows_clear_of_other_boxes(count: int) -> None:
    maps = _stakeholders(count)
    # Every pair related, both ways: the worst case for crossings and parallel arrows.
    links = [Link(a, b, "influences") for a in maps for b in maps if a is not b]
    drawn = diagram(maps, links, str.capitalize)
    people = drawn.people
    assert len(people) == count and len(drawn.arrows) == len(links)
    for n, a in enumerate(people):
        assert a.left >= 0 and a.left + BOX_WIDTH <= drawn.width and a.top >= 0 and a.top + BOX_HEIGHT <= drawn.height
        for b in people[n + 1 :]:
            assert abs(a.x - b.x) >= BOX_WIDTH + 20 or abs(a.y - b.y) >= BOX_HEIGHT + 20, (a.map.title, b.map.title)
        assert len(a.name_lines) <= 2 and all(len(line) <= 24 for line in a.name_lines)
    where = {id(p.map): p for p in people}
    for arrow in drawn.arrows:
        ends = (where[id(arrow.link.source)], where[id(arrow.link.target)])
        for step in range(1, 20):
            x = arrow.x1 + (arrow.x2 - arrow.x1) * step / 20
            y = arrow.y1 + (arrow.y2 - arrow.y1) * step / 20
            assert not any(_inside(x, y, p) for p in people), (arrow.link.source.title, arrow.link.target.title)
        assert not _inside(arrow.x1, arrow.y1, ends[0]) and not _inside(arrow.x2, arrow.y2, ends[1])


def test_the_decider_stands_at_the_top_of_the_diagram() -> None:
    maps = _stakeholders(5)
    top = min(diagram(maps, [], str).people, key=lambda p: p.y)
    assert top.map.profile.buying_roles == ("decider",)


def test_names_from_maps_are_escaped_in_the_diagram(site: Site) -> None:
    hostile = '<img src=x onerror=alert(1)> & "Q" </text><script>'
    site.write("maps/a.md", GOOD_MAP.replace("title: Test buyer", f"title: '{hostile}'\naccount: Acme"))
    site.write("maps/b.md", GOOD_MAP.replace("title: Test buyer", "title: Other\naccount: Acme"))
    site.build(strict=True)
    html = site.html("accounts/acme")
    start = html.index('<svg class="ep-committee__diagram"')
    svg = html[start : html.index("</svg>", start)]
    assert "<img" not in svg and "<script" not in svg and "</text><script>" not in svg
    assert "&lt;img src=x" in svg and "&amp; &#34;Q&#34;" in svg
    names = [text(t) for t in soup(html).select(".ep-committee__person .ep-committee__name")]
    assert names[:2] == ["<img src=x", 'onerror=alert(1)> & "Q"…']


def test_the_account_page_draws_the_committee_with_its_relations_and_its_gaps(site: Site) -> None:
    write_committee(site)
    site.build(strict=True)
    page = soup(site.html("accounts/ziekenhuis-oost"))
    # The fixture of the issue: a decider who influences a user, no gatekeeper, a map without approach.
    assert [(key, where) for key, where, _ in gaps(page)] == [
        ("gatekeeper", None),
        ("approach", "zorg/centrale-inkoop"),
    ]
    svg = one(page, "figure.ep-committee svg")
    assert svg["role"] == "img"
    assert (
        one(svg, f'[id="{attribute(svg, "aria-labelledby")}"]').get_text() == "Het beslissingsteam van Ziekenhuis Oost"
    )
    assert one(svg, f'[id="{attribute(svg, "aria-describedby")}"]').get_text() == (
        "3 personen en 2 relaties; de lijst onder het diagram noemt elke relatie."
    )
    people = {g["data-map"]: [text(t) for t in g.select("tspan")] for g in svg.select(".ep-committee__person")}
    assert people == {
        "zorg/raad-van-bestuur": ["Raad van bestuur", "Beslisser"],
        "zorg/centrale-inkoop": ["Centrale inkoop", "Inkoper"],
        "zorg/orthopedisch-arts": ["Orthopedisch arts", "Gebruiker, Beïnvloeder"],
    }
    arrows = [
        (g["data-relation"], text(one(g, "text")), one(g, "line")["marker-end"]) for g in svg.select("[data-relation]")
    ]
    assert arrows == [
        ("reports-to", "rapporteert aan", "url(#ep-arrow-reports-to)"),
        ("influences", "beïnvloedt", "url(#ep-arrow-influences)"),
    ]
    assert {marker["id"] for marker in svg.select("marker")} == {"ep-arrow-influences", "ep-arrow-reports-to"}
    # The same relations as text, with links: what screen readers and paper read.
    relations = page.select("figure.ep-committee figcaption li")
    assert [text(li) for li in relations] == [
        "Centrale inkoop rapporteert aan Raad van bestuur",
        "Raad van bestuur beïnvloedt Orthopedisch arts",
    ]
    assert [a["href"] for a in relations[1].select("a")] == [
        "../../maps/zorg/raad-van-bestuur/",
        "../../maps/zorg/orthopedisch-arts/",
    ]


def test_relations_show_both_ways_on_the_map_pages_and_the_cards(site: Site) -> None:
    write_committee(site)
    site.build(strict=True)

    def profile(page: BeautifulSoup) -> dict[str, list[tuple[str, str]]]:
        return {
            dt.get_text(): [(a.get_text(), attribute(a, "href")) for a in dd.select("a")]
            for dt, dd in zip(page.select(".ep-profile dt"), page.select(".ep-profile dd"), strict=True)
        }

    board = profile(soup(site.html("maps/zorg/raad-van-bestuur")))
    assert board["Beïnvloedt"] == [("Orthopedisch arts", "../orthopedisch-arts/")]
    assert board["Krijgt rapportage van"] == [("Centrale inkoop", "../centrale-inkoop/")]
    card = profile(soup(site.html("cards/zorg/orthopedisch-arts")))
    assert card["Wordt beïnvloed door"] == [("Raad van bestuur", "../raad-van-bestuur/")]


# In Dutch: the committee's playbook is a Dutch site, and its messages speak Dutch.
BROKEN = {
    "a missing map": (
        "  - map: zorg/ok-manager\n    kind: adviseert\n",
        "de relatie noemt 'zorg/ok-manager', maar er is geen map maps/zorg/ok-manager.md (schrijf het pad onder de maps-folder)",
    ),
    "a typo": (
        "  - map: zorg/orthopedisch-ars\n    kind: beïnvloedt\n",
        "de relatie noemt 'zorg/orthopedisch-ars', maar er is geen map maps/zorg/orthopedisch-ars.md "
        "(schrijf het pad onder de maps-folder); bedoel je 'zorg/orthopedisch-arts'?",
    ),
    "another account": (
        "  - map: elders/inkoper\n    kind: blocks\n",
        "de relatie noemt 'elders/inkoper', die bij het account 'Leasebedrijf' hoort, niet bij 'Ziekenhuis Oost': "
        "relaties verbinden de maps van één account",
    ),
    "itself": (
        "  - map: zorg/raad-van-bestuur.md\n    kind: advises\n",
        "een relatie van een map met zichzelf ('zorg/raad-van-bestuur'); noem een andere map",
    ),
    "outside the maps folder": (
        "  - map: ../mkdocs\n    kind: advises\n",
        "de relatie noemt '../mkdocs', maar er is geen map maps/../mkdocs.md (schrijf het pad onder de maps-folder)",
    ),
}
ELSEWHERE = GOOD_MAP.replace("title: Test buyer", "title: Inkoper\naccount: Leasebedrijf")


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_relation_is_an_error_at_its_line_in_the_build_and_in_check(site: Site, case: str) -> None:
    relation, message = BROKEN[case]
    write_committee(site)
    site.write("maps/elders/inkoper.md", ELSEWHERE)
    board = BOARD.replace("relations:\n", "relations:\n" + relation)
    site.write("maps/zorg/raad-van-bestuur.md", board)
    line = board.split("\n").index(relation.split("\n")[0]) + 1
    site.build(strict=True)
    assert site.aborted
    site.expect(f"ERROR maps/zorg/raad-van-bestuur.md:{line}: {message}")
    # The map's page shows it too, and the rest of the committee is drawn.
    site.build()
    site.expect(f"ERROR maps/zorg/raad-van-bestuur.md:{line}: {message}")
    assert message in text(one(soup(site.html("maps/zorg/raad-van-bestuur")), ".ep-problems"))
    assert len(soup(site.html("accounts/ziekenhuis-oost")).select("figcaption li")) == 2
    # The checker says the same, also when it is given only the one map.
    for paths in ([], ["maps/zorg/raad-van-bestuur.md"]):
        result = run_program("check", *paths, cwd=site.root)
        assert f"maps/zorg/raad-van-bestuur.md:{line}: fout: {message}" in result.stdout.splitlines()
        assert result.returncode == 1


def test_check_of_one_map_finds_the_maps_its_relations_name(site: Site) -> None:
    write_committee(site)
    result = run_program("check", "maps/zorg/centrale-inkoop.md", cwd=site.root)
    assert (result.returncode, result.stdout.strip()) == (0, "1 map gecontroleerd: geen problemen.")


@pytest.mark.parametrize(
    ("front_matter", "line", "message"),
    [
        ("relations: zorg/arts", 3, "'relations' should be a list: write 'relations:' then lines "),
        ("relations:\n  - zorg/arts", 4, "each relation is a 'map:' with a 'kind:'; write 'relations:' then lines "),
        (
            "relations:\n  - map: zorg/arts",
            4,
            "this relation has no 'kind'; add 'kind: <reports-to, influences, blocks",
        ),
        ("relations:\n  - kind: blocks", 4, "this relation has no 'map'; add 'map: <the path of the other map below"),
        (
            "relations:\n  - map: zorg/arts\n    kind: bloks",
            5,
            "'relations.kind' must be one of 'reports-to', 'influences', 'blocks', 'advises', not 'bloks'; "
            "did you mean 'blocks'?",
        ),
        (
            "relations:\n  - map: zorg/arts\n    knd: blocks",
            5,
            "'knd' in a relation: a relation has one 'map' and one 'kind'; did you mean 'kind'?",
        ),
        ("relations:\n  - map: ''\n    kind: blocks", 4, "'relations.map' is empty; name the other map"),
    ],
)
def test_a_relation_written_wrong_is_an_error_at_its_line(front_matter: str, line: int, message: str) -> None:
    m = parse_map(f"---\ntitle: T\n{front_matter}\n---\n".encode(), path="m.md", url_path="m", vocabulary=Vocabulary())
    found = [(p.line, p.message) for p in m.problems if "section" not in p.message]
    assert len(found) == 1 and found[0][0] == line and found[0][1].startswith(message), found
    assert m.profile.relations == ()


def test_relations_in_either_language_are_read_and_exported(site: Site) -> None:
    write_committee(site)
    result = run_program("export", cwd=site.root)
    maps = {entry["path"]: entry for entry in json.loads(result.stdout)["maps"]}
    assert maps["maps/zorg/centrale-inkoop.md"]["relations"] == [
        {"map": "zorg/raad-van-bestuur", "kind": "reports-to", "line": 10}
    ]
    assert maps["maps/zorg/raad-van-bestuur.md"]["relations"] == [
        {"map": "zorg/orthopedisch-arts", "kind": "influences", "line": 13}
    ]
    assert maps["maps/zorg/orthopedisch-arts.md"]["relations"] == []
