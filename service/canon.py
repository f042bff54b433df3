"""Canonical names: countries (ISO 3166 via pycountry), organisations and people.

Two mentions are the same entity when their canonical keys are equal; the canonical
English short name is what the output shows ("United Kingdom", not "Britain").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pycountry
from countryinfo import all_countries
from rapidfuzz import fuzz

from schemas.participants import Kind

from .ground import Article, Span, fold


def _key(name: str) -> str:
    """Lookup key: folded, without dots and a leading article ("the U.S." -> "us")."""
    key = fold(name).replace(".", "").strip()
    return key.removeprefix("the ").strip()


#: Usual English short names where ISO 3166's name is a formal one.
_SHORT_NAMES = {
    "RU": "Russia",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "VN": "Vietnam",
    "MD": "Moldova",
    "TW": "Taiwan",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "LA": "Laos",
    "TR": "Turkey",
    "CZ": "Czech Republic",
    "CD": "DR Congo",
    "BN": "Brunei",
    "FM": "Micronesia",
    "PS": "Palestine",
    "VA": "Holy See",
}
#: Names and abbreviations that pycountry does not resolve, by ISO alpha-2 code, written
#: as articles write them (abbreviations are matched case-sensitively in the text).
_COUNTRY_ALIASES = {
    "Britain": "GB", "Great Britain": "GB", "UK": "GB", "U.K.": "GB", "England": "GB",
    "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States of America": "US", "Russia": "RU", "Netherlands": "NL", "Holland": "NL",
    "Türkiye": "TR", "Turkey": "TR", "South Korea": "KR", "Korea": "KR", "North Korea": "KP",
    "Czechia": "CZ", "Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Cape Verde": "CV",
    "Burma": "MM", "East Timor": "TL", "Swaziland": "SZ", "Macedonia": "MK", "Vatican": "VA",
    "UAE": "AE", "DRC": "CD", "DR Congo": "CD", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG",
}  # fmt: skip
_COUNTRY_INDEX = {
    **{_key(name): code for code, name in _SHORT_NAMES.items()},  # "Brunei" for "Brunei Darussalam"
    **{_key(alias): code for alias, code in _COUNTRY_ALIASES.items()},
}
#: Adjectives of nationality that countryinfo does not give (it has one per country), or
#: gives to several countries ("Chinese" for Hong Kong and Macao too): written by hand.
_DEMONYM_ALIASES = {
    "french": "FR", "british": "GB", "ukrainian": "UA", "russian": "RU", "american": "US",
    "german": "DE", "slovenian": "SI", "slovene": "SI", "italian": "IT", "polish": "PL",
    "japanese": "JP", "south korean": "KR", "australian": "AU", "croatian": "HR",
    "austrian": "AT", "irish": "IE", "cypriot": "CY", "dutch": "NL", "spanish": "ES",
    "canadian": "CA", "european": "", "finnish": "FI", "estonian": "EE", "latvian": "LV",
    "lithuanian": "LT", "swedish": "SE", "danish": "DK", "norwegian": "NO", "icelandic": "IS",
    "hungarian": "HU", "romanian": "RO", "bulgarian": "BG", "greek": "GR", "turkish": "TR",
    "portuguese": "PT", "belgian": "BE", "swiss": "CH", "czech": "CZ", "slovak": "SK",
    "serbian": "RS", "georgian": "GE", "moldovan": "MD", "belarusian": "BY", "chinese": "CN",
    "indian": "IN", "pakistani": "PK", "iranian": "IR", "israeli": "IL", "egyptian": "EG",
    "saudi": "SA", "emirati": "AE", "qatari": "QA", "turkmen": "TM", "kenyan": "KE",
    "ugandan": "UG", "ethiopian": "ET", "sudanese": "SD", "nigerian": "NG", "ghanaian": "GH",
    "senegalese": "SN", "ivorian": "CI", "malian": "ML", "burkinabe": "BF", "nigerien": "NE",
    "chadian": "TD", "moroccan": "MA", "algerian": "DZ", "south african": "ZA",
    "haitian": "HT", "jamaican": "JM", "brazilian": "BR", "mexican": "MX", "guatemalan": "GT",
    "salvadoran": "SV", "colombian": "CO", "argentine": "AR", "chilean": "CL",
    "venezuelan": "VE", "cuban": "CU", "dominican": "DO", "new zealand": "NZ",
    "north korean": "KP", "taiwanese": "TW", "vietnamese": "VN", "indonesian": "ID",
    "filipino": "PH", "thai": "TH", "maltese": "MT", "luxembourgish": "LU",
    "montenegrin": "ME", "kazakh": "KZ", "kyrgyz": "KG", "tajik": "TJ", "uzbek": "UZ",
    "nepali": "NP", "lao": "LA", "djiboutian": "DJ", "timorese": "TL", "maldivian": "MV",
    "basotho": "LS", "comorian": "KM", "cape verdean": "CV", "equatoguinean": "GQ",
    "bissau-guinean": "GW", "ecuadorian": "EC", "surinamese": "SR",
}  # fmt: skip


@cache
def _library_demonym_codes() -> dict[str, set[str]]:
    """Adjectives of nationality from countryinfo, folded, with the ISO codes they are of.

    Read on first use, not at import (countryinfo reads a file per country): both tables
    below come from it, and a run replayed from the run cache needs neither.
    """
    codes: dict[str, set[str]] = {}
    for country in all_countries():
        adjective, code = country.demonym(), country.iso(2)
        if adjective and isinstance(code, str):
            for one in re.split(r"[,/]", fold(adjective)):  # "antiguan,barbudan"
                codes.setdefault(one.strip(), set()).add(code)
    return codes


@cache
def _shared_demonyms() -> dict[str, frozenset[str]]:
    """Adjectives two or more countries share ("Congolese"), with those countries' codes."""
    return {
        adj: frozenset(c)
        for adj, c in _library_demonym_codes().items()
        if len(c) > 1 and adj not in _DEMONYM_ALIASES
    }


