"""Claim extraction on sentences from many domains, with the real spaCy model."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from factcheck.extraction.context import ExtractionLexicon
from factcheck.extraction.extractor import extract_claims
from factcheck.lexicon import DEFAULT_RELATIONS
from factcheck.normalise.entities import EntityResolver
from factcheck.records import Bound, Claim, ClaimType, Modality

PUBLISHED = date(2024, 5, 15)
LEXICON = ExtractionLexicon(
    relations=dict(DEFAULT_RELATIONS),
    metrics={
        "defence budget": ("defence spending", "military spending", "defence budget"),
        "exports": ("exports", "sales abroad"),
        "population": ("populous", "inhabitants", "population"),
        "coffee production": ("coffee producer", "coffee output"),
        "revenue": ("revenue", "sales"),
        "unemployment rate": ("unemployment", "jobless rate"),
        "seats": ("seats",),
    },
    metric_units={"unemployment rate": frozenset({"%"}), "seats": frozenset({""})},
)
RESOLVER = EntityResolver({"East African Community": ["EAC"], "Acme Corp": ["Acme"]})


def claims_in(nlp: Language, text: str) -> list[Claim]:
    return extract_claims(nlp(text), PUBLISHED, LEXICON, RESOLVER)


def only(claims: list[Claim], kind: ClaimType) -> Claim:
    found = [c for c in claims if c.type is kind]
    assert len(found) == 1, [(c.type, c.text) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "value", "unit"),
    [
        ("Germany's defence budget reached €52 billion in 2023.", "Germany", "defence budget", 52e9, "EUR"),
        ("Kenya's exports were worth about $7.2bn last year.", "Kenya", "exports", 7.2e9, "USD"),
        ("Acme reported revenue of 1,340 million euros for 2023.", "Acme", "revenue", 1.34e9, "EUR"),
        ("Spain's unemployment rate stood at 11.7% in March.", "Spain", "unemployment rate", 11.7, "%"),
        ("The Greens won 118 seats in the 2021 election.", "Greens", "seats", 118, None),
    ],
)  # fmt: skip
def test_quantity_claims_name_subject_metric_and_value(
    nlp: Language, text: str, subject: str, predicate: str, value: float, unit: str | None
) -> None:
    claim = only(claims_in(nlp, text), ClaimType.QUANTITY)
    assert claim.subject is not None and subject in claim.subject
    assert claim.predicate == predicate
    assert claim.quantity is not None
    assert claim.quantity.value == pytest.approx(value)
    assert claim.quantity.unit == unit
    assert text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("Kenya's exports were more than $7bn in 2023.", 7e9, None),
        ("Kenya's exports passed $7bn in 2023.", 7e9, None),
        ("Kenya's exports reached up to $7bn in 2023.", None, 7e9),
        ("Kenya's exports were nearly $7bn in 2023.", 6.3e9, 7e9),
    ],
)
def test_approximation_words_become_bounds(
    nlp: Language, text: str, lower: float | None, upper: float | None
) -> None:
    quantity = only(claims_in(nlp, text), ClaimType.QUANTITY).quantity
    assert quantity is not None
    assert quantity.lower == pytest.approx(lower) if lower is not None else quantity.lower is None
    assert quantity.upper == pytest.approx(upper) if upper is not None else quantity.upper is None


def test_time_is_resolved_against_the_publication_date(nlp: Language) -> None:
    claim = only(claims_in(nlp, "Kenya's exports reached $7bn last year."), ClaimType.QUANTITY)
    assert claim.time is not None
    assert (claim.time.start, claim.time.end) == (date(2023, 1, 1), date(2023, 12, 31))


@pytest.mark.parametrize(
    ("text", "direction", "value", "kind"),
    [
        ("Germany's defence spending rose by 8% in 2023.", "up", 8, ClaimType.CHANGE),
        ("Acme's revenue fell 12% last year.", "down", 12, ClaimType.CHANGE),
        ("Spain's unemployment rate fell to 11.7% in March.", "down", 11.7, ClaimType.QUANTITY),
        ("Kenya's exports were about 23% larger than in 2022.", "up", 23, ClaimType.CHANGE),
        ("Acme's revenue was up 40% from the previous year.", "up", 40, ClaimType.CHANGE),
    ],
)
def test_changes_carry_direction_and_size(
    nlp: Language, text: str, direction: str, value: float, kind: ClaimType
) -> None:
    claim = only(claims_in(nlp, text), kind)
    assert claim.direction == direction
    assert claim.quantity is not None and claim.quantity.value == pytest.approx(value)


def test_several_claims_in_one_sentence(nlp: Language) -> None:
    text = "Acme's revenue rose 15% to $10.4 billion, while its exports reached $3 billion."
    claims = claims_in(nlp, text)
    values = sorted(c.quantity.value for c in claims if c.quantity is not None)
    assert values == pytest.approx([15, 3e9, 10.4e9])
    assert {c.predicate for c in claims} == {"revenue", "exports"}


@pytest.mark.parametrize(
    ("text", "subject", "obj", "year"),
    [
        ("Kenya joined the East African Community in 2000.", "Kenya", "East African Community", 2000),
        ("The East African Community admitted Somalia in 2023.", "Somalia", "East African Community", 2023),
        ("Croatia became a member of the European Union in 2013.", "Croatia", "European Union", 2013),
    ],
)  # fmt: skip
def test_membership_and_its_inverse(
    nlp: Language, text: str, subject: str, obj: str, year: int
) -> None:
    claim = only(claims_in(nlp, text), ClaimType.EVENT)
    assert (claim.predicate, claim.subject, claim.object) == ("member of", subject, obj)
    assert claim.time is not None and claim.time.start is not None
    assert claim.time.start.year == year


def test_negated_membership(nlp: Language) -> None:
    claim = only(claims_in(nlp, "Norway has not joined the European Union."), ClaimType.EVENT)
    assert claim.negated


def test_meeting_held_in_a_city_is_a_prediction_when_in_future(nlp: Language) -> None:
    text = "The climate summit will be held in the Brazilian city of Belem next month."
    claim = only(claims_in(nlp, text), ClaimType.EVENT)
    assert (claim.predicate, claim.place) == ("held in", "Belem")
    assert claim.modality is Modality.PREDICTION
    assert claim.time is not None and claim.time.start == date(2024, 6, 1)


def test_statement_keeps_speaker_and_words(nlp: Language) -> None:
    text = "Finance Minister Christian Lindner said that the budget would balance by 2025."
    claim = only(claims_in(nlp, text), ClaimType.QUOTE)
    assert claim.subject == "Christian Lindner"
    assert claim.object is not None and claim.object.startswith("the budget would balance")


def test_vague_speakers_are_not_statements(nlp: Language) -> None:
    assert claims_in(nlp, "Some analysts said that the market would recover.") == []


def test_according_to_keeps_attribution(nlp: Language) -> None:
    text = "According to the statistics office, Kenya's exports reached $7.2bn in 2023."
    claim = only(claims_in(nlp, text), ClaimType.QUANTITY)
    assert claim.attribution is not None and "statistics office" in claim.attribution
    assert claim.modality is Modality.REPORTED


def test_reported_speech_attributes_figures_to_the_speaker(nlp: Language) -> None:
    text = "The IMF said that Kenya's exports rose by 6% in 2023."
    claim = only(claims_in(nlp, text), ClaimType.CHANGE)
    assert claim.attribution == "IMF"


@pytest.mark.parametrize(
    ("text", "subject", "rank"),
    [
        ("Brazil is the largest coffee producer in the world.", "Brazil", 1),
        ("Vietnam is the second-largest coffee producer.", "Vietnam", 2),
        ("India is now the most populous country.", "India", 1),
        ("The Greens finished third in seats.", "Greens", 3),
        ("Brazil topped the list of coffee producers in 2023.", "Brazil", 1),
    ],
)
def test_rankings(nlp: Language, text: str, subject: str, rank: int) -> None:
    claim = only(claims_in(nlp, text), ClaimType.RANKING)
    assert claim.subject is not None and subject in claim.subject
    assert claim.rank == rank


def test_subject_named_in_an_earlier_sentence(nlp: Language) -> None:
    text = "Kenya is a regional hub. The country's exports reached $7.2bn in 2023."
    claim = only(claims_in(nlp, text), ClaimType.QUANTITY)
    assert claim.subject == "Kenya"


def test_subject_of_a_company_through_the_company(nlp: Language) -> None:
    text = "Acme's shares rose on Monday. The company reported revenue of $4bn for 2023."
    quantities = [c for c in claims_in(nlp, text) if c.predicate == "revenue"]
    assert [c.subject for c in quantities] == ["Acme"]


@pytest.mark.parametrize(
    "text",
    [
        "This is very dangerous.",
        "Investors want to make a lot of money through the conflict.",
        "The two sides established some mechanisms.",
        "It was a thrilling fortnight, which is hardly surprising.",
        "One of the main topics.",
    ],
)
def test_opinions_and_vague_sentences_are_not_claims(nlp: Language, text: str) -> None:
    assert claims_in(nlp, text) == []


def test_claims_are_in_document_order_with_exact_offsets(nlp: Language, example_text: str) -> None:
    claims = extract_claims(nlp(example_text), date(2023, 7, 4), LEXICON, RESOLVER)
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert [c.id for c in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]
    for claim in claims:
        assert example_text[claim.start : claim.end] == claim.text


def test_component_writes_doc_extensions(nlp: Language) -> None:
    from factcheck.extraction.component import ClaimsComponent

    doc = ClaimsComponent(LEXICON, RESOLVER)(
        nlp("Kenya joined the East African Community in 2000.")
    )
    assert [c.type for c in doc._.claims] == [ClaimType.EVENT]
    assert [span.label_ for span in doc.spans["claims"]] == ["event"]


WORDS = [
    "Kenya", "the alliance", "NATO", "joined", "rose", "by", "8%", "$4.2bn", "in", "2023",
    "said", "that", "the", "company", "'s", "revenue", "was", "largest", "next week", "held",
    "summit", "Nairobi", ",", ".", "about", "more than", "it", "not", "will", "1,340 km",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_any_word_salad_gives_claims_with_exact_offsets(nlp: Language, words: list[str]) -> None:
    text = " ".join(words)
    for claim in claims_in(nlp, text):
        assert text[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.checkworthiness <= 1.0


@pytest.mark.parametrize(
    ("text", "subject", "other", "direction", "ratio"),
    [
        ("Germany's defence budget is larger than France's.", "Germany", "France", "up", None),
        ("Kenya's exports were lower than Ghana's in 2023.", "Kenya", "Ghana", "down", None),
        ("Acme's revenue was twice as much as Globex's.", "Acme", "Globex", "up", 2.0),
        (
            "Brazil's population is more than three times as large as Argentina's.",
            "Brazil",
            "Argentina",
            "up",
            3.0,
        ),
        (
            "Acme's revenue was about $2 billion higher than Globex's in 2023.",
            "Acme",
            "Globex",
            "up",
            2e9,
        ),
        (
            "Kenya exported about 2 million tonnes less than Ethiopia.",
            "Kenya",
            "Ethiopia",
            "down",
            2e6,
        ),
    ],
)
def test_comparisons_between_entities(
    nlp: Language, text: str, subject: str, other: str, direction: str, ratio: float | None
) -> None:
    claim = only(claims_in(nlp, text), ClaimType.COMPARISON)
    assert (claim.subject, claim.object, claim.direction) == (subject, other, direction)
    assert (claim.quantity.value if claim.quantity else None) == ratio
    assert text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sweden took part in the summit in Vilnius in 2023.", ClaimType.EVENT),
        ("An estimated 10.8 million people fell ill with the disease in 2023.", ClaimType.CHANGE),
    ],
)
def test_idioms_are_not_the_relation_their_verb_suggests(
    nlp: Language, text: str, kind: ClaimType
) -> None:
    assert [c for c in claims_in(nlp, text) if c.type is kind] == []


def test_a_meeting_named_after_for(nlp: Language) -> None:
    text = "Health ministers met in Geneva for the World Health Assembly in May 2024."
    claim = only(claims_in(nlp, text), ClaimType.EVENT)
    assert (claim.predicate, claim.place) == ("held in", "Geneva")
    assert claim.subject is not None and "Assembly" in claim.subject


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON, 8 February 2024 — ",
        "VILNIUS, July 4, 2023 (Reuters) - ",
        "NEW DELHI, 5 June 2024 — ",
    ],
)
def test_a_dateline_is_a_sentence_of_its_own(nlp: Language, dateline: str) -> None:
    body = "Mexico overtook China last year as the largest exporter to Kenya."
    doc = nlp("Headline\n\n" + dateline + body)
    sentences = [s.text.strip() for s in doc.sents]
    assert dateline.strip() in sentences
    assert body in sentences


@pytest.mark.parametrize(
    ("headline", "subject", "place", "days"),
    [
        ("G7 summit in Hiroshima, 19-21 May 2023", "G7 summit", "Hiroshima", "2023-05-19"),
        ("Commonwealth Games in Birmingham from 28 July 2022", "Commonwealth Games", "Birmingham", "2022-07-28"),
        ("World Health Assembly in Geneva on 21 May 2023", "World Health Assembly", "Geneva", "2023-05-21"),
        ("EU-China summit, 7 December 2023", "EU-China summit", None, "2023-12-07"),
    ],
)  # fmt: skip
def test_headlines_without_a_verb_state_where_and_when(
    nlp: Language, headline: str, subject: str, place: str | None, days: str
) -> None:
    claim = only(claims_in(nlp, headline + "\n\nThe leaders spoke.\n"), ClaimType.EVENT)
    assert claim.predicate == "held in"
    assert claim.subject is not None and subject.split()[-1] in claim.subject
    assert claim.place == place
    assert claim.time is not None and claim.time.start is not None
    assert claim.time.start.isoformat() == days


def test_a_verbless_line_without_place_or_date_is_no_claim(nlp: Language) -> None:
    assert not [
        c for c in claims_in(nlp, "Summit diplomacy\n\nMore soon.\n") if c.type is ClaimType.EVENT
    ]


@pytest.mark.parametrize(
    ("text", "member", "organisation", "year"),
    [
        ("Croatia, the EU's newest member since 2013", "Croatia", "EU", 2013),
        ("Kenya, a member of the East African Community since 2000, voted first.", "Kenya", "East African Community", 2000),
        ("Finland, NATO's 31st member, shares a long border with Russia.", "Finland", "NATO", None),
    ],
)  # fmt: skip
def test_membership_stated_in_apposition(
    nlp: Language, text: str, member: str, organisation: str, year: int | None
) -> None:
    claim = only(claims_in(nlp, text + "\n\nMore soon.\n"), ClaimType.EVENT)
    assert (claim.subject, claim.predicate) == (member, "member of")
    assert claim.object is not None and organisation in claim.object
    assert (claim.time.start.year if claim.time and claim.time.start else None) == year


def test_an_apposition_with_an_unnamed_body_is_no_membership(nlp: Language) -> None:
    text = "NATO met in Vilnius. Jane Doe, a member of the committee, spoke."
    assert not [c for c in claims_in(nlp, text) if c.predicate == "member of"]


@pytest.mark.parametrize(
    ("text", "subject", "metric"),
    [
        ("Barbie was the highest-grossing film of 2023.", "Barbie", "box office gross"),
        ("The Model Y became the best-selling car of the year.", "Model Y", "car sales"),
        ("Tokyo is the most-visited city in Japan.", "Tokyo", "visitors"),
    ],
)
def test_superlatives_in_hyphenated_modifiers_rank(
    nlp: Language, text: str, subject: str, metric: str
) -> None:
    lexicon = ExtractionLexicon(
        metrics={
            "box office gross": ("grossing",),
            "car sales": ("selling",),
            "visitors": ("visited",),
        }
    )
    claims = extract_claims(nlp(text), PUBLISHED, lexicon, RESOLVER)
    ranking = only(claims, ClaimType.RANKING)
    assert (ranking.subject, ranking.predicate, ranking.rank) == (subject, metric, 1)


def test_a_superlative_naming_no_metric_borrows_none(nlp: Language) -> None:
    text = "Kenya's exports were worth $7.2bn in 2023. It was the most delightful surprise."
    assert not [c for c in claims_in(nlp, text) if c.type is ClaimType.RANKING]


def test_a_figure_after_at_values_the_verbs_object(nlp: Language) -> None:
    lexicon = ExtractionLexicon(
        metrics={"population": ("population",), "growth forecast": ("forecast above",)}
    )
    text = "The agency put Kenya's population at 55 million, above its forecast of 2020."
    claim = only(extract_claims(nlp(text), PUBLISHED, lexicon, RESOLVER), ClaimType.QUANTITY)
    assert (claim.subject, claim.predicate) == ("Kenya", "population")


def test_a_measure_of_a_comparative_is_no_figure_of_its_own(nlp: Language) -> None:
    lexicon = ExtractionLexicon(metrics={"temperature": ("temperature", "warmer")})
    text = "Last year's average temperature was 0.17 °C warmer than 2016."
    assert not [c for c in extract_claims(nlp(text), PUBLISHED, lexicon, RESOLVER) if c.quantity]


def test_an_event_noun_with_its_place_inside_a_sentence(nlp: Language) -> None:
    text = "Modi followed the landing from the BRICS summit in Johannesburg on Wednesday."
    claim = only(claims_in(nlp, text), ClaimType.EVENT)
    assert (claim.subject, claim.predicate, claim.place) == (
        "BRICS summit",
        "held in",
        "Johannesburg",
    )
    assert claim.time is None  # "on Wednesday" dates the following, not the summit


def test_a_margin_whose_metric_is_not_named_is_no_level(nlp: Language) -> None:
    lexicon = ExtractionLexicon(metrics={"unemployment rate": ("unemployment",)})
    text = "Unemployment rose in Spain in March, and the margin over France exceeded 4%."
    found = extract_claims(nlp(text), PUBLISHED, lexicon, RESOLVER)
    assert not [c for c in found if c.quantity and c.quantity.value == 4]


def test_a_generic_noun_is_named_by_the_modifier_the_sources_know(nlp: Language) -> None:
    text = "Uganda's Acme subsidiary joined the East African Community in 2000."
    claim = only(claims_in(nlp, text), ClaimType.EVENT)
    assert (claim.subject, claim.object) == ("Acme", "East African Community")


def test_a_possessive_ending_is_not_part_of_a_name(nlp: Language) -> None:
    text = "The Department of Health's budget reached €52 billion in 2023."
    lexicon = ExtractionLexicon(metrics={"budget": ("budget",)})
    claim = only(extract_claims(nlp(text), PUBLISHED, lexicon, RESOLVER), ClaimType.QUANTITY)
    assert claim.subject == "Department of Health"


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Fumio Kishida spoke first. Kishida also hosted the G7 summit in May 2023.",
        "President Amina Okafor spoke first. Okafor hosted the trade summit on 3 May.",
    ],
)
def test_a_host_named_earlier_as_a_person_is_no_place(nlp: Language, text: str) -> None:
    places = [c.place for c in claims_in(nlp, text) if c.predicate == "held in"]
    assert not [p for p in places if p and p.split()[-1] in {"Kishida", "Okafor"}]


@pytest.mark.parametrize(
    ("text", "subject", "direction"),
    [
        ("Spain had the lowest unemployment rate in the region in 2023.", "Spain", "down"),
        ("Malta is the smallest coffee producer in the group.", "Malta", "down"),
        ("Brazil is the largest coffee producer in the world.", "Brazil", None),
    ],
)
def test_a_low_end_superlative_ranks_from_the_bottom(
    nlp: Language, text: str, subject: str, direction: str | None
) -> None:
    ranking = only(claims_in(nlp, text), ClaimType.RANKING)
    assert (ranking.subject, ranking.rank, ranking.direction) == (subject, 1, direction)


@pytest.mark.parametrize(
    ("text", "subject", "metric", "direction"),
    [
        ("2023 was Germany's wettest year on record.", "Germany", "rainfall", None),
        ("2022 was the driest year on record in Spain.", "Spain", "rainfall", "down"),
        ("Global temperatures rose. 2023 was the warmest year on record.", "World", "temperature", None),
    ],
)  # fmt: skip
def test_a_period_ranked_in_its_series(
    nlp: Language, text: str, subject: str, metric: str, direction: str | None
) -> None:
    lexicon = ExtractionLexicon(
        metrics={"rainfall": ("wettest", "driest"), "temperature": ("warmest",)}
    )
    ranking = only(extract_claims(nlp(text), PUBLISHED, lexicon, RESOLVER), ClaimType.RANKING)
    assert (ranking.subject, ranking.predicate, ranking.direction) == (subject, metric, direction)
    assert ranking.scope == "on record" and ranking.rank == 1
    assert ranking.time is not None and ranking.time.text.endswith(text.split(" was ")[0][-4:])


def test_a_worldwide_figure_is_the_worlds(nlp: Language) -> None:
    """'Worldwide' in the figure's clause names the world, even in an article that has so far
    named one country only (a sole country would otherwise be the figure's topic)."""
    claims = claims_in(
        nlp,
        "Spain welcomed 85 million tourists in 2023. "
        "Worldwide, about 1.3 billion people travelled abroad in 2023.",
    )
    world = next(c for c in claims if c.quantity is not None and c.quantity.value == 1.3e9)
    assert world.subject == "World"
    assert world.binding is not None and world.binding.subject.how is Bound.CLAUSE


def test_a_metric_named_in_another_clause_binds_only_an_elliptical_figure(nlp: Language) -> None:
    """'..., and Italy's stood at 173.7%' borrows the sentence's metric; a figure whose own
    clause names something else ('had no safe toilet') does not, firmly."""
    claims = claims_in(
        nlp,
        "In Kenya 3.5 million people had no safe toilet and unemployment stood at 5.6%. "
        "Spain's unemployment rate was 11.7% in 2023, and Italy's stood at 7.6%.",
    )
    toilet = next(c for c in claims if c.quantity is not None and c.quantity.value == 3.5e6)
    italy = next(c for c in claims if c.quantity is not None and c.quantity.value == 7.6)
    assert toilet.binding is not None and toilet.binding.metric.how is not Bound.SENTENCE
    assert italy.binding is not None and italy.binding.metric.how is Bound.SENTENCE
    assert italy.predicate == "unemployment rate" and italy.subject == "Italy"
