"""The held-out sets: annotated before the tool ever ran on them (see the README of each).

Set 1 (tests/data/heldout) first measured recall 0.891, precision 0.979, verdict
accuracy 0.618 and 3 false alarms; set 2 (tests/data/heldout2), written after every
fix set 1 prompted, first measured recall 0.841, precision 0.925, verdict accuracy 0.659
and 1 false alarm. Sets 3 and 4 were written and annotated by helpers who had not read
the rules: set 3 first measured verdict accuracy 0.667 with 7 false alarms, set 4 (written
after all of this issue's work on set 3's code) 0.462 with 6, set 5 (after the work on
set 4 and the batch and hostile-input work) 0.457 with 11. The general defects each
exposed were then fixed; the floors below sit just under what each measures now, so
that they guard against regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from factcheck.evaluation import ArticleResult, Scores, evaluate_article, load_gold, score
from tests.conftest import DATA

FLOORS = {
    "heldout": {"recall": 0.91, "precision": 0.97, "verdict_accuracy": 0.72},
    "heldout2": {"recall": 0.87, "precision": 0.96, "verdict_accuracy": 0.79},
    "heldout3": {"recall": 0.92, "precision": 0.97, "verdict_accuracy": 0.68},
    "heldout4": {"recall": 0.93, "precision": 0.96, "verdict_accuracy": 0.53},
    "heldout5": {"recall": 0.86, "precision": 0.94, "verdict_accuracy": 0.44},
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def measured(request: pytest.FixtureRequest, nlp: Language) -> tuple[str, Scores]:
    name: str = request.param
    results: list[ArticleResult] = [evaluate_article(g, nlp) for g in load_gold(DATA / name)]
    return name, score(results)


def _domains(folder: Path) -> set[str]:
    return {p.name.split("-")[0] for p in folder.iterdir() if p.is_dir()}


def test_the_sets_are_in_other_domains_than_the_corpus_and_each_other() -> None:
    sets = [_domains(DATA / name) for name in ("corpus", *sorted(FLOORS))]
    assert [len(domains) >= 3 for domains in sets[1:]] == [True] * len(FLOORS)
    for number, domains in enumerate(sets):
        assert all(not domains & other for other in sets[number + 1 :])


@pytest.mark.parametrize("measure", ["recall", "precision", "verdict_accuracy"])
def test_heldout_scores_stay_above_their_floors(measured: tuple[str, Scores], measure: str) -> None:
    name, scores = measured
    assert getattr(scores, measure) >= FLOORS[name][measure]


# False alarms a set still draws, each named in its README: a guard that they do not grow.
FALSE_ALARMS_LEFT = {"heldout5": 3}


def test_no_false_alarms_on_the_heldout_sets(measured: tuple[str, Scores]) -> None:
    name, scores = measured
    assert scores.false_alarms <= FALSE_ALARMS_LEFT.get(name, 0)