@cache
def _capitals() -> dict[str, str]:
    """Capital city (folded) to the canonical name of its country, from countryinfo."""
    out: dict[str, str] = {}
    for country in all_countries():
        capital, code = country.capital(), country.iso(2)
        if isinstance(capital, list):  # the Vatican's is ["Vatican City"]
            capital = capital[0] if capital else None
        if capital and isinstance(code, str):
            known = pycountry.countries.get(alpha_2=code)
            if known is not None:
                # news writes "Washington", the library "Washington D.C."
                for city in {fold(capital), re.sub(r",?\s+d\.c\.$", "", fold(capital))}:
                    out.setdefault(city, _short(known))
    return out


def capitals_of(canonical: str) -> tuple[str, ...]:
    """The capital (folded) of the country ``canonical``: news writes it for the government."""
    return tuple(city for city, country in _capitals().items() if country == canonical)


def find_capitals(article: Article) -> dict[str, list[Span]]:
    """Countries whose capital ``article`` names, with those mentions."""
    folded = fold(article.text)
    found: dict[str, list[Span]] = {}
    for city, country in _capitals().items():
        if city in folded:
            # written as a name: the capital "Male" is not the word "male"
            spans = [s for s in article.mentions([city]) if article.text[s.start].isupper()]
            if spans:
                found.setdefault(country, []).extend(spans)
    return found


def country_of_capital(city: str) -> str | None:
    """The country whose capital ``city`` is ("Accra" gives Ghana), else None."""
    return _capitals().get(fold(city).strip())


def country_named(place: str) -> str | None:
    """The country ``place`` names, itself or by its capital ("Peru" or "Lima" give Peru)."""
    return canonical_country(place) or country_of_capital(place)


@cache
def _demonyms() -> dict[str, str]:
    """Adjectives of nationality ("Fijian", "Irish"), folded, by ISO code.

    countryinfo's unambiguous ones, then the hand-written ones.
    """
    return {
        **{adj: next(iter(c)) for adj, c in _library_demonym_codes().items() if len(c) == 1},
        **_DEMONYM_ALIASES,
    }


