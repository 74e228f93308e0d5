"""Tests for entity resolution: keys, display names, ISO codes, demonyms, mentions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pycountry
import pytest

from factcheck.normalise.entities import EntityResolver

ALIASES = {
    "United States": ["US", "U.S.", "USA", "America"],
    "NATO": ["the alliance", "North Atlantic Treaty Organization"],
}


@pytest.fixture(scope="module")
def bare() -> EntityResolver:
    return EntityResolver()


@pytest.fixture(scope="module")
def aliased() -> EntityResolver:
    return EntityResolver(ALIASES)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("U.S.", "USA"),
        ("US", "USA"),
        ("USA", "USA"),
        ("U.S.A.", "USA"),
        ("the United States", "USA"),
        ("United States of America", "USA"),
        ("The US's", "USA"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Republic of Türkiye", "TUR"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Slovak Republic", "SVK"),
        ("Slovakia", "SVK"),
        ("North Macedonia", "MKD"),
        ("UK", "GBR"),
        ("U.K.", "GBR"),
        ("GB", "GBR"),
        ("Britain", "GBR"),
        ("Great Britain", "GBR"),
        ("United Kingdom", "GBR"),
        ("Russia", "RUS"),
        ("Russia’s", "RUS"),
        ("Russian Federation", "RUS"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("Iran", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Guinea–Bissau", "GNB"),
        ("Bosnia & Herzegovina", "BIH"),
        ("Democratic Republic of the Congo", "COD"),
        ("the Congo", "COG"),
        ("State of Palestine", "PSE"),
        ("British Virgin Islands", "VGB"),
        ("US Virgin Islands", "VIR"),
        ("Vatican City", "VAT"),
        ("  Finland. ", "FIN"),
        ("FINLAND", "FIN"),
        ("finland", "FIN"),
        ("CHAD", "TCD"),
        ("FRA", "FRA"),
        ("LT", "LTU"),
        # not countries: the normalised, casefolded form
        ("us", "us"),
        ("usa", "usa"),
        ("gb", "gb"),
        ("Fra", "fra"),
        ("Korea", "korea"),
        ("Virgin Islands", "virgin islands"),
        ("NATO", "nato"),
        ("NATO’s", "nato"),
        ("America", "america"),
        ("Eastern Europe", "eastern europe"),
        ("European", "european"),
        ("Lithuanian", "lithuanian"),
        ("The  “Economist”", "economist"),
        ("the   alliance,", "alliance"),
        ("Emmanuel Macron's", "emmanuel macron"),
        ("Vilnius summit — 2023", "vilnius summit - 2023"),
        ("", ""),
    ],
)
def test_key_without_aliases(bare: EntityResolver, name: str, expected: str) -> None:
    assert bare.key(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("America", "USA"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("us", "us"),
        ("NATO", "nato"),
        ("Nato", "nato"),
        ("the alliance", "nato"),
        ("The Alliance", "nato"),
        ("North Atlantic Treaty Organization", "nato"),
        ("Finland", "FIN"),
        ("alliance", "nato"),  # keys compare without a leading "the"
        ("an alliance", "an alliance"),
    ],
)
def test_key_with_aliases(aliased: EntityResolver, name: str, expected: str) -> None:
    assert aliased.key(name) == expected


@pytest.mark.parametrize(
    ("aliases", "name", "expected_key", "expected_code"),
    [
        # the alias table wins over country knowledge
        ({"Georgia (US state)": ["Georgia"]}, "Georgia", "georgia (us state)", None),
        ({"Georgia (US state)": ["Georgia"]}, "Tbilisi", "tbilisi", None),
        ({"Georgia (US state)": ["Georgia"]}, "GEO", "GEO", "GEO"),
        # a group whose canonical name is a country keys by the country's code
        ({"USA": ["the States"]}, "the States", "USA", "USA"),
        # a name claimed by two groups belongs to the first
        ({"NATO": ["the alliance"], "AUKUS": ["the alliance"]}, "the alliance", "nato", None),
        # short upper-case aliases match only as written
        ({"European Union": ["EU"]}, "EU", "european union", None),
        ({"European Union": ["EU"]}, "eu", "eu", None),
        # a bare string is one alias, not a list of letters
        ({"NATO": "the alliance"}, "the alliance", "nato", None),
        ({"NATO": "the alliance"}, "a", "a", None),
    ],
)
def test_alias_rules(
    aliases: Mapping[str, Sequence[str]], name: str, expected_key: str, expected_code: str | None
) -> None:
    resolver = EntityResolver(aliases)
    assert resolver.key(name) == expected_key
    assert resolver.country_code(name) == expected_code


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("USA", "United States"),
        ("U.S.", "United States"),
        ("United States of America", "United States"),
        ("Russian Federation", "Russia"),
        ("RUS", "Russia"),
        ("Korea, Republic of", "South Korea"),
        ("Iran, Islamic Republic of", "Iran"),
        ("Viet Nam", "Vietnam"),
        ("Turkey", "Türkiye"),
        ("Czech Republic", "Czechia"),
        ("Slovak Republic", "Slovakia"),
        ("UK", "United Kingdom"),
        ("Palestine, State of", "Palestine"),
        ("Micronesia, Federated States of", "Micronesia"),
        ("Congo, The Democratic Republic of the", "Democratic Republic of the Congo"),
        ("Virgin Islands, British", "British Virgin Islands"),
        ("Sint Maarten (Dutch part)", "Sint Maarten"),
        ("Brunei Darussalam", "Brunei"),
        ("Bolivia, Plurinational State of", "Bolivia"),
        ("Syrian Arab Republic", "Syria"),
        ("the Netherlands", "Netherlands"),
        ("Finland's", "Finland"),
        ("NATO", "NATO"),
        ("America", "America"),
        ("  the   Economist’s ", "the Economist"),
        ("Eastern Europe.", "Eastern Europe."),
    ],
)
def test_display_without_aliases(bare: EntityResolver, name: str, expected: str) -> None:
    assert bare.display(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("America", "United States"),
        ("USA", "United States"),
        ("the alliance", "NATO"),
        ("Nato", "NATO"),
        ("Russia", "Russia"),
    ],
)
def test_display_with_aliases(aliased: EntityResolver, name: str, expected: str) -> None:
    assert aliased.display(name) == expected


@pytest.mark.parametrize(
    ("name", "alpha", "expected"),
    [
        ("United States", 3, "USA"),
        ("United States", 2, "US"),
        ("U.S.", 2, "US"),
        ("UK", 2, "GB"),
        ("Britain", 3, "GBR"),
        ("Lithuania", 2, "LT"),
        ("Türkiye", 3, "TUR"),
        ("Kosovo", 3, None),
        ("NATO", 3, None),
        ("Europe", 3, None),
        ("Eastern Europe", 2, None),
        ("us", 3, None),
        ("French", 3, None),
    ],
)
def test_country_code(bare: EntityResolver, name: str, alpha: int, expected: str | None) -> None:
    assert bare.country_code(name, alpha=alpha) == expected
    assert bare.is_country(name) is (expected is not None)


def test_country_code_through_aliases(aliased: EntityResolver) -> None:
    assert aliased.country_code("America", alpha=2) == "US"
    assert aliased.country_code("the alliance") is None


@pytest.mark.parametrize("alpha", [1, 4])
def test_country_code_rejects_other_alphas(bare: EntityResolver, alpha: int) -> None:
    with pytest.raises(ValueError, match="alpha must be 2 or 3"):
        bare.country_code("France", alpha=alpha)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Lithuanian", "LTU"),
        ("French", "FRA"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("Finnish", "FIN"),
        ("Swedish", "SWE"),
        ("British", "GBR"),
        ("German", "DEU"),
        ("Chinese", "CHN"),
        ("Polish", "POL"),
        ("Dutch", "NLD"),
        ("Turkish", "TUR"),
        ("Ukrainian", "UKR"),
        ("Canadian", "CAN"),
        ("Japanese", "JPN"),
        ("Israeli", "ISR"),
        ("Kenyan", "KEN"),
        ("Italian", "ITA"),
        ("Mexican", "MEX"),
        ("Belarusian", "BLR"),
        ("Icelandic", "ISL"),
        ("New Zealander", "NZL"),
        ("South Korean", "KOR"),
        ("North Korean", "PRK"),
        ("Nigerian", "NGA"),
        ("Nigerien", "NER"),
        ("Pakistani", "PAK"),
        ("Vietnamese", "VNM"),
        ("Estonian", "EST"),
        ("Latvian", "LVA"),
        ("Norwegian", "NOR"),
        ("Swiss", "CHE"),
        ("Greek", "GRC"),
        ("Welsh", "GBR"),
        ("FINNISH", "FIN"),
        ("Lithuanian,", "LTU"),
        # not demonyms, or of more than one country
        ("European", None),
        ("Korean", None),
        ("Congolese", None),
        ("Dominican", None),
        ("Dominicans", None),
        ("Latin American", None),
        ("polish", None),
        ("Finish", None),
        ("Greenish", None),
        ("Finland", None),
        ("NATO", None),
        ("", None),
    ],
)
def test_from_demonym(bare: EntityResolver, word: str, expected: str | None) -> None:
    assert bare.from_demonym(word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Finland joined NATO.", [("Finland", "FIN")]),
        ("the US and us", [("US", "USA")]),
        ("U.S.-led forces; the U.S.", [("U.S.", "USA"), ("U.S.", "USA")]),
        ("the USA and the U.S.A. too", [("USA", "USA"), ("U.S.A.", "USA")]),
        ("the UK and the U.K.", [("UK", "GBR"), ("U.K.", "GBR")]),
        ("the United States of America", [("United States of America", "USA")]),
        ("Russia’s war and Russian troops", [("Russia", "RUS"), ("Russian", "RUS")]),
        ("the Lithuanian capital", [("Lithuanian", "LTU")]),
        ("South Korean and Korean firms", [("South Korean", "KOR")]),
        ("American Samoa", [("American Samoa", "ASM")]),
        ("Latin American states", []),
        ("New Mexico and Mexico", [("Mexico", "MEX")]),
        ("Côte d’Ivoire and Cote d'Ivoire", [("Côte d’Ivoire", "CIV"), ("Cote d'Ivoire", "CIV")]),
        ("Guinea-Bissau", [("Guinea-Bissau", "GNB")]),
        ("the Czech Republic and Czechia", [("Czech Republic", "CZE"), ("Czechia", "CZE")]),
        ("FRANCE AND GERMANY", [("FRANCE", "FRA"), ("GERMANY", "DEU")]),
        ("USA AND UK", [("USA", "USA"), ("UK", "GBR")]),
        ("TELL US NOW", []),
        ("YES WE CAN", []),
        ("ITA beat FRA", [("ITA", "ITA"), ("FRA", "FRA")]),
        ("a turkey in china", []),
        ("AI, PM and MP", []),
        ("Eastern Europe and European allies", []),
        ("NATO and the alliance", []),
        ("", []),
    ],
)
def test_mentions_without_aliases(
    bare: EntityResolver, text: str, expected: list[tuple[str, str]]
) -> None:
    spans = bare.mentions(text)
    assert [(text[start:end], key) for start, end, key in spans] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO and the alliance", [("NATO", "nato"), ("the alliance", "nato")]),
        ("The Alliance met; Nato agreed", [("The Alliance", "nato"), ("Nato", "nato")]),
        ("America and the US", [("America", "USA"), ("US", "USA")]),
        ("US NATO envoy", [("US", "USA"), ("NATO", "nato")]),
        (
            "the North Atlantic Treaty Organization",
            [("North Atlantic Treaty Organization", "nato")],
        ),
        ("American Samoa", [("American Samoa", "ASM")]),
        ("us and america", [("america", "USA")]),
        ("an alliance of states", []),
    ],
)
def test_mentions_with_aliases(
    aliased: EntityResolver, text: str, expected: list[tuple[str, str]]
) -> None:
    spans = aliased.mentions(text)
    assert [(text[start:end], key) for start, end, key in spans] == expected


def test_alias_mentions_win_over_countries() -> None:
    resolver = EntityResolver({"Georgia (US state)": ["Georgia"]})
    assert resolver.mentions("Georgia and Armenia") == [
        (0, 7, "georgia (us state)"),
        (12, 19, "ARM"),
    ]


def test_every_iso_name_and_code_resolves_to_its_country(bare: EntityResolver) -> None:
    displays: dict[str, str] = {}
    for country in pycountry.countries:
        names = [country.name, country.alpha_2, country.alpha_3]
        names += [
            getattr(country, field, None) or country.name
            for field in ("official_name", "common_name")
        ]
        assert {bare.key(name) for name in names} == {country.alpha_3}, names
        display = bare.display(country.alpha_3)
        assert bare.key(display) == country.alpha_3
        assert displays.setdefault(display, country.alpha_3) == country.alpha_3
        assert bare.country_code(country.name, alpha=2) == country.alpha_2


def test_keys_are_deterministic_across_resolvers() -> None:
    names = ["United States", "the alliance", "Türkiye", "Vilnius", "U.S."]
    first = [EntityResolver(ALIASES).key(name) for name in names]
    assert first == [EntityResolver(ALIASES).key(name) for name in names]
    assert first == ["USA", "nato", "TUR", "vilnius", "USA"]


def test_construction_and_many_keys_stay_cheap() -> None:
    """Construction does no work; a thousand keys reuse the indexes built once."""
    resolver = EntityResolver(ALIASES)
    names = ["Finland", "U.S.", "the alliance", "Vilnius", "Russia's"] * 200
    keys = {resolver.key(name) for name in names}
    assert keys == {"FIN", "USA", "nato", "vilnius", "RUS"}
