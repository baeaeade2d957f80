"""Personal data: what of a map about a real person the site may publish (GDPR: nothing without need).

It fails closed. A personal key is recognised whatever its case, spelling (`date_of_birth`, `Date of
birth`) or language (English or Dutch, the languages of the format). A map whose `subject` cannot be
read (misspelt, not one of the three words, or a front matter that cannot be read) may be about a
real person: none of its routine data is published. Age and income are published from a real
person's map only as a clear range or band; anything else (a date, an exact or approximate amount,
a number in words) is left out.
"""

from __future__ import annotations

import re
import unicodedata

from .model import EmpathyMap, Report, quoted

DEFAULT_PERSONAL_FIELDS: tuple[str, ...] = ("name", "address", "age", "income", "email", "phone")

PERSONAL_KEYS: dict[str, tuple[str, ...]] = {
    "name": ("naam", "full name", "volledige naam", "first name", "voornaam", "last name", "surname", "achternaam"),
    "address": ("adres", "woonadres", "home address", "street", "straat", "postcode", "postal code", "zip code"),
    "age": ("leeftijd", "date of birth", "birth date", "birthday", "born", "geboortedatum", "geboren", "verjaardag"),
    "income": ("inkomen", "salary", "salaris", "wage", "loon"),
    "email": ("e mail", "mail", "e mailadres", "email address", "mailadres"),
    "phone": ("telephone", "telefoon", "telefoonnummer", "phone number", "mobile", "mobiel", "gsm"),
}
"""Each personal field with the other keys (English and Dutch) that mean it, compared folded (`_key`)."""

BANDED_KEYS = frozenset({"age", "leeftijd", "income", "inkomen", "salary", "salaris"})
"""Personal only when exact: a range ("45-55", "50+", "< 30.000") or a band ("modaal") is not.
(A date of birth never is a band, so its keys are not here.)"""

_NUMBER = r"(?:[€$£]\s?)?(?:\d{1,3}(?:[.,]\d{3})++|\d++)(?:[.,]\d{1,2})?(?:\s?(?:k|dzd|duizend|mln|miljoen))?(?:\s?(?:€|eur|euro))?"
_UNIT = r"(?:\s?(?:jaar|years?|yrs|j|bruto|netto|per jaar|per year|per maand|per month|p/?j|p/?m|/jaar|/year|/maand|/month))*+"
# Patterns, not compiled here: `re` compiles each at its first use (and caches it). Only a real person's banded
# field needs them, and compiling all three would cost every run of `check` more than its maps' privacy does.
_RANGE = rf"(?:tussen |between |van |from )?(?P<low>{_NUMBER}){_UNIT}\s?(?:-|–|—|to|tot|t/m|en|and)\s?(?P<high>{_NUMBER}){_UNIT}"
_OPEN_RANGE = (
    rf"(?:<=?|>=?|≤|≥|under|over|below|above|onder|boven|minder dan|meer dan|less than|more than|vanaf|from|max\.?|min\.?)\s?{_NUMBER}{_UNIT}"
    rf"|{_NUMBER}{_UNIT}\s?\+|{_NUMBER}\+{_UNIT}"
)
_DECADE = (
    r"(?:(?:begin|midden|eind|early|mid|late)\s)?(?:twintiger|dertiger|veertiger|vijftiger|zestiger|zeventiger|tachtiger"
    r"|twenties|thirties|forties|fifties|sixties|seventies|eighties|[1-9]0(?:'?s|-ers|\+))"
)
_BAND_WORDS = frozenset(
    {
        "modaal", "beneden modaal", "onder modaal", "boven modaal", "2x modaal", "twee keer modaal",
        "anderhalf keer modaal", "laag", "midden", "middel", "gemiddeld", "hoog", "low", "middle", "medium",
        "average", "below average", "above average", "high", "jong", "young", "middelbaar", "middle-aged",
        "middle aged", "oud", "old", "senior", "junior", "student", "gepensioneerd", "retired",
    }
)  # fmt: skip
_MAX_BAND_LENGTH = 60


def _key(key: str) -> str:
    """A routine key compared without case, accents or separators: `Date_of-Birth` is `date of birth`."""
    folded = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def is_band(value: str) -> bool:
    """A clear range or band: `45-55`, `50+`, `< 30.000`, `€40k - €50k`, `modaal`, `vijftiger`; nothing else."""
    text = " ".join(value.casefold().split())
    if len(text) > _MAX_BAND_LENGTH:  # a band is short; and every pattern below then runs on little text
        return False
    if text in _BAND_WORDS or re.fullmatch(_DECADE, text) or re.fullmatch(_OPEN_RANGE, text):
        return True
    match = re.fullmatch(_RANGE, text)
    return match is not None and _amount(match["low"]) < _amount(match["high"])


def _amount(number: str) -> float:
    digits = re.sub(r"[^\d.,]", "", number)
    whole, _, cents = re.sub(r"[.,](\d{3})(?=\D|$)", r"\1", digits).replace(",", ".").partition(".")
    amount = float(f"{whole}.{cents or 0}")
    return amount * 1000 if re.search(r"k|dzd|duizend", number) else amount


class PrivacyPolicy:
    """Which routine keys are personal data, and whether the site publishes them after all."""

    __slots__ = ("_personal", "personal_fields", "publish")

    def __init__(self, personal_fields: tuple[str, ...] = DEFAULT_PERSONAL_FIELDS, publish: bool = False) -> None:
        self.personal_fields = personal_fields
        self.publish = publish
        """The site's explicit permission to publish personal data after all."""
        keys = {_key(name): _key(name) for name in personal_fields}
        for name in personal_fields:
            keys.update({_key(alias): _key(name) for alias in PERSONAL_KEYS.get(_key(name), ())})
        self._personal = keys
        """Each personal key and alias, folded, to the personal field it names (made from the two above)."""

    def __repr__(self) -> str:
        # A rebuild's page keys hold the settings' repr (rebuild.page_keys): the same policy, the same repr.
        return f"PrivacyPolicy(personal_fields={self.personal_fields!r}, publish={self.publish!r})"

    def is_personal(self, key: str, value: str) -> bool:
        folded = _key(key)
        if folded not in self._personal:
            return False
        return folded not in BANDED_KEYS or not is_band(value)

    def apply(self, m: EmpathyMap) -> None:
        """Leave personal routine data out of the map, with a warning at each line: a real person's personal
        fields, and all routine data of a map that may be about a real person (its subject cannot be read)."""
        if self.publish or (m.profile.subject != "real" and m.subject_unclear_at is None):
            return
        report = Report(m.path, m.problems)
        kept = []
        for entry in m.profile.routine:
            if m.subject_unclear_at is not None:
                report.warning(entry.line, "privacy.subject_unclear", key=quoted(entry.key), at=m.subject_unclear_at)
                continue
            if not self.is_personal(entry.key, entry.value):
                kept.append(entry)
                continue
            code = "privacy.personal_exact" if _key(entry.key) in BANDED_KEYS else "privacy.personal"
            report.warning(entry.line, code, key=quoted(entry.key))
        m.profile = m.profile._replace(routine=tuple(kept))
        m.problems.sort(key=lambda problem: problem.line)


NO_PERSONAL_DATA = PrivacyPolicy()
"""The default: the built-in personal fields of real people are never published."""
