"""Every message the playbook gives its users, in English and Dutch: the one source of their words.

A problem is stored as a `Text`: a stable, language-independent `code` from the catalogue below
plus its parameters. It is put into words only when shown, in the language of the site (the
build speaks `theme.language`, `empathy-playbook check` the language of the nearest mkdocs.yml or
`--lang`). Parameters that are words themselves are put into that language too: a section is
named by the heading a writer of that language would type (`## Wil bereiken`), allowed values
are listed in that language, and fragments (`did you mean ...?`) are texts of their own.

Codes never change once published: `check --format json` gives them to scripts, and
CONTRIBUTING.md's table of messages is generated from this catalogue (a test keeps it current).
To add a message: add an `Entry` here, in both languages, and use its code with `Report`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

LANGUAGES: tuple[str, ...] = ("en", "nl")


def language_of(setting: object) -> str:
    """The message language for a site language setting (`nl`, `nl_NL`, `en-GB`, ...); English otherwise."""
    code = str(setting or "en").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else "en"


class Entry(NamedTuple):
    code: str
    en: str
    nl: str
    level: str | None = None
    """'error' or 'warning' for a problem in a map; None for a fragment or a message of the program."""
    fix_nl: str = ""
    """For contributors (CONTRIBUTING.md's table): what to do, when the message itself does not say."""


class Text(NamedTuple):
    """A message from the catalogue with its parameters, not yet in any language."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def render(self, language: str) -> str:
        entry = CATALOGUE[self.code]
        template = entry.nl if language_of(language) == "nl" else entry.en
        values = {
            name: value.render(language) if isinstance(value, Localized) else value for name, value in self.params
        }
        return template.format(**values)

    def __str__(self) -> str:
        return self.render("en")


def phrase(code: str, **params: object) -> Text:
    """The message `code` with `params`; an unknown code is a programming error, caught by every test."""
    if code not in CATALOGUE:
        raise KeyError(f"no message '{code}' in the catalogue (empathy_playbook/messages.py)")
    return Text(code, tuple(params.items()))


class SectionName(NamedTuple):
    """A section, named by the heading a writer of the language types: `Gains` or `Wil bereiken`."""

    key: str

    def render(self, language: str) -> str:
        return WRITTEN_HEADINGS[language_of(language)][self.key]


class Choices(NamedTuple):
    """The allowed values of a key, in the language when the format accepts them in it."""

    en: tuple[str, ...]
    nl: tuple[str, ...] = ()

    def render(self, language: str) -> str:
        nl = language_of(language) == "nl"
        words = [f"'{word}'" for word in (self.nl if nl and self.nl else self.en)]
        if len(words) == 2:
            return f"{words[0]} {'of' if nl else 'or'} {words[1]}"
        return ("een van " if nl else "one of ") + ", ".join(words)


class Number(NamedTuple):
    value: int

    def render(self, language: str) -> str:
        shown = f"{self.value:,}"
        return shown.replace(",", ".") if language_of(language) == "nl" else shown


Localized = Text | SectionName | Choices | Number
"""A parameter that is put into words in the message's language (each has `render(language)`)."""


WRITTEN_HEADINGS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "sees": "Sees",
        "hears": "Hears",
        "thinks-feels": "Thinks and feels",
        "says-does": "Says and does",
        "pains": "Pains",
        "gains": "Gains",
        "approach": "Approach",
        "story": "Story",
        "questions": "Questions",
    },
    "nl": {
        "sees": "Ziet",
        "hears": "Hoort",
        "thinks-feels": "Denkt en voelt",
        "says-does": "Zegt en doet",
        "pains": "Frustraties",
        "gains": "Wil bereiken",
        "approach": "Aanpak",
        "story": "Verhaal",
        "questions": "Vragen",
    },
}
"""The heading of each section as a message tells a writer of each language to type it (all are known headings)."""

_LEFT_OUT_EN = "it is left out of the page (maps can hold text and Markdown, not active content)"
_LEFT_OUT_NL = "het wordt niet op de pagina getoond (een map bevat tekst en Markdown, geen actieve inhoud)"

