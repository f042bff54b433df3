"""Canonical names: countries via pycountry, organisations by alias, people by key."""

from __future__ import annotations

import pytest

from service.canon import (
    canonical_entity,
    find_entities,
    find_nationalities,
    person_key,
    same_person,
    surface_forms,
)
from service.ground import Article


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Britain", ("United Kingdom", "country")),
        ("UK", ("United Kingdom", "country")),
        ("the U.K.", ("United Kingdom", "country")),
        ("U.S.", ("United States", "country")),
        ("US", ("United States", "country")),
        ("America", ("United States", "country")),
        ("United States of America", ("United States", "country")),
        ("South Korea", ("South Korea", "country")),
        ("Korea, Republic of", ("South Korea", "country")),
        ("Russia", ("Russia", "country")),
        ("Russian Federation", ("Russia", "country")),
        ("Slovenia", ("Slovenia", "country")),
        ("New Zealand", ("New Zealand", "country")),
        ("French", ("France", "country")),
        # nationalities from countryinfo's table, beside the hand-written ones
        ("Fijian", ("Fiji", "country")),
        ("Papua New Guinean", ("Papua New Guinea", "country")),
        ("Lao", ("Laos", "country")),
        ("Democratic Republic of the Congo", ("DR Congo", "country")),
        ("DRC", ("DR Congo", "country")),
        # the short name news writes for a formal ISO name
        ("Brunei", ("Brunei", "country")),
        ("Brunei Darussalam", ("Brunei", "country")),
        ("Micronesia", ("Micronesia", "country")),
        ("Palestine", ("Palestine", "country")),
        ("Vatican", ("Holy See", "country")),
        ("NATO", ("NATO", "organisation")),
        ("the EU", ("European Union", "organisation")),
        ("U.N.", ("United Nations", "organisation")),
        # the UN's agencies by name and by acronym
        ("FAO", ("Food and Agriculture Organization", "organisation")),
        ("the Food and Agriculture Organisation", ("Food and Agriculture Organization",
                                                   "organisation")),
        ("IOM", ("International Organization for Migration", "organisation")),
        ("WMO", ("World Meteorological Organization", "organisation")),
        ("the World Meteorological Organisation", ("World Meteorological Organization",
                                                    "organisation")),
        ("OPEC", ("OPEC", "organisation")),
        ("PAHO", ("Pan American Health Organization", "organisation")),
    ],
)  # fmt: skip
def test_canonical_entity(written: str, expected: tuple[str, str]) -> None:
    assert canonical_entity(written) == expected


@pytest.mark.parametrize(
    ("canonical", "written"),
    [("Turkey", "Türkiye"), ("Russia", "Russian Federation"), ("Czech Republic", "Czechia")],
)
def test_every_form_of_a_short_name_is_searched(canonical: str, written: str) -> None:
    # The project's short name is not always one pycountry can look up ("Turkey").
    assert written in surface_forms(canonical)


# "Congolese" is of two countries: no guess; a name's "Ben" or "Per" is no country code
@pytest.mark.parametrize(
    "written", ["Bundeswehr", "Western officials", "", "Jeddah", "Congolese", "Ben", "Per"]
)
def test_non_entities_are_not_canonicalised(written: str) -> None:
    assert canonical_entity(written) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("President Emmanuel Macron", "Macron"),
        ("Lt. Gen. Robert Glavaš", "Robert Glavas"),
        ("Volodymyr Zelenskyy", "Zelensky"),
        ("French NATO Ambassador David Cvach", "David Cvach"),
        # Stories other than the seeds': titles, ranks and affiliations of any country.
        ("Norway's Defence Minister Anna Berg", "Anna Berg"),
        ("Spanish Admiral Luis Prado", "Prado"),
        ("Chile's ambassador to the UN, Ana Ruiz", "Ana Ruiz"),
        # a live blog's label: the person, then the body they speak for
        ("Ana Ruiz for the United States", "Assistant Secretary of State Ana Ruiz"),
        ("Ruiz, for UNHCR", "UNHCR chief Ana Ruiz"),
    ],
)
def test_one_person_written_two_ways(a: str, b: str) -> None:
    assert same_person(person_key(a), person_key(b))


def test_different_people_and_descriptions_stay_apart() -> None:
    assert not same_person(person_key("Emmanuel Macron"), person_key("Volodymyr Zelenskyy"))
    assert not same_person(
        person_key("a senior Ukrainian official"), person_key("a French military official")
    )


def test_descriptions_of_anonymous_speakers_keep_all_their_words() -> None:
    assert person_key("a senior Ukrainian official") == person_key("senior Ukrainian official")
    assert not same_person(
        person_key("a senior Ukrainian official"), person_key("a prominent Ukrainian official")
    )
    assert person_key("Russian representatives") == "russian representatives"


def test_a_bare_congo_is_the_democratic_republic_once_the_article_names_it() -> None:
    both = Article("a", "Talks on the Democratic Republic of Congo drew ministers from Congo.")
    assert list(find_entities(both)) == ["DR Congo"]
    assert len(find_entities(both)["DR Congo"][1]) == 2
    alone = Article("a", "Ministers from Congo and Gabon met in Libreville.")
    assert "Congo" in find_entities(alone)


def test_an_adjective_two_countries_share_is_the_one_whose_capital_is_named() -> None:
    found = find_nationalities(Article("a", "The Congolese delegation flew back to Kinshasa."))
    assert list(found) == ["DR Congo"]
    assert find_nationalities(Article("a", "The Congolese delegation flew home.")) == {}


def test_a_country_inside_another_countrys_capital_is_no_mention_of_it() -> None:
    article = Article("a", "PORT OF SPAIN - Ministers met in Port of Spain. Spain sent no one.")
    found = find_entities(article)
    assert [article.text[s.start : s.end] for s in found["Spain"][1]] == ["Spain"]
    assert list(find_entities(Article("a", "Ministers met in Port of Spain."))) == []
