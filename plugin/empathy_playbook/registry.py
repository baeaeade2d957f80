"""Every page the playbook generates, in one list: the registry each engine adapter loops over.

For each page an adapter gives its `render` the two things only the engine knows, the URL of any
page path relative to this page and the site's Markdown converter, and publishes the result: the
MkDocs plugin as a page of the site (in the navigation and search or not, as the page says), an
adapter for another engine as a file of its own. Standalone pages are whole HTML documents.
"""

from __future__ import annotations

import functools

from .index_views import IndexViews
from .pages import COMPARE_PAGE, ONBOARDING_PAGE, GeneratedPage, PageKind, account_page, card_page
from .render import Renderer


def generated_pages(renderer: Renderer) -> list[GeneratedPage]:
    """Every page of the renderer's playbook, in the order of the navigation."""
    playbook, settings = renderer.playbook, renderer.settings
    # mkdocs-material renders the whole navigation into every page: with every map in it, the build
    # grows with the square of the number of maps. Above the limit the overview leads to them instead.
    maps_in_nav = len(playbook.maps) <= settings.nav_max_maps
    onboarding = {step.map for step in settings.onboarding}
    return [
        *(
            GeneratedPage(
                m.page_path, PageKind.MAP, functools.partial(renderer.map_page, m), in_nav=maps_in_nav, source=m.path
            )
            for m in playbook.maps
        ),
        *IndexViews(renderer).pages(),
        # An account page only sets its maps side by side: every item on it is found on its map page,
        # in its section, and indexing it too would double the search results.
        *(
            GeneratedPage(
                account_page(account.slug),
                PageKind.ACCOUNT,
                functools.partial(renderer.account_page, account),
                searchable=False,
            )
            for account in renderer.accounts
        ),
        GeneratedPage(
            ONBOARDING_PAGE,
            PageKind.ONBOARDING,
            renderer.onboarding_page,
            in_nav=True,
            shows=tuple(m.path for m in playbook.maps if m.url_path in onboarding),
        ),
        # It lists the map pages' addresses only; the browser loads the maps it compares.
        GeneratedPage(COMPARE_PAGE, PageKind.COMPARE, renderer.compare_page, searchable=False, shows=()),
        # Meeting cards are standalone documents: a theme page per map (navigation, search, scripts)
        # would double the cost of the build.
        *(
            GeneratedPage(
                card_page(m),
                PageKind.CARD,
                functools.partial(renderer.card_page, m),
                searchable=False,
                standalone=True,
                source=m.path,
            )
            for m in playbook.maps
        ),
    ]