#: Organisations by canonical name, with the forms articles use.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "NATO": ("NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"),
    # the Commission is the EU's executive: it is how the EU attends ministers' meetings
    "European Union": ("EU", "E.U.", "European Union", "European Commission"),
    "United Nations": ("UN", "U.N.", "United Nations"),
    "Commonwealth": ("Commonwealth", "Commonwealth of Nations"),
    "African Union": ("African Union", "AU"),
    "ECOWAS": ("ECOWAS", "Economic Community of West African States"),
    # Intergovernmental bodies that send delegations or observers to security, aid and
    # sanctions meetings (regional blocs, UN agencies, treaty organisations).
    "ASEAN": ("ASEAN", "Association of Southeast Asian Nations"),
    "Arab League": ("Arab League", "League of Arab States"),
    "Gulf Cooperation Council": ("Gulf Cooperation Council", "GCC"),
    "Organisation of Islamic Cooperation": (
        "Organisation of Islamic Cooperation",
        "Organization of Islamic Cooperation",
        "OIC",
    ),
    "Organization of American States": ("Organization of American States", "OAS"),
    "CARICOM": ("CARICOM", "Caribbean Community"),
    "Pacific Islands Forum": ("Pacific Islands Forum",),
    "Southern African Development Community": ("Southern African Development Community", "SADC"),
    "East African Community": ("East African Community",),
    "IGAD": ("IGAD", "Intergovernmental Authority on Development"),
    "Economic Community of Central African States": (
        "Economic Community of Central African States",
        "ECCAS",
    ),
    "OSCE": (
        "OSCE",
        "Organization for Security and Co-operation in Europe",
        "Organisation for Security and Co-operation in Europe",
    ),
    "Council of Europe": ("Council of Europe",),
    "Collective Security Treaty Organization": (
        "Collective Security Treaty Organization",
        "Collective Security Treaty Organisation",
        "CSTO",
    ),
    "Shanghai Cooperation Organisation": (
        "Shanghai Cooperation Organisation",
        "Shanghai Cooperation Organization",
        "SCO",
    ),
    "Commonwealth of Independent States": ("Commonwealth of Independent States", "CIS"),
    "International Maritime Organization": (
        "International Maritime Organization",
        "International Maritime Organisation",
        "IMO",
    ),
    "United Nations Office on Drugs and Crime": (
        "United Nations Office on Drugs and Crime",
        "UN Office on Drugs and Crime",
        "UNODC",
    ),
    "UNHCR": ("UNHCR", "UN refugee agency", "United Nations High Commissioner for Refugees"),
    "World Food Programme": ("World Food Programme", "World Food Program", "WFP"),
    "UNICEF": ("UNICEF",),
    "Food and Agriculture Organization": (
        "Food and Agriculture Organization",
        "Food and Agriculture Organisation",
        "FAO",
    ),
    "United Nations Development Programme": (
        "United Nations Development Programme",
        "UN Development Programme",
        "UNDP",
    ),
    "United Nations Environment Programme": (
        "United Nations Environment Programme",
        "UN Environment Programme",
        "UNEP",
    ),
    "UNESCO": ("UNESCO",),
    "International Organization for Migration": (
        "International Organization for Migration",
        "International Organisation for Migration",
        "IOM",
    ),
    "International Labour Organization": (
        "International Labour Organization",
        "International Labour Organisation",
        "ILO",
    ),
    "OCHA": ("OCHA", "UN Office for the Coordination of Humanitarian Affairs"),
    "World Trade Organization": ("World Trade Organization", "World Trade Organisation", "WTO"),
    # "WHO" is matched in capitals only, as every abbreviation is: never the pronoun
    "World Health Organization": ("World Health Organization", "World Health Organisation", "WHO"),
    # the WHO's regional office for the Americas, an organisation of its own
    "Pan American Health Organization": (
        "Pan American Health Organization",
        "Pan American Health Organisation",
        "PAHO",
    ),
    "International Atomic Energy Agency": ("International Atomic Energy Agency", "IAEA"),
    "International Committee of the Red Cross": (
        "International Committee of the Red Cross",
        "ICRC",
    ),
    "International Monetary Fund": ("International Monetary Fund", "IMF"),
    "World Bank": ("World Bank",),
    # the regional development banks, which fund, run and observe what meetings agree
    "Asian Development Bank": ("Asian Development Bank", "ADB"),
    "African Development Bank": ("African Development Bank", "AfDB"),
    "Inter-American Development Bank": ("Inter-American Development Bank", "IDB"),
    "European Bank for Reconstruction and Development": (
        "European Bank for Reconstruction and Development",
        "EBRD",
    ),
    "Interpol": ("Interpol", "INTERPOL", "International Criminal Police Organization"),
    "Europol": ("Europol",),
    "Frontex": ("Frontex",),
    # the other UN specialised agencies and intergovernmental bodies a meeting may seat
    "World Meteorological Organization": (
        "World Meteorological Organization",
        "World Meteorological Organisation",
        "WMO",
    ),
    "International Civil Aviation Organization": (
        "International Civil Aviation Organization",
        "International Civil Aviation Organisation",
        "ICAO",
    ),
    "International Telecommunication Union": ("International Telecommunication Union", "ITU"),
    "World Intellectual Property Organization": (
        "World Intellectual Property Organization",
        "World Intellectual Property Organisation",
        "WIPO",
    ),
    "International Fund for Agricultural Development": (
        "International Fund for Agricultural Development",
        "IFAD",
    ),
    "United Nations Population Fund": ("United Nations Population Fund", "UNFPA"),
    "OECD": ("OECD", "Organisation for Economic Co-operation and Development"),
    "OPEC": ("OPEC", "Organization of the Petroleum Exporting Countries"),
}
_ORG_INDEX = {_key(a): name for name, aliases in ORGANISATIONS.items() for a in aliases}
#: Titles and ranks before a name; a country, organisation or nationality before it
#: ("Norway's", "Spanish", "NATO") is found through the gazetteer instead (_affiliation).
_TITLES = re.compile(
    r"\b(president|prime minister|minister|ambassador|general|gen|lt|lieutenant|col|colonel|"
    r"adm|admiral|mr|mrs|ms|dr|sir|chief|army|the)\b\.?",
)


