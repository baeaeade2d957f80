"""A buying committee written by the tests: one hospital account of three maps, in Dutch.

The orthopaedic surgeon is the worked example of the method's source text (table 1 and the
approach that follows it); the board and central purchasing are the other levels the text names.
The board (decider) influences the surgeon (user); purchasing reports to the board and has no
approach yet; nobody is the gatekeeper. Never the repository's own maps.
"""

from __future__ import annotations

import datetime
import re

TODAY = datetime.date.today().isoformat()

SURGEON = f"""\
---
title: Orthopedisch arts
role: Orthopedisch chirurg, lid van de maatschap
organisation: Ziekenhuis Oost, maatschap orthopedie
market: b2b
segment: Zorg
account: Ziekenhuis Oost
buying_role: [gebruiker, beïnvloeder]
metaphor: Racefiets
owner: Accountteam orthopedie
reviewed: {TODAY}
tags: [orthopedie]
---

Empathy map van een orthopedisch arts door een aanbieder van orthopedische producten, zoals
kunstheupen en -knieën.

## Ziet

- Veranderende eisen (efficiency en effectiviteit) van overheid, ziektekostenverzekeraars. #economisch
- Houding van brancheorganisatie.
- Concurrentie van ziekenhuizen en gespecialiseerde centra, ook in buitenland (o.a. Duitsland, Turkije). #economisch
- Patiënt wil mee beslissen m.b.t. behandelprocedure. #psychologisch

## Hoort

- Het functioneren binnen een maatschap met collegae. #psychologisch
- Mondigheid van patiënten. #psychologisch
- Tevredenheidscores van het ziekenhuis. #psychologisch
- Onregelmatige diensten vs. privéleven.
- Relatie arts en leverancier, de product/dienstkeuze. #functioneel

## Denkt en voelt

- De werkdruk, de planning van de operatiekamer (OK). #functioneel
- Kennis en snelheid OK-personeel. #functioneel
- Faciliteiten, hygiëne, aanwezigheid van alle componenten en gereedschappen voor bijv. een knievervanging. #functioneel
- Successcore van een operatie. #psychologisch
- Hulp OEM-leverancier bij complexe operaties. #functioneel

## Zegt en doet

- Perfectie is zijn leidraad, dat eist hij van de omgeving, maar ook voor zijn hobby: ‘racefietsen’. #psychologisch
- Alles moet op rolletjes lopen. #functioneel
- Eerst het werk of de prestatie, dan het ‘feestje’.
- Perfectie mag wat kosten. #economisch
- Status en aanzien zijn belangrijk. #psychologisch

## Frustraties

- Claims bij mislukking. #economisch #psychologisch
- Afzeggen OK wegens onvolledigheid van componenten of beschikbaarheid van OK-team. #functioneel
- Planning ziekenhuis. #functioneel
- Medezeggenschap maatschap in ziekenhuisorganisatie (raad van bestuur, centrale inkoop).
- Afnemende status van specialist. #psychologisch
- Personeelschaarste OK. #functioneel
- Inkomensdaling door overheidsregulering. #economisch

## Wil bereiken

- Eigen specialistisch orthopedisch centrum. #psychologisch
- Aantal patiënten, aantal operaties. #economisch
- Topprestaties van leverancier en/of inkoopcentrum. #functioneel
- Specialistische scholing en ondersteuning. #functioneel
- Expertbehandeling. #psychologisch

## Aanpak

De artsenbezoeker, verkoper of accountmanager moet inspelen op de empathy map van de klant.
Verkoop moet een bijdrage leveren om de arts:

- te laten scoren in zijn directe omgeving;
- de werkdruk te verminderen en claims te helpen voorkomen;
- de perfectie te bevorderen en de logistiek in het ziekenhuis te optimaliseren;
- zo mogelijk overbodige kosten te besparen;
- nieuwe (patiëntvriendelijke) operatietechnieken bij te brengen, om de efficiëntie
  te bevorderen en de successcore te verhogen.

Het verhaal moet ook op andere niveaus landen: bij de raad van bestuur van het ziekenhuis,
het operatieteam en indien gewenst bij verzekeraars (multi-level selling).

## Verhaal

Perfectie is de leidraad van deze arts, in de operatiekamer én op zijn racefiets. Vertel het
verhaal met de **racefiets** als metafoor: een team dat tot in de puntjes is voorbereid.
"""

BOARD = f"""\
---
title: Raad van bestuur
role: Lid raad van bestuur, portefeuille zorg
organisation: Ziekenhuis Oost
market: b2b
segment: Zorg
account: Ziekenhuis Oost
buying_role: beslisser
metaphor: Vuurtoren
owner: Accountteam orthopedie
reviewed: {TODAY}
relations:
  - map: zorg/orthopedisch-arts
    kind: beïnvloedt
---

## Ziet

- Veranderende eisen van overheid en verzekeraars. #economisch

## Hoort

- De maatschap wil meer zeggenschap over de productkeuze. #psychologisch

## Denkt en voelt

- Overbodige kosten moeten eruit. #economisch

## Zegt en doet

- Stuurt op kosten per behandeling en op reputatie. #economisch #psychologisch

## Frustraties

- Afgezegde operaties door ontbrekende componenten. #functioneel #economisch

## Wil bereiken

- Een ziekenhuis met een goede naam en een sluitende begroting. #psychologisch #economisch

## Aanpak

Laat zien hoe complete leveringen per operatie afzeggingen voorkomen en kosten besparen.

## Vragen

- Welke operaties zijn het afgelopen kwartaal afgezegd, en waarom?
- Wie beslist bij u over een nieuwe leverancier van implantaten?
"""

PURCHASING = f"""\
---
title: Centrale inkoop
role: Inkoper medische hulpmiddelen
organisation: Ziekenhuis Oost
account: Ziekenhuis Oost
buying_role: inkoper
owner: Accountteam orthopedie
reviewed: {TODAY}
relations:
  - map: zorg/raad-van-bestuur.md
    kind: rapporteert-aan
---

## Ziet

- Een budget dat niet meer groeit. #economisch

## Hoort

- Chirurgen die elk hun eigen merk willen. #psychologisch

## Denkt en voelt

- Minder leveranciers is minder werk. #functioneel

## Zegt en doet

- Vraagt drie offertes. #economisch

## Frustraties

- Leveringen die te laat komen. #functioneel

## Wil bereiken

- Een contract voor alle implantaten. #economisch
"""

WITHOUT_RELATIONS = re.compile(r"relations:\n(?:  .*\n)+")
"""Matches the `relations:` block of a map above."""

MAPS = {
    "zorg/orthopedisch-arts.md": SURGEON,
    "zorg/raad-van-bestuur.md": BOARD,
    "zorg/centrale-inkoop.md": PURCHASING,
}
