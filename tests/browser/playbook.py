"""The playbooks the browser tests build: content written by the tests, never the repository's own maps.

A Dutch playbook (the site's language) and an English one, each with maps that use every feature a
test looks at: need tags, metaphors, accounts with several stakeholders, buying roles, approach and
story, an onboarding path and a map due for review. Adding, changing or deleting a map under the
repository's maps/ can therefore never change what these tests see. The README's screenshots are
taken from this content too.
"""

from __future__ import annotations

import datetime
import shutil
import textwrap
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..support import REPO

TODAY = datetime.date.today().isoformat()

CONFIG = """\
site_name: {site_name}
docs_dir: docs

theme:
  name: material
  custom_dir: theme_overrides
  language: {language}
  features:
    - navigation.indexes
    - navigation.sections
    - navigation.top
    - search.highlight
    - search.suggest
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: indigo
      toggle:
        icon: material/weather-night
        name: {dark}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: indigo
      toggle:
        icon: material/weather-sunny
        name: {light}

extra_css:
  - assets/stylesheets/playbook.css

plugins:
  - search:
      lang: {language}
      separator: '[\\s\\-,:!=\\[\\]()"`/‘’“”]+|\\.(?!\\d)'
  - empathy-playbook:
      onboarding:
{onboarding}
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences
"""

# The Dutch playbook: the site the sales team reads. Titles sort as in DUTCH_TITLES.
DUTCH_MAPS = {
    "zorg/chirurg.md": f"""\
---
title: Chirurg
role: Orthopedisch chirurg, lid van de maatschap
organisation: Ziekenhuis Noord, maatschap orthopedie
market: b2b
segment: Zorg
account: Ziekenhuis Noord
buying_role: [gebruiker, beïnvloeder]
metaphor: Racefiets
routine:
  profession: Orthopedisch chirurg
  position: Medisch specialist
owner: Team zorg
reviewed: {TODAY}
tags: [orthopedie]
---

Een chirurg die perfectie nastreeft, in de operatiekamer en daarbuiten.

## Ziet

- Strengere eisen van verzekeraars aan doelmatigheid. #economisch
- Patiënten die mee willen beslissen over hun behandeling. #psychologisch
- Concurrentie van gespecialiseerde klinieken. #economisch

## Hoort

- Collega's in de maatschap over nieuwe technieken. #psychologisch
- Klachten over wachttijden. #functioneel

## Denkt en voelt

- De planning van de operatiekamer moet kloppen. #functioneel
- Een geslaagde operatie is zijn visitekaartje. #psychologisch

## Zegt en doet

- Alles moet op rolletjes lopen. #functioneel
- Kwaliteit mag wat kosten. #economisch

## Frustraties

- Claims bij mislukking. #economisch #psychologisch
- Operaties die uitvallen door ontbrekende instrumenten. #functioneel
- Operatieassistententekort in de avonddienst. #functioneel

## Wil bereiken

- Een eigen specialistisch centrum. #psychologisch
- Meer operaties per dag. #economisch
- Scholing in nieuwe technieken. #functioneel

## Aanpak

Help de chirurg te scoren: minder uitval, minder werkdruk, betere resultaten.

## Verhaal

Net als een racefiets moet elk onderdeel perfect op elkaar zijn afgestemd.
""",
    "zorg/directeur.md": f"""\
---
title: Directeur ziekenhuis
role: Lid raad van bestuur
organisation: Ziekenhuis Noord
market: b2b
segment: Zorg
account: Ziekenhuis Noord
buying_role: beslisser
metaphor: Vuurtoren
owner: Team zorg
reviewed: {TODAY}
---

## Ziet

- Stijgende kosten van zorg. #economisch

## Hoort

- De maatschap wil meer zeggenschap. #psychologisch

## Denkt en voelt

- De begroting moet sluiten. #economisch

## Zegt en doet

- Vraagt om een onderbouwde businesscase. #economisch

## Frustraties

- Projecten die uitlopen. #functioneel

## Wil bereiken

- Een ziekenhuis met een goede naam in de regio. #psychologisch
""",
    "consument/hardloper.md": """\
---
title: Fanatieke hardloper
role: Marathonloper
market: b2c
segment: Sport
buying_role: [inkoper, gebruiker]
metaphor: Kompas
owner: Team sport
reviewed: 2020-01-01
---

## Ziet

- Schoenen die na een paar honderd kilometer versleten zijn. #functioneel

## Hoort

- Tips van clubgenoten. #psychologisch

## Denkt en voelt

- Een blessure is het ergste wat er is. #psychologisch

## Zegt en doet

- Vergelijkt prijzen online. #economisch

## Frustraties

- Pijn aan de knieën na lange duurlopen. #functioneel

## Wil bereiken

- Een persoonlijk record op de marathon. #psychologisch
""",
}