def _affiliation(word: str) -> bool:
    """Whether a folded word names a country or organisation, or a nationality."""
    bare = word.removesuffix("'s")
    return bare in _demonyms() or canonical_entity(bare) is not None


def _short(country: Any) -> str:
    code = str(getattr(country, "alpha_2", ""))
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    return str(getattr(country, "common_name", None) or country.name)


@cache
def canonical_country(name: str) -> str | None:
    """Canonical short name of a country written as ``name``, or None if it is not one."""
    key = _key(name)
    if not key:
        return None
    code = _COUNTRY_INDEX.get(key)
    if code is None and key in _demonyms():
        code = _demonyms()[key] or None
    if code:
        return _short(pycountry.countries.get(alpha_2=code))
    if len(key) <= 3 and not name.strip().isupper():
        return None  # a code is written in capitals: "Ben" of "Amel Ben Salah" is no Benin
    try:
        return _short(pycountry.countries.lookup(key))
    except LookupError:
        return None


def canonical_entity(name: str) -> tuple[str, Kind] | None:
    """(canonical name, kind) for a country or known organisation, else None."""
    country = canonical_country(name)
    if country:
        return country, "country"
    org = _ORG_INDEX.get(_key(name))
    if org:
        return org, "organisation"
    return None


def entity_words(words: list[str]) -> set[int]:
    """Indices of ``words`` that belong to a country or organisation named by up to three.

    "Sri Lankan Foreign Minister" has "Sri Lankan" (0 and 1): neither is a given name.
    """
    covered: set[int] = set()
    for n in (3, 2, 1):
        for start in range(len(words) - n + 1):
            if canonical_entity(" ".join(words[start : start + n])) is not None:
                covered.update(range(start, start + n))
    return covered