_ENTRIES: tuple[Entry, ...] = (
    # --- the file -------------------------------------------------------------------------------------------
    Entry(
        "file.too_big",
        "the file is {size} bytes, over the limit of {limit}; split it into smaller maps",
        "het bestand is {size} bytes, meer dan de grens van {limit}; verdeel het over kleinere maps",
        "error",
    ),
    Entry(
        "file.unreadable",
        "the file cannot be read ({reason}); check that it exists and is readable",
        "het bestand kan niet gelezen worden ({reason}); controleer of het bestaat en leesbaar is",
        "error",
    ),
    Entry(
        "file.not_utf8",
        "the file is not UTF-8 text (byte 0x{byte}); save it as UTF-8 in your editor "
        "(unreadable characters are shown as \ufffd)",
        "het bestand is geen UTF-8-tekst (byte 0x{byte}); sla het in je editor op als UTF-8 "
        "(onleesbare tekens worden getoond als \ufffd)",
        "error",
    ),
    Entry(
        "file.lone_cr",
        "this line ends in a lone carriage return (old Mac line ending); save the file with LF or CRLF line endings",
        "deze regel eindigt op een losse carriage return (oud Mac-regeleinde); sla het bestand op met "
        "LF- of CRLF-regeleinden",
        "warning",
    ),
    Entry(
        "file.linked",
        "this map is a link to another file; maps must be real files in the maps folder (copy it in)",
        "deze map is een link naar een ander bestand; maps moeten echte bestanden in de maps-folder zijn (kopieer het erin)",
        "error",
    ),
    Entry(
        "folder.linked",
        "this folder is a link to somewhere else; maps must be real files in the maps folder (copy them in)",
        "deze folder is een link naar een andere plek; maps moeten echte bestanden in de maps-folder zijn (kopieer ze erin)",
        "error",
    ),
    Entry(
        "name.invisible",
        "the file or folder name holds invisible or direction-changing characters; rename it with letters, digits and '-'",
        "de naam van het bestand of de folder bevat onzichtbare of richting-veranderende tekens; geef het een naam "
        "met letters, cijfers en '-'",
        "error",
    ),
    Entry(
        "name.not_utf8",
        "the name '{name}' is not UTF-8 text (its unreadable bytes are shown as \ufffd); "
        "rename it with letters, digits and '-'",
        "de naam '{name}' is geen UTF-8-tekst (onleesbare bytes worden getoond als \ufffd); "
        "geef het een naam met letters, cijfers en '-'",
        "error",
    ),
    Entry(
        "name.forbidden",
        "the name '{name}' holds '{character}', which a file name in a playbook may not hold "
        "(not allowed: {forbidden}); rename it with letters, digits and '-'",
        "de naam '{name}' bevat '{character}', en dat mag niet in de naam van een bestand in een playbook "
        "(niet toegestaan: {forbidden}); geef het een naam met letters, cijfers en '-'",
        "error",
    ),
    Entry(
        "name.trailing",
        "the name '{name}' ends in a dot or a space, which Windows drops; rename it",
        "de naam '{name}' eindigt op een punt of een spatie, die Windows weglaat; geef het een andere naam",
        "error",
    ),
    Entry(
        "name.reserved",
        "'{name}' is a reserved name on Windows, so the playbook could not be cloned there; rename it",
        "'{name}' is een gereserveerde naam in Windows, dus daar kan het playbook niet gekloond worden; "
        "geef het een andere naam",
        "error",
    ),
    Entry(
        "name.overview",
        "'{name}' here would replace the overview of all maps at maps/; rename the file",
        "'{name}' zou hier het overzicht van alle maps op maps/ vervangen; geef het bestand een andere naam",
        "error",
    ),
    Entry(
        "name.collision",
        "this map and {other} would both be published at maps/{url}/; rename one of them",
        "deze map en {other} zouden allebei op maps/{url}/ komen; geef een van beide een andere naam",
        "error",
    ),
    # --- the front matter -----------------------------------------------------------------------------------
    Entry(
        "front_matter.missing",
        "the map has no front matter; start the file with a line '---', then 'title: <who this buyer is>', then '---'",
        "de map heeft geen kopgegevens; begin het bestand met een regel '---', dan 'title: <wie deze klant is>', "
        "dan '---'",
        "error",
    ),
    Entry(
        "front_matter.text_before",
        "there is text before the front matter, which starts at line {start}; the file must begin with '---': "
        "move {lines} below the closing '---'",
        "er staat tekst voor de kopgegevens, die op regel {start} beginnen; het bestand moet met '---' beginnen: "
        "zet {lines} onder de afsluitende '---'",
        "error",
    ),
    Entry("phrase.line_1", "line 1", "regel 1"),
    Entry("phrase.lines", "lines 1 to {last}", "regel 1 tot en met {last}"),
    Entry(
        "front_matter.unclosed",
        "the front matter that starts at line {start} is never closed; add a line '---' after the last "
        "'key: value' line",
        "de kopgegevens die op regel {start} beginnen worden nergens afgesloten; zet een regel '---' na de "
        "laatste regel 'naam: waarde'",
        "error",
    ),
    Entry(
        "front_matter.delimiter",
        "write this line as exactly '---', not '{written}': other tools do not see a front matter otherwise",
        "schrijf deze regel als precies '---', niet '{written}': anders zien andere programma's geen kopgegevens",
        "error",
    ),
    Entry(
        "front_matter.intro_withheld",
        "the text above the first section is not published while the map has no readable front matter (it may "
        "hold the front matter's personal data); fix the front matter (line {at})",
        "de tekst boven het eerste onderdeel wordt niet gepubliceerd zolang de map geen leesbare kopgegevens heeft "
        "(er kunnen persoonsgegevens uit de kopgegevens in staan); herstel de kopgegevens (regel {at})",
        "error",
    ),
    Entry(
        "front_matter.empty",
        "the front matter is empty; add at least a line 'title: <who this buyer is>'",
        "de kopgegevens zijn leeg; voeg minstens een regel 'title: <wie deze klant is>' toe",
        "error",
    ),
    Entry(
        "front_matter.not_mapping",
        "the front matter is {what}, not a set of 'key: value' lines; start with 'title: <who this buyer is>'",
        "de kopgegevens zijn {what} in plaats van regels 'naam: waarde'; begin met 'title: <wie deze klant is>'",
        "error",
    ),
    Entry("what.list", "a list", "een lijst"),
    Entry("what.value", "a single value", "één losse waarde"),
    Entry("what.mapping", "a mapping", "een reeks 'naam: waarde'-regels"),
    Entry("what.yes_no", "a yes/no value", "een ja/nee-waarde"),
    Entry("what.number", "a number", "een getal"),
    Entry("what.date", "a date", "een datum"),
    Entry(
        "yaml.no_colon",
        "the front matter is not valid YAML: this line has no ':' after its name; write it as 'name: value', "
        "e.g. '{example}'",
        "de kopgegevens zijn geen geldige YAML: op deze regel staat geen ':' na de naam; schrijf 'naam: waarde', "
        "bijvoorbeeld '{example}'",
        "error",
    ),
    Entry(
        "yaml.no_space",
        "the front matter is not valid YAML: write a space after the ':' on this line, e.g. '{example}'",
        "de kopgegevens zijn geen geldige YAML: zet een spatie na de ':' op deze regel, bijvoorbeeld '{example}'",
        "error",
    ),
    Entry(
        "yaml.comment",
        "YAML reads '{cut}' as a comment, so the value stops at '{value}'; if it belongs to the value, put the "
        'whole value in quotes: "{value} {cut}"',
        "YAML leest '{cut}' als commentaar, dus de waarde stopt bij '{value}'; hoort het bij de waarde, zet dan "
        'de hele waarde tussen aanhalingstekens: "{value} {cut}"',
        "warning",
    ),
    Entry(
        "date.future",
        "'{key}: {value}' is in the future; write the date of the last review (today at the latest)",
        "'{key}: {value}' ligt in de toekomst; schrijf de datum van de laatste herziening (uiterlijk vandaag)",
        "error",
    ),
    Entry(
        "yaml.tab",
        "this line is indented with a tab; YAML needs spaces (use two per level)",
        "deze regel springt in met een tab; gebruik spaties (twee per niveau)",
        "error",
    ),
    Entry(
        "yaml.colon",
        "the front matter is not valid YAML: there is a ': ' where YAML does not expect one (column {column}); "
        'if it is part of a value, put the whole value in quotes, e.g. role: "Head: of Sales"; otherwise check '
        "the indentation",
        "de kopgegevens zijn geen geldige YAML: er staat een ': ' waar die niet verwacht wordt (kolom {column}); "
        'hoort hij bij de waarde, zet dan de hele waarde tussen aanhalingstekens, bijvoorbeeld role: "Hoofd: inkoop"; '
        "controleer anders het inspringen",
        "error",
    ),
    Entry(
        "yaml.quote",
        "the front matter is not valid YAML: a quote opened on this line is never closed; add the closing quote",
        "de kopgegevens zijn geen geldige YAML: een aanhalingsteken op deze regel wordt nergens gesloten; "
        "voeg het sluitende aanhalingsteken toe",
        "error",
    ),
    Entry(
        "yaml.list",
        "the front matter is not valid YAML: a list opened with '[' on this line is never closed with ']'",
        "de kopgegevens zijn geen geldige YAML: een lijst die op deze regel met '[' begint wordt nergens met ']' gesloten",
        "error",
    ),
    Entry(
        "yaml.brace",
        "the front matter is not valid YAML: a '{{' on this line is never closed with '}}'",
        "de kopgegevens zijn geen geldige YAML: een '{{' op deze regel wordt nergens met '}}' gesloten",
        "error",
    ),
    Entry(
        "yaml.not_key_value",
        "the front matter is not valid YAML: this line does not read 'key: value' (column {column}); "
        "check its indentation and that it has a ': '",
        "de kopgegevens zijn geen geldige YAML: deze regel is geen 'naam: waarde' (kolom {column}); "
        "controleer het inspringen en of er een ': ' in staat",
        "error",
    ),
    Entry(
        "yaml.other",
        "the front matter is not valid YAML: {problem} (column {column}); each line should read 'key: value', "
        "with values that contain special characters in quotes",
        "de kopgegevens zijn geen geldige YAML: {problem} (kolom {column}); elke regel hoort 'naam: waarde' te zijn, "
        "met waarden die bijzondere tekens bevatten tussen aanhalingstekens",
        "error",
    ),
    Entry(
        "yaml.unreadable",
        "the front matter is not valid YAML ({problem}); check the quotes and indentation",
        "de kopgegevens zijn geen geldige YAML ({problem}); controleer de aanhalingstekens en het inspringen",
        "error",
    ),
    Entry(
        "yaml.tag",
        "the YAML tag '{tag}' is not allowed in a map; remove it and write plain text",
        "de YAML-tag '{tag}' mag niet in een map; haal hem weg en schrijf gewone tekst",
        "error",
    ),
    Entry(
        "yaml.too_deep",
        "the front matter is nested more than {depth} levels deep; a map needs two at most (routine: then its keys)",
        "de kopgegevens zijn meer dan {depth} niveaus diep genest; een map heeft er hooguit twee nodig "
        "(routine: en daaronder de namen)",
        "error",
    ),
    Entry(
        "yaml.anchor",
        "'{name}' is a YAML anchor or alias{more}; they are not allowed in a map (a few lines can expand to "
        "millions of values): write each value out in full",
        "'{name}' is een YAML-anker of -alias{more}; die mogen niet in een map (een paar regels kunnen uitgroeien "
        "tot miljoenen waarden): schrijf elke waarde volledig uit",
        "error",
    ),
    Entry("phrase.more_after", " ({count} more after it)", " (en daarna nog {count})"),
    # --- keys and values -----------------------------------------------------------------------------------
    Entry(
        "key.unknown",
        "unknown key '{key}'; {suggestion}",
        "onbekende naam '{key}'; {suggestion}",
        "warning",
    ),
    Entry("hint.did_you_mean", "did you mean '{hint}'?", "bedoel je '{hint}'?"),
    Entry("hint.known_keys", "the known keys are: {keys}", "de bekende namen zijn: {keys}"),
    Entry(
        "key.twice",
        "'{key}' is given twice (lines {first} and {second}); keep one",
        "'{key}' staat er twee keer (regel {first} en {second}); houd er één over",
        "error",
    ),
    Entry(
        "key.not_a_word",
        "'{key}' cannot be a key: keys are words like 'title' or 'role'",
        "'{key}' kan geen naam zijn: namen zijn woorden als 'title' of 'role'",
        "error",
    ),
    Entry(
        "title.missing",
        "'title' is missing or empty; add 'title: <the persona or buyer, as shown>'",
        "'title' ontbreekt of is leeg; voeg 'title: <de klant of persona, zoals getoond>' toe",
        "error",
    ),
    Entry(
        "title.too_long",
        "the title is {length} characters long; it is shown cut to {limit} (it stands in the navigation of every "
        "page): shorten it",
        "de titel is {length} tekens lang; hij wordt ingekort tot {limit} getoond (hij staat in de navigatie van "
        "elke pagina): maak hem korter",
        "warning",
    ),
    Entry(
        "value.not_text",
        "'{key}' should be text, but it is {what}; write it on one line: '{key}: <text>'",
        "'{key}' hoort tekst te zijn, maar is {what}; schrijf het op één regel: '{key}: <tekst>'",
        "error",
    ),
    Entry(
        "value.read_as",
        "YAML reads '{value}' as {what}, not as text; put it in quotes: {key}: \"{value}\"",
        "YAML leest '{value}' als {what}, niet als tekst; zet het tussen aanhalingstekens: {key}: \"{value}\"",
        "error",
    ),
    Entry(
        "value.not_list",
        "'{key}' should be a list; write it as '{key}: [first, second]'",
        "'{key}' hoort een lijst te zijn; schrijf het als '{key}: [eerste, tweede]'",
        "error",
    ),
    Entry(
        "value.not_a_choice",
        "'{key}' must be {choices}, not '{value}'{suggestion}",
        "'{key}' moet {choices} zijn, niet '{value}'{suggestion}",
        "error",
    ),
    Entry("hint.did_you_mean_after", "; did you mean '{hint}'?", "; bedoel je '{hint}'?"),
    Entry("hint.none", "", ""),
    Entry(
        "date.not_a_day",
        "'{key}: {value}' is not a date that exists; check the day and month (YYYY-MM-DD)",
        "'{key}: {value}' is geen bestaande datum; controleer de dag en de maand (JJJJ-MM-DD)",
        "error",
    ),
    Entry(
        "date.format",
        "'{key}' should be a date written as YYYY-MM-DD, like 2024-05-31, not '{value}'",
        "'{key}' hoort een datum te zijn, geschreven als JJJJ-MM-DD, zoals 2024-05-31, niet '{value}'",
        "error",
    ),
    Entry(
        "routine.not_mapping",
        "'{key}' should be indented 'key: value' lines under '{key}:', like '  age: 45-55'",
        "onder '{key}:' horen ingesprongen regels 'naam: waarde', zoals '  age: 45-55'",
        "error",
    ),
    Entry(
        "routine.twice",
        "'{key}' is given twice (lines {first} and {second}); keep one",
        "'{key}' staat er twee keer (regel {first} en {second}); houd er één over",
        "error",
    ),
    Entry(
        "routine.not_text",
        "'{key}' should be text on one line",
        "'{key}' hoort tekst op één regel te zijn",
        "error",
    ),
    Entry(
        "privacy.personal",
        "routine.{key} is personal data of a real person (subject: real), so the site leaves it out; remove it "
        "from the map (or allow it with publish_personal_data in mkdocs.yml)",
        "routine.{key} is een persoonsgegeven van een echte persoon (subject: real), dus de site laat het weg; "
        "haal het uit de map (of sta het toe met publish_personal_data in mkdocs.yml)",
        "warning",
    ),
    Entry(
        "privacy.personal_exact",
        "routine.{key} is personal data of a real person (subject: real), so the site leaves it out; write a "
        "range such as 40-50, or remove it (or allow it with publish_personal_data in mkdocs.yml)",
        "routine.{key} is een persoonsgegeven van een echte persoon (subject: real), dus de site laat het weg; "
        "schrijf een bereik zoals 40-50, of haal het weg (of sta het toe met publish_personal_data in mkdocs.yml)",
        "warning",
    ),
    Entry(
        "privacy.subject_unclear",
        "routine.{key} is not published: the subject of this map cannot be read (line {at}), so it may be a "
        "real person; write 'subject: persona', 'composite' or 'real'",
        "routine.{key} wordt niet gepubliceerd: het onderwerp van deze map is niet te lezen (regel {at}), dus "
        "het kan een echte persoon zijn; schrijf 'subject: persona', 'composite' of 'real'",
        "warning",
    ),
    # --- the body: sections, items, tags -----------------------------------------------------------------
    Entry(
        "heading.no_space",
        "write a space after '##': '## {heading}' (without it, other Markdown tools do not see a heading)",
        "zet een spatie na '##': '## {heading}' (zonder spatie zien andere Markdown-programma's geen kopje)",
        "warning",
    ),
    Entry(
        "heading.underlined",
        "'{heading}' is underlined with '---', which makes it a heading; write '## {heading}' instead, or leave "
        "a blank line above '---' for a horizontal line",
        "'{heading}' is onderstreept met '---', en dat maakt er een kopje van; schrijf '## {heading}', of laat een "
        "lege regel boven '---' voor een horizontale lijn",
        "warning",
    ),
    Entry(
        "heading.level",
        "'{written}' is a heading of level {level}, and a section heading has exactly two '#': write '## {heading}' "
        "(until then its items are shown under this section, as if it were written so)",
        "'{written}' is een kopje van niveau {level}, en een kopje van een onderdeel heeft precies twee '#': "
        "schrijf '## {heading}' (tot dan worden de items getoond alsof het zo geschreven is)",
        "error",
    ),
    Entry(
        "heading.misspelt",
        "'## {heading}' is not a section heading, so the section '{section}' is missing; did you mean "
        "'## {section}'? (what is under it is shown below the map)",
        "'## {heading}' is geen kopje van een onderdeel, dus het onderdeel '{section}' ontbreekt; bedoel je "
        "'## {section}'? (wat eronder staat wordt onder de map getoond)",
        "error",
    ),
    Entry(
        "heading.unknown",
        "unknown section heading '## {heading}'; {suggestion} (it is shown below the map)",
        "onbekend kopje '## {heading}'; {suggestion} (het wordt onder de map getoond)",
        "warning",
    ),
    Entry("hint.did_you_mean_heading", "did you mean '## {hint}'?", "bedoel je '## {hint}'?"),
    Entry("hint.sections", "the sections are: {sections}", "de onderdelen zijn: {sections}"),
    Entry(
        "section.missing",
        "the section '{section}' is missing; add a heading '## {section}' with its items, for example below "
        "this line, the end of the map",
        "het onderdeel '{section}' ontbreekt; voeg een kopje '## {section}' toe met de items eronder, "
        "bijvoorbeeld onder deze regel, het eind van de map",
        "error",
    ),
    Entry(
        "section.empty",
        "the section '{heading}' is empty; write at least one item under it, as '- ...'",
        "het onderdeel '{heading}' is leeg; schrijf er minstens één item onder, als '- ...'",
        "error",
    ),
    Entry(
        "section.twice",
        "the section '{heading}' appears twice (lines {first} and {second}); merge the two into one "
        "(both are shown, one after the other)",
        "het onderdeel '{heading}' staat er twee keer (regel {first} en {second}); voeg ze samen tot één "
        "(beide worden getoond, na elkaar)",
        "error",
    ),
    Entry(
        "section.too_many",
        "a map has at most {limit} sections; this heading and those after it stay in the section above "
        "(merge sections, or split the map)",
        "een map heeft hooguit {limit} onderdelen; dit kopje en de kopjes erna blijven in het onderdeel erboven "
        "(voeg onderdelen samen, of verdeel de map)",
        "error",
    ),
    Entry(
        "section.too_deep",
        "this section is nested too deeply for the site's Markdown; it is shown as plain text",
        "dit onderdeel is te diep genest voor de Markdown van de site; het wordt als platte tekst getoond",
        "error",
    ),
    Entry(
        "include.refused",
        "'{directive}' includes a file on other pages, but a map cannot include files (it could publish any file "
        "of the repository); the line is shown as written",
        "'{directive}' voegt op andere pagina's een bestand in, maar een map kan geen bestanden invoegen (dan kon "
        "hij elk bestand van de repository publiceren); de regel wordt getoond zoals hij er staat",
        "warning",
    ),
    Entry(
        "depth.block_too_long",
        "this {block} is {length} characters long; the site converts at most {limit} in one (it is shown as plain "
        "text, in pieces): split it with blank lines",
        "dit {block} is {length} tekens lang; de site zet er hooguit {limit} in één keer om (het wordt als platte "
        "tekst getoond, in stukken): verdeel het met lege regels",
        "error",
    ),
    Entry(
        "depth.too_many_blocks",
        "a map holds at most {limit} blocks (parts separated by blank lines or code fences); this one and everything "
        "after it is shown as written, without Markdown: split the map",
        "een map bevat hooguit {limit} blokken (delen tussen lege regels of codeblokken); dit blok en alles erna "
        "wordt getoond zoals het er staat, zonder Markdown: verdeel de map",
        "error",
    ),
    Entry(
        "depth.too_many_marks",
        "this {block} holds more emphasis marks (* _) or unmatched brackets ([) than the site can convert (at most "
        "{limit} marks); they are shown as written: split it up or remove them",
        "dit {block} bevat meer nadruktekens (* _) of losse haken ([) dan de site kan omzetten (hooguit {limit}); "
        "ze worden getoond zoals ze er staan: verdeel het of haal ze weg",
        "error",
    ),
    Entry("what.list_item", "list item", "item"),
    Entry("what.paragraph", "paragraph", "alinea"),
    Entry(
        "depth.too_many_headings",
        "a map has at most {limit} headings; this one and those after it are shown as text",
        "een map heeft hooguit {limit} kopjes; dit kopje en de kopjes erna worden als tekst getoond",
        "error",
    ),
    Entry(
        "depth.list",
        "this list item is nested {depth} levels deep; a map allows {limit} (it is shown at level {limit}): "
        "indent it less",
        "dit item is {depth} niveaus diep ingesprongen; een map staat er {limit} toe (het wordt op niveau {limit} "
        "getoond): spring minder in",
        "error",
    ),
    Entry(
        "depth.quote",
        "this line is quoted {depth} levels deep ('>'); a map allows {limit} (the rest of the '>' are shown as text)",
        "deze regel is {depth} niveaus diep geciteerd ('>'); een map staat er {limit} toe (de overige '>' worden "
        "als tekst getoond)",
        "error",
    ),
    Entry(
        "fence.unclosed",
        "the code block opened with '{fence}' is never closed, so everything after it is shown as code; add a line "
        "with '{fence}' where the code ends",
        "het codeblok dat met '{fence}' begint wordt nergens gesloten, dus alles erna wordt als code getoond; "
        "zet een regel met '{fence}' waar de code eindigt",
        "error",
    ),
    Entry(
        "tag.unknown",
        "unknown need tag '#{tag}'; {suggestion}",
        "onbekende behoefte '#{tag}'; {suggestion}",
        "warning",
    ),
    Entry("hint.did_you_mean_tag", "did you mean '#{hint}'?", "bedoel je '#{hint}'?"),
    Entry("hint.tags", "the need tags are: {tags}", "de behoeften zijn: {tags}"),
    Entry(
        "tag.unknown_more",
        "more unknown need tags follow on this line than the {limit} above",
        "op deze regel volgen meer onbekende behoeften dan de {limit} hierboven",
        "warning",
    ),
    Entry(
        "tag.in_introduction",
        "need tags only count at the end of a list item in a section; move it under one of the section headings",
        "behoeften tellen alleen aan het eind van een item in een onderdeel; zet het onder een van de kopjes",
        "warning",
    ),
    Entry(
        "tag.outside_item",
        "need tags only count at the end of a list item in a section; start this line with '- ' to make it one",
        "behoeften tellen alleen aan het eind van een item in een onderdeel; begin deze regel met '- ' om er "
        "een item van te maken",
        "warning",
    ),
    # --- what a map may contain -------------------------------------------------------------------------
    Entry(
        "html.element",
        f"the HTML element <{{tag}}> is not allowed in a map; {_LEFT_OUT_EN}",
        f"het HTML-element <{{tag}}> mag niet in een map; {_LEFT_OUT_NL}",
        "warning",
    ),
    Entry(
        "html.attribute",
        f"the attribute '{{name}}' is not allowed in a map; {_LEFT_OUT_EN}",
        f"het attribuut '{{name}}' mag niet in een map; {_LEFT_OUT_NL}",
        "warning",
    ),
    Entry(
        "html.event_handler",
        f"the event handler '{{name}}' is not allowed in a map; {_LEFT_OUT_EN}",
        f"de event handler '{{name}}' mag niet in een map; {_LEFT_OUT_NL}",
        "warning",
    ),
    Entry(
        "html.link",
        f"a '{{scheme}}:' link is not allowed in a map (only http, https, mailto and tel); {_LEFT_OUT_EN}",
        f"een '{{scheme}}:'-link mag niet in een map (alleen http, https, mailto en tel); {_LEFT_OUT_NL}",
        "warning",
    ),
    Entry(
        "html.removed",
        "unsafe content was left out of this section: {what}",
        "onveilige inhoud is uit dit onderdeel weggelaten: {what}",
        "warning",
    ),
    # --- mkdocs.yml ------------------------------------------------------------------------------------
    Entry(
        "maps.missing",
        "the maps folder '{folder}' does not exist, so the playbook has no maps; create it and add a map "
        '(empathy-playbook new "Title"), or set maps_dir to the folder that holds them',
        "de maps-folder '{folder}' bestaat niet, dus het playbook heeft geen maps; maak hem aan en voeg een map toe "
        '(empathy-playbook new "Titel"), of zet maps_dir op de folder waar ze staan',
        "error",
    ),
    Entry(
        "maps.empty",
        "the maps folder '{folder}' holds no map (no .md file); add one (empathy-playbook new \"Title\")",
        "de maps-folder '{folder}' bevat geen enkele map (geen .md-bestand); voeg er een toe "
        '(empathy-playbook new "Titel")',
        "error",
    ),
    Entry(
        "path.maps_twice",
        "this map is in a folder '{folder}' inside the maps folder, so it is published at maps/{url}/; "
        "move it to {suggested}",
        "deze map staat in een folder '{folder}' binnen de maps-folder, dus hij komt op maps/{url}/; "
        "verplaats hem naar {suggested}",
        "warning",
    ),
    Entry(
        "onboarding.unknown_map",
        "the onboarding step '{map}' names no map{suggestion}",
        "de inwerkstap '{map}' noemt een map die niet bestaat{suggestion}",
        "error",
    ),
    Entry(
        "relations.not_list",
        "'relations' should be a list: write 'relations:' then lines '  - map: zorg/raad-van-bestuur' and "
        "'    kind: reports-to'",
        "'relations' hoort een lijst te zijn: schrijf 'relations:' en daaronder de regels "
        "'  - map: zorg/raad-van-bestuur' en '    kind: rapporteert-aan'",
        "error",
    ),
    Entry(
        "relations.not_mapping",
        "each relation is a 'map:' with a 'kind:'; write 'relations:' then lines '  - map: zorg/raad-van-bestuur' "
        "and '    kind: reports-to'",
        "elke relatie is een 'map:' met een 'kind:'; schrijf 'relations:' en daaronder de regels "
        "'  - map: zorg/raad-van-bestuur' en '    kind: rapporteert-aan'",
        "error",
    ),
    Entry(
        "relations.unknown_key",
        "'{key}' in a relation: a relation has one 'map' and one 'kind'{suggestion}",
        "'{key}' in een relatie: een relatie heeft één 'map' en één 'kind'{suggestion}",
        "error",
    ),
    Entry(
        "relations.no_map",
        "this relation has no 'map'; add 'map: <the path of the other map below the maps folder>'",
        "deze relatie heeft geen 'map'; voeg 'map: <het pad van de andere map onder de maps-folder>' toe",
        "error",
    ),
    Entry(
        "relations.no_kind",
        "this relation has no 'kind'; add 'kind: <reports-to, influences, blocks or advises (in Dutch: "
        "rapporteert-aan, beïnvloedt, blokkeert, adviseert)>'",
        "deze relatie heeft geen 'kind'; voeg 'kind: <rapporteert-aan, beïnvloedt, blokkeert of adviseert>' toe",
        "error",
    ),
    Entry(
        "relations.empty_map",
        "'relations.map' is empty; name the other map, as 'map: zorg/raad-van-bestuur'",
        "'relations.map' is leeg; noem de andere map, als 'map: zorg/raad-van-bestuur'",
        "error",
    ),
    Entry(
        "relation.no_account",
        "'relations' link the maps of one account, but this map names no 'account'; add 'account: <customer>'",
        "'relations' verbinden de maps van één account, maar deze map noemt geen 'account'; voeg "
        "'account: <klant>' toe",
        "error",
    ),
    Entry(
        "relation.self",
        "a relation of a map to itself ('{map}'); name another map",
        "een relatie van een map met zichzelf ('{map}'); noem een andere map",
        "error",
    ),
    Entry(
        "relation.unknown",
        "the relation names '{map}', but there is no map {file} (write the path below the maps folder){suggestion}",
        "de relatie noemt '{map}', maar er is geen map {file} (schrijf het pad onder de maps-folder){suggestion}",
        "error",
    ),
    Entry(
        "relation.other_account",
        "the relation names '{map}', which belongs to {theirs}, not to '{account}': relations link the maps of "
        "one account",
        "de relatie noemt '{map}', die bij {theirs} hoort, niet bij '{account}': relaties verbinden de maps van "
        "één account",
        "error",
    ),
    Entry("phrase.the_account", "the account '{account}'", "het account '{account}'"),
    Entry("phrase.no_account", "no account", "geen account"),
    Entry(
        "docs.page_taken",
        "the empathy-playbook plugin publishes a page {made} at this file's address ('{address}'); one would "
        "replace the other, so the plugin leaves its page out: rename this file",
        "de plugin empathy-playbook publiceert een pagina {made} op het adres van dit bestand ('{address}'); de een "
        "zou de ander vervangen, dus de plugin laat zijn pagina weg: geef dit bestand een andere naam",
        "error",
    ),
    Entry("phrase.page_from", "from {source}", "uit {source}"),
    Entry("phrase.page_named", "'{page}'", "'{page}'"),
    Entry(
        "html.unclosed",
        "the HTML element <{tag}> is opened here and never closed in its section; the site closes it at the end "
        "of the section, so everything after it in the section is inside it: add </{tag}> where it should end",
        "het HTML-element <{tag}> wordt hier geopend en in zijn onderdeel nergens gesloten; de site sluit het aan "
        "het eind van het onderdeel, dus alles erna in het onderdeel staat erin: zet </{tag}> waar het moet eindigen",
        "warning",
    ),
    Entry(
        "html.too_deep",
        "HTML elements are nested more than {limit} levels deep here; this line and the deeper ones after it in "
        "the section are shown as text: close the elements sooner",
        "HTML-elementen zijn hier meer dan {limit} niveaus diep genest; deze regel en de diepere erna in het "
        "onderdeel worden als tekst getoond: sluit de elementen eerder",
        "error",
    ),
    Entry(
        "html.unclosed_more",
        "and {count} more HTML elements from here on are never closed in this section",
        "en nog {count} HTML-elementen vanaf hier worden in dit onderdeel nergens gesloten",
        "warning",
    ),
    Entry(
        "maps_folder.outside",
        "the maps folder '{folder}' lies outside the project; keep the maps in a folder next to mkdocs.yml",
        "de maps-folder '{folder}' ligt buiten het project; zet de maps in een folder naast mkdocs.yml",
    ),
    Entry(
        "maps_folder.linked",
        "the maps folder '{folder}' is a link (or lies under one); it must be a real folder in the project",
        "de maps-folder '{folder}' is een link (of ligt onder een link); het moet een echte folder in het project zijn",
    ),
    Entry(
        "maps_folder.in_docs",
        "the maps folder '{folder}' and the docs folder overlap, so MkDocs would publish every map as written "
        "(scripts included); move the maps out of the docs folder",
        "de maps-folder '{folder}' en de docs-folder overlappen, dus MkDocs zou elke map publiceren zoals hij geschreven is "
        "(scripts inbegrepen); haal de maps uit de docs-folder",
    ),
    Entry(
        "external.setting",
        "{path}: {setting} {what}: every visit then tells that host who reads the playbook, and when; remove it, "
        "or set the empathy-playbook option allow_external: true to accept it",
        "{path}: {setting} {what}: elk bezoek vertelt die server dan wie het playbook leest, en wanneer; haal het "
        "weg, of zet de optie allow_external: true van empathy-playbook om het toe te staan",
    ),
    Entry(
        "external.load",
        "{where}: '{url}' is loaded from another host: every visit then tells that host who reads the playbook, "
        "and when; remove it, or set the empathy-playbook option allow_external: true to accept it",
        "{where}: '{url}' wordt van een andere server geladen: elk bezoek vertelt die server dan wie het playbook "
        "leest, en wanneer; haal het weg, of zet de optie allow_external: true van empathy-playbook om het toe "
        "te staan",
    ),
    Entry(
        "external.page",
        "the page '{page}' (from the theme or a plugin)",
        "de pagina '{page}' (van het thema of een plugin)",
    ),
    Entry("external.fonts", "loads {families} from Google Fonts", "laadt {families} van Google Fonts"),
    Entry(
        "external.analytics", "sends every visit to {provider} analytics", "stuurt elk bezoek naar {provider} analytics"
    ),
    Entry("external.loads", "loads {url}", "laadt {url}"),
    Entry(
        "external.repo_facts",
        "makes every visitor's browser ask {host} for the repository's facts",
        "laat de browser van elke bezoeker {host} vragen naar de gegevens van de repository",
    ),
    Entry(
        "search.failed",
        "the search index could not be built: {error}",
        "de zoekindex kon niet gemaakt worden: {error}",
    ),
    Entry(
        "search.override",
        "{path}: this copy of the theme's search box hides Pagefind's (search: pagefind); delete it, or set "
        "'search: theme' to keep the theme's own search",
        "{path}: deze kopie van het zoekvak van het thema verbergt dat van Pagefind (search: pagefind); verwijder "
        "hem, of zet 'search: theme' om het zoeken van het thema te houden",
    ),
    Entry(
        "search.bundle_taken",
        "{path}: '{folder}/' is where the search index goes (search: pagefind); move this file",
        "{path}: in '{folder}/' komt de zoekindex (search: pagefind); verplaats dit bestand",
    ),
    # --- a built site (`verify`) and `generate` ---------------------------------------------------------
    Entry(
        "site.not_built",
        "no built site here (no index.html); build the site first",
        "hier staat geen gebouwde site (geen index.html); bouw eerst de site",
    ),
    Entry(
        "site.sections_missing",
        "the page of {map} lacks the section(s) {hooks}",
        "op de pagina van {map} ontbreken de onderdelen {hooks}",
    ),
    Entry(
        "site.no_map_pages",
        "none of the {count} maps has its page (the first would be maps/{first}/): the site was built without the "
        "empathy-playbook plugin. An engine that ignores MkDocs plugins, such as Zensical, must build from the "
        "folder that 'empathy-playbook generate --out DIR' writes (README: Engines)",
        "geen van de {count} maps heeft een pagina (de eerste zou maps/{first}/ zijn): de site is gebouwd zonder "
        "de plugin empathy-playbook. Een programma dat MkDocs-plugins negeert, zoals Zensical, moet bouwen uit de "
        "folder die 'empathy-playbook generate --out FOLDER' schrijft (README: Engines)",
    ),
    Entry("site.page_missing", "missing: the map {map} has no page", "ontbreekt: de map {map} heeft geen pagina"),
    Entry("site.broken_link", "broken link '{target}': {why}", "kapotte link '{target}': {why}"),
    Entry("site.link_leaves", "it leaves the site", "hij gaat buiten de site"),
    Entry("site.link_no_file", "{file} is not in the site", "{file} staat niet in de site"),
    Entry("site.link_no_anchor", "{file} has no anchor '#{anchor}'", "{file} heeft geen anker '#{anchor}'"),
    Entry(
        "site.summary",
        "{site}: {map_pages} map pages with their six sections, {links} internal links on {pages} pages followed: "
        "{problems}",
        "{site}: {map_pages} mappagina's met hun zes onderdelen, {links} interne links op {pages} pagina's "
        "gevolgd: {problems}",
    ),
    Entry("site.problem", "1 problem.", "1 probleem."),
    Entry("site.problems", "{count} problems.", "{count} problemen."),
    Entry("site.no_problems", "no problems.", "geen problemen."),
    Entry(
        "generate.out_is_source",
        "this is (or holds) the {folder}; choose a folder of its own, such as build/zensical",
        "dit is (of bevat) de {folder}; kies een eigen folder, zoals build/zensical",
    ),
    Entry("what.docs_folder", "docs folder", "docs-folder"),
    Entry("what.project_folder", "project folder", "projectfolder"),
    Entry("generate.out_not_folder", "exists and is no folder", "bestaat al en is geen folder"),
    Entry(
        "generate.out_not_ours",
        "the folder holds files that 'empathy-playbook generate' did not write; give an empty or new folder",
        "de folder bevat bestanden die 'empathy-playbook generate' niet geschreven heeft; geef een lege of nieuwe folder",
    ),
    Entry("generate.extension", "markdown_extensions: {error}", "markdown_extensions: {error}"),
    # --- the program -----------------------------------------------------------------------------------
    Entry("cli.config_unreadable", "{path}: cannot read it ({error})", "{path}: kan het niet lezen ({error})"),
    Entry(
        "cli.unknown_option",
        "{path}: {plugin}: unknown option '{name}' is ignored",
        "{path}: {plugin}: onbekende optie '{name}' wordt genegeerd",
    ),
    Entry("cli.index_failed", "empathy-playbook index: {error}", "empathy-playbook index: {error}"),
    Entry(
        "cli.indexed",
        "Indexed {pages} pages ({site_language}) in {seconds} s into {bundle}",
        "{pages} pagina's ({site_language}) geïndexeerd in {seconds} s, in {bundle}",
    ),
    Entry(
        "cli.generate_no_config",
        "generate needs the site's mkdocs.yml: run it in the project, or give -f FILE",
        "generate heeft de mkdocs.yml van de site nodig: start het in het project, of geef -f BESTAND",
    ),
    Entry(
        "cli.generated",
        "Wrote {out}: {pages} pages, {cards} meeting cards and {files} files of the docs folder into {docs}, "
        "and {config}. Build it with: zensical build -f {config}",
        "{out} geschreven: {pages} pagina's, {cards} gesprekskaarten en {files} bestanden van de docs-folder in "
        "{docs}, en {config}. Bouw het met: zensical build -f {config}",
    ),
    Entry(
        "cli.verify_no_maps",
        "{folder}: no maps here, so nothing to verify; is maps_dir right?",
        "{folder}: hier staan geen maps, dus er valt niets te controleren; klopt maps_dir?",
    ),
    Entry("cli.clean", "{maps} checked: no problems.", "{maps} gecontroleerd: geen problemen."),
    Entry("cli.summary", "{maps} checked: {errors}, {warnings}.", "{maps} gecontroleerd: {errors}, {warnings}."),
    Entry("cli.maps", "{count} maps", "{count} maps"),
    Entry("cli.map", "1 map", "1 map"),
    Entry("cli.errors", "{count} errors", "{count} fouten"),
    Entry("cli.error", "1 error", "1 fout"),
    Entry("cli.warnings", "{count} warnings", "{count} waarschuwingen"),
    Entry("cli.warning", "1 warning", "1 waarschuwing"),
    Entry("level.error", "error", "fout"),
    Entry("level.warning", "warning", "waarschuwing"),
    Entry(
        "cli.created",
        "Created {path}: fill in the sections, then run 'empathy-playbook check {path}'.",
        "{path} gemaakt: vul de onderdelen in en controleer dan met 'empathy-playbook check {path}'.",
    ),
    Entry(
        "cli.exists",
        "{path} exists already; open it, or choose another title",
        "{path} bestaat al; open het, of kies een andere titel",
    ),
    Entry(
        "cli.wrote_schema",
        "Wrote {path}: the JSON Schema that editors use to check a map's front matter as you type.",
        "{path} geschreven: het JSON Schema waarmee editors de kopgegevens van een map controleren terwijl je typt.",
    ),
    Entry("cli.no_title", "give the buyer a name", "geef de klant een naam"),
    Entry("cli.wrote", "Wrote {path}", "{path} geschreven"),
    Entry(
        "cli.stale_reviewed",
        "{path}: reviewed {date} ({months} months ago); owner: {owner}",
        "{path}: herzien op {date} ({months} maanden geleden); eigenaar: {owner}",
    ),
    Entry(
        "cli.stale_never",
        "{path}: never reviewed; owner: {owner}",
        "{path}: nooit herzien; eigenaar: {owner}",
    ),
    Entry("cli.nobody", "nobody", "niemand"),
    Entry(
        "cli.stale_summary",
        "{due} of {total} maps due for review (every {months} months).",
        "{due} van {total} maps zijn aan herziening toe (elke {months} maanden).",
    ),
)

