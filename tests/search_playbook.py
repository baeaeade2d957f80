"""A small Dutch playbook for the search tests: maps with known facets, words and a real person's data."""

from __future__ import annotations

import textwrap
from pathlib import Path

CONFIG = """\
site_name: Zoektest
theme:
  name: material
  language: nl
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/weather-night, name: Donker}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/weather-sunny, name: Licht}}
plugins:
  - search
  - empathy-playbook{options}
markdown_extensions:
  - attr_list
  - tables
  - toc:
      permalink: true
"""

SECTIONS = ["Ziet", "Hoort", "Denkt en voelt", "Zegt en doet", "Frustraties", "Wil bereiken"]


def _map(front: str, items: dict[str, list[str]]) -> str:
    body = "".join(
        f"\n## {heading}\n" + "".join(f"- {item}\n" for item in items.get(heading, ["Niets bijzonders."]))
        for heading in SECTIONS
    )
    return f"---\n{textwrap.dedent(front).strip()}\n---\n{body}"


MAPS = {
    "zorg/arts.md": _map(
        """
        title: Orthopedisch arts
        market: b2b
        segment: Zorg
        account: Ziekenhuis Oost
        buying_role: [decider]
        metaphor: Racefiets
        """,
        {
            "Ziet": ["Overvolle prullenbakken op de afdeling. #functioneel"],
            "Frustraties": ["Personeelschaarste op de operatiekamer. #economisch"],
        },
    ),
    "zorg/inkoper.md": _map(
        """
        title: Inkoper ziekenhuis
        market: b2b
        segment: Zorg
        account: Ziekenhuis Oost
        buying_role: [buyer, gatekeeper]
        metaphor: Schaakspel
        """,
        {"Frustraties": ["Te weinig overzicht over de operatiekamer. #functioneel"]},
    ),
    "retail/winkelier.md": _map(
        """
        title: Winkelier
        market: b2c
        segment: Retail
        buying_role: [user]
        metaphor: Racefiets
        """,
        {"Hoort": ["Klanten die over de operatiekamer van hun buurman praten. #psychologisch"]},
    ),
    "zorg/directeur.md": _map(
        """
        title: Directeur
        subject: real
        market: b2b
        segment: Zorg
        routine:
          name: Jantje Geheimnaam
          address: Verstopstraat 12
          position: Directeur
        """,
        {"Wil bereiken": ["Een zeldzaamwoord als doel. #economisch"]},
    ),
}

REAL_PERSON = ("Geheimnaam", "Verstopstraat")
"""The personal fields of the `subject: real` map: on no page, in no index."""
# In Dutch: the playbook's site speaks Dutch, and so do its messages.
REAL_PERSON_WARNINGS = tuple(
    f"WARNING maps/zorg/directeur.md:{line}: routine.{field} is een persoonsgegeven van een echte persoon "
    "(subject: real), dus de site laat het weg; haal het uit de map (of sta het toe met publish_personal_data "
    "in mkdocs.yml)"
    for line, field in ((7, "name"), (8, "address"))
)

PAGES = {
    "index.md": "# Start\n\nWelkom bij de zoektest.\n",
    "lezen.md": "# Lezen\n\n## Uitleg {#uitleg}\n\nHandgeschreven uitleg over kwartaalcijfers.\n",
}


def write_search_playbook(root: Path, options: str = "") -> Path:
    """The playbook in `root` (mkdocs.yml, docs/, maps/); `options` are the plugin's, as YAML lines."""
    plugin_options = ":\n" + textwrap.indent(textwrap.dedent(options).strip(), " " * 6) if options else ""
    (root / "mkdocs.yml").write_text(CONFIG.format(options=plugin_options), encoding="utf-8")
    for folder, files in (("maps", MAPS), ("docs", PAGES)):
        for path, text in files.items():
            target = root / folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return root