@cache
def surface_forms(canonical: str) -> tuple[str, ...]:
    """Every way an article may write ``canonical``: names, aliases, abbreviations."""
    forms = {canonical}
    if canonical in ORGANISATIONS:
        forms.update(ORGANISATIONS[canonical])
        return tuple(sorted(forms))
    known = _COUNTRY_INDEX.get(_key(canonical))  # "Turkey": pycountry knows only "Türkiye"
    try:
        country = (
            pycountry.countries.get(alpha_2=known)
            if known
            else pycountry.countries.lookup(canonical)
        )
    except LookupError:
        country = None
    for alias, code in _COUNTRY_ALIASES.items():
        if country is not None and code == country.alpha_2:
            forms.add(alias)
    if country is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                forms.add(str(value))
    return tuple(sorted(forms))


def demonyms(canonical: str) -> tuple[str, ...]:
    """Nationality adjectives of a country ("French" for France), used as weak mentions."""
    return tuple(
        adj
        for adj, code in _demonyms().items()
        if code and _short(pycountry.countries.get(alpha_2=code)) == canonical
    )


#: What news calls one unnamed person it quotes, interchangeably.
_SOURCE_NOUNS = frozenset({"source", "official", "representative", "officer"})


#: A lower-case particle opening a surname ("al-Harbi", "van Dijk", "de Souza"): the
#: surname is a name all the same.
NAME_PARTICLE = r"(?:al|el|bin|ibn|ben|abu|van|von|de|da|di|du|del|der|dos|le|la|ould)[-’'\s]"


def surname_of(word: str) -> str:
    """``word`` without a lower-case particle before its capital ("al-Harbi" gives "Harbi")."""
    return re.sub(rf"^{NAME_PARTICLE}(?=[A-Z])", "", word)


#: A person's label ending in the body they speak for: "…, for UNHCR", "… for the United
#: States".
_SPEAKS_FOR = re.compile(r",?\s+(?:for|of|from)\s+(?:the\s+)?([A-Z][\w .'’-]*)$")


def person_key(name: str) -> str:
    """A key under which spellings and titles of one person coincide.

    "President Anna Berg" and "Berg" both give "berg"; "Dvořák" and "Dvorak" give
    "dvorak". A description ("a senior Danish official", "Chilean representatives")
    does not end in a name: it keeps all its words but a leading article, and the nouns
    news uses interchangeably for one unnamed source ("a French military source",
    "official", "representative") become one.
    """
    speaks_for = _SPEAKS_FOR.search(name)
    if (
        speaks_for
        and canonical_entity(speaks_for.group(1))
        and re.search(r"[A-Z][\w'’-]+$", name[: speaks_for.start()])
    ):
        name = name[: speaks_for.start()]  # "Karen Doyle for the United States" is Doyle
    folded = fold(name).replace("’", "'")
    words = [w for w in re.sub(r"[^\w' ]", " ", folded).split() if w]
    if not words:
        return ""
    original = name.split()
    if (
        original
        and surname_of(original[-1])[:1].isupper()
        and canonical_entity(original[-1]) is None
    ):
        stripped = [w for w in _TITLES.sub(" ", " ".join(words)).split() if not _affiliation(w)]
        if stripped:
            return stripped[-1]
    if words[0] in ("a", "an", "the"):
        words = words[1:]
    if words and words[-1] in _SOURCE_NOUNS:
        words[-1] = "source"
    return " ".join(words)


def same_person(a: str, b: str) -> bool:
    """Whether two person keys name the same speaker (tolerates Tsipras/Tsypras)."""
    if a == b:
        return True
    if " " in a or " " in b:
        return False
    return len(a) >= 4 and len(b) >= 4 and fuzz.ratio(a, b) >= 85


@cache
def _all_entities() -> tuple[tuple[str, Kind, tuple[str, ...], tuple[str, ...]], ...]:
    """(name, kind, surface forms, folded surface forms) of every known entity, once."""
    countries = [(_short(c), "country") for c in pycountry.countries]
    orgs = [(name, "organisation") for name in ORGANISATIONS]
    return tuple(
        (name, kind, forms, tuple(fold(f) for f in forms))  # type: ignore[misc]
        for name, kind in [*countries, *orgs]
        for forms in [surface_forms(name)]
    )