DUTCH_TITLES = ["Chirurg", "Directeur ziekenhuis", "Fanatieke hardloper"]
"""The Dutch maps' titles in the overview's order."""

DUTCH_ONBOARDING = ["zorg/chirurg", "zorg/directeur", "consument/hardloper"]

DUTCH_DOCS = {
    "index.md": """\
# Empathy playbook

Dit is het playbook van de tests: drie maps, een inwerkpad en een pagina om te lezen.

- Begin bij het [inwerkpad](onboarding.md).
- Alle maps staan in het [overzicht](maps/index.md).
""",
    "bijdragen.md": """\
# Bijdragen

Een map toevoegen kan in de webeditor van GitHub.

!!! tip "Eerst lezen"
    Kijk eerst naar een bestaande map.

| stap | wat |
|---|---|
| 1 | Open de map `maps/`. |
| 2 | Kies *Add file*. |

```markdown
## Ziet
- Een punt. #economisch
```

1. Schrijf de map.
2. Vraag om een review.
""",
}

# The English playbook: another team's site, in English throughout.
ENGLISH_MAPS = {
    "retail/store-manager.md": f"""\
---
title: Store manager
role: Manager of a garden centre
market: b2b
segment: Retail
account: Green Garden
buying_role: [decider, user]
metaphor: Swiss army knife
owner: Retail team
reviewed: {TODAY}
---

A store manager who runs a busy garden centre.

## Sees

- Customers who compare prices on their phones. #economic
- Shelves that empty faster in spring. #functional

## Hears

- Staff asking for simpler tills. #functional

## Thinks and feels

- Worried about the spring rush. #psychological

## Says and does

- Walks the shop floor every morning. #functional

## Pains

- Deliveries that arrive late. #functional
- Margins under pressure. #economic

## Gains

- A shop customers recommend. #psychological

## Approach

Show how our deliveries arrive on time.
""",
    "retail/buyer.md": f"""\
---
title: Head buyer
role: Head of purchasing
market: b2b
segment: Retail
account: Green Garden
buying_role: buyer
metaphor: Chess game
owner: Retail team
reviewed: {TODAY}
---

## Sees

- Suppliers competing on price. #economic

## Hears

- The board asking for lower costs. #economic

## Thinks and feels

- A wrong choice will be remembered. #psychological

## Says and does

- Asks for three quotes. #economic

## Pains

- Contracts that are hard to compare. #functional

## Gains

- A supplier who keeps promises. #psychological
""",
}

ENGLISH_ONBOARDING = ["retail/store-manager", "retail/buyer"]

ENGLISH_DOCS = {"index.md": "# Playbook\n\nThe tests' English playbook.\n"}

LONG_MAP = f"""\
---
title: Stress test with a very long title that keeps going Donaudampfschifffahrtsgesellschaftskapitän
role: A role with an unbreakable word Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz
market: b2b
metaphor: Racefiets
reviewed: {TODAY}
---

## Ziet
- Pneumonoultramicroscopicsilicovolcanoconiosis-and-then-some-more-without-any-spaces-at-all-to-break-it #economisch
- https://example.com/a/very/long/link/that/does/not/break/on/its/own/because/it/has/no/spaces/at/all/anywhere
{{items}}

## Hoort
- Kort.

## Denkt en voelt
- Een tabel:

| kolom met een heel lange kop | nog een kolom | derde |
|---|---|---|
| waarde | waarde | waarde |

## Zegt en doet
```
een codeblok met een hele lange regel die niet vanzelf afbreekt omdat het code is en code breekt niet af enzovoort
```

## Frustraties
{{items}}

## Wil bereiken
- Laatste punt. #psychologisch
"""


def _onboarding(steps: list[str]) -> str:
    lines = []
    for step in steps:
        lines += [
            f"        - map: {step}",
            "          why: Een stap op het pad.",
            "          questions: ['Wat valt op?']",
        ]
    return "\n".join(lines) + "\n"


def write_playbook(root: Path, *, language: str, maps: dict[str, str], docs: dict[str, str], steps: list[str]) -> Path:
    """A playbook project in `root`: mkdocs.yml, docs/, maps/ and the site's theme_overrides/ (code, not content)."""
    dutch = language == "nl"
    (root / "mkdocs.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(
        CONFIG.format(
            site_name="Empathy playbook" if dutch else "Empathy playbook (English)",
            language=language,
            dark="Donkere modus" if dutch else "Dark mode",
            light="Lichte modus" if dutch else "Light mode",
            onboarding=_onboarding(steps),
        ),
        encoding="utf-8",
    )
    shutil.copytree(REPO / "theme_overrides", root / "theme_overrides")
    for name, text in {
        **{f"docs/{k}": v for k, v in docs.items()},
        **{f"maps/{k}": v for k, v in maps.items()},
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def build_site(root: Path, site_dir: Path) -> None:
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