CATALOGUE: Mapping[str, Entry] = {entry.code: entry for entry in _ENTRIES}
assert len(CATALOGUE) == len(_ENTRIES), "a code is in the catalogue twice"

PROBLEMS: tuple[Entry, ...] = tuple(entry for entry in _ENTRIES if entry.level is not None)
"""The entries that are problems in a map or in mkdocs.yml: every message a contributor can meet."""


def say(code: str, language: str, **params: object) -> str:
    """A message of the program (not a problem in a map) in `language`."""
    return phrase(code, **params).render(language)


def counted(count: int, one: str, many: str) -> Text:
    """'1 map', '3 maps': the singular or plural entry."""
    return phrase(one) if count == 1 else phrase(many, count=count)


class _Blanks(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def message_table(language: str = "nl") -> str:
    """A Markdown table of every problem a contributor can meet, for CONTRIBUTING.md (kept current by a test)."""
    nl = language_of(language) == "nl"
    kinds = {"error": "fout" if nl else "error", "warning": "waarschuwing" if nl else "warning"}
    rows = ["| code | " + ("soort | melding |" if nl else "kind | message |"), "|---|---|---|"]
    for entry in PROBLEMS:
        template = entry.nl if nl else entry.en
        # Markdown, not HTML: '<wie deze klant is>' must show as written, and '|' would end the cell.
        message = template.format_map(_Blanks()).replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
        rows.append(f"| `{entry.code}` | {kinds[entry.level or 'error']} | {message} |")
    return "\n".join(rows) + "\n"