def find_nationalities(article: Article) -> dict[str, list[Span]]:
    """Countries named by a capitalised nationality, with those mentions.

    "A Guatemalan delegate" or "his Finnish hosts" may be the article's only mention of a
    participant. An adjective two countries share is the one whose capital the article
    names ("Congolese" beside "Kinshasa"), and no one's otherwise.
    """
    found: dict[str, list[Span]] = {}
    for adjective, code in _demonyms().items():
        if not code:
            continue
        spans = [s for s in _capitalised(article, adjective) if not _water(article, s)]
        if spans:
            name = _short(pycountry.countries.get(alpha_2=code))
            found.setdefault(name, []).extend(spans)
    for adjective, name in _shared_resolved(article).items():
        spans = [s for s in _capitalised(article, adjective) if not _water(article, s)]
        found.setdefault(name, []).extend(spans)
    return {name: spans for name, spans in found.items() if spans}


def water_at(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` names a water ("Indian Ocean", "Gulf of Guinea")."""
    return (
        WATERS_AFTER.match(text, end) is not None
        or WATERS_BEFORE.search(text, max(0, start - 20), start) is not None
    )


def _water(article: Article, mention: Span) -> bool:
    return water_at(article.text, mention.start, mention.end)


def nationality_forms(article: Article, canonical: str) -> list[str]:
    """The adjectives of nationality (and plurals of its people) that stand for ``canonical``."""
    shared = [adj for adj, name in _shared_resolved(article).items() if name == canonical]
    return [form for adj in [*demonyms(canonical), *shared] for form in with_plural(adj)]


def shared_nationality(article: Article, text: str) -> tuple[str, str] | None:
    """A shared adjective in ``text`` (part of ``article``) and the country it means there.

    "Congolese Foreign Minister" in an article that names Kinshasa is DR Congo's.
    """
    for adjective, name in _shared_resolved(article).items():
        written = re.search(rf"\b{re.escape(adjective)}\b", text, re.IGNORECASE)
        if written is not None:
            return written.group(), name
    return None


def _shared_resolved(article: Article) -> dict[str, str]:
    """Adjectives two countries share, written in ``article``, by the country it means.

    The country whose capital the article names ("Congolese" beside "Kinshasa"), and none
    if it names the capitals of neither or of both.
    """
    out = {}
    for adjective, codes in _shared_demonyms().items():
        named = {c for c in codes if _names_capital(article, c)}
        if len(named) == 1 and _capitalised(article, adjective):
            out[adjective] = _short(pycountry.countries.get(alpha_2=named.pop()))
    return out


#: A people's plural that is not its adjective with an "s": "the Danes", "the Poles".
_IRREGULAR_PEOPLE = {
    "danish": "danes", "swedish": "swedes", "finnish": "finns", "polish": "poles",
    "serbian": "serbs", "croatian": "croats", "turkish": "turks", "british": "brits",
    "spanish": "spaniards", "scottish": "scots",
}  # fmt: skip


def with_plural(adjective: str) -> list[str]:
    """A nationality adjective and the plural noun of its people.

    "the Saudis watched", "The Slovaks have not answered", "the Danes backed it": the people
    stand for their country as its adjective does. An "s" after an adjective that takes
    none ("Chineses") is no word, so it is never found.
    """
    irregular = _IRREGULAR_PEOPLE.get(fold(adjective))
    if irregular is not None:
        return [adjective, irregular.capitalize() if adjective[:1].isupper() else irregular]
    return [adjective] if adjective.endswith("s") else [adjective, f"{adjective}s"]


def people_noun(word: str) -> bool:
    """Whether ``word`` is the plural noun of a nationality ("Chadians"), its people."""
    folded = fold(word)
    return folded in _IRREGULAR_PEOPLE.values() or (
        folded.endswith("s") and folded[:-1] in _demonyms()
    )


#: The article before a nationality's people that makes them stand for the country: "the
#: Saudis watched" is Saudi Arabia; "young South Africans" are citizens, not the state.
_THE = re.compile(r"\b[Tt]he\s+$")


#: The rest of a longer name a word may open: "[Turks] and Caicos Islands".
_NAME_GOES_ON = re.compile(r"(?:\s+(?:and|of)\s+|\s+)(?:[A-Z][\w’'-]*)(?:\s+[A-Z][\w’'-]*)*")


def nationality_mentions(article: Article, forms: list[str]) -> list[Span]:
    """Mentions of nationality ``forms``, a people's plural only after "the".

    Not a plural that opens a longer name ("the Turks and Caicos Islands").
    """
    out = []
    for s in article.mentions(forms):
        word = article.text[s.start : s.end]
        if people_noun(word):
            longer = _NAME_GOES_ON.match(article.text, s.end)
            if not _THE.search(article.text, max(0, s.start - 4), s.start) or (
                longer and canonical_entity(word + longer.group()) is not None
            ):
                continue
        out.append(s)
    return out


def _capitalised(article: Article, adjective: str) -> list[Span]:
    """Mentions of a folded ``adjective`` or its plural, capitalised as nationalities are."""
    written = " ".join(w.capitalize() for w in adjective.split())
    found = nationality_mentions(article, with_plural(written))
    return [s for s in found if article.text[s.start : s.end][:1].isupper()]


def _names_capital(article: Article, code: str) -> bool:
    """Whether ``article`` names the capital of the country with ISO code ``code``."""
    country = pycountry.countries.get(alpha_2=code)
    name = _short(country) if country is not None else None
    return any(c == name and article.mentions([city]) for city, c in _capitals().items())


#: A bare name two countries share, and the one an article means by it when it also names
#: that one in full: news writes "Congo" for the Democratic Republic once it has named it.
_SHORT_FOR = {"Congo": "DR Congo"}

#: A sea or lake named after a country is a place, not the country: "the Gulf of Guinea",
#: "the Sea of Japan", "Lake Chad".
WATERS_BEFORE = re.compile(r"\b(?:(?:Gulf|Bay|Sea|Straits?|Bight)\s+of\s+(?:the\s+)?|Lake\s+)$")
#: … or a water named by a country or its adjective: "the Indian Ocean", "the Mozambique
#: Channel", "the Greenland Sea".
WATERS_AFTER = re.compile(r"\s+(?:Ocean|Sea|Channel|Gulf|Straits?|Basin|Bight)\b")


def find_entities(article: Article) -> dict[str, tuple[Kind, list[Span]]]:
    """Every country and known organisation named in ``article``, with its mentions.

    A gazetteer pass: candidates come from the text itself, never from the model, so a
    participant cannot be invented and none named is overlooked.
    """
    found: dict[str, tuple[Kind, list[Span]]] = {}
    folded = fold(article.text)
    for name, kind, forms, folded_forms in _all_entities():
        if not any(f in folded for f in folded_forms):
            continue  # cheap pre-check before the regex scan
        spans = article.mentions(list(forms))
        if spans:
            found[name] = (kind, spans)
    # "Korea" inside "South Korea" is South Korea's; "Guinea" inside "Papua New Guinea" too,
    # and "Spain" inside "Port of Spain" is Trinidad and Tobago's capital, not Spain.
    taken = [(s, name) for name, (_, spans) in found.items() for s in spans]
    taken += [(s, country) for country, spans in find_capitals(article).items() for s in spans]
    for name in list(found):
        kind, spans = found[name]
        kept = [
            s for s in spans
            if not any(o is not s and other != name and o.start <= s.start and s.end <= o.end
                       and (o.end - o.start) > (s.end - s.start) for o, other in taken)
            and not _water(article, s)
        ]  # fmt: skip
        if kept:
            found[name] = (kind, kept)
        else:
            del found[name]
    for short, full in _SHORT_FOR.items():
        if (
            short in found
            and full in found
            and all(fold(article.text[s.start : s.end]) == fold(short) for s in found[short][1])
        ):  # "Congo" in an article that names the Democratic Republic is that country
            kind, spans = found.pop(short)
            found[full] = (kind, sorted([*found[full][1], *spans], key=lambda s: s.start))
    return dict(sorted(found.items(), key=lambda item: item[1][1][0].start))
