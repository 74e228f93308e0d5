"""The spaCy component through its entry point, in a fresh interpreter.

`spacy.load(...); nlp.add_pipe("factcheck_claims")` must work in any spaCy
program once the package is installed: the script never imports factcheck,
so spaCy can only find the factory through the `spacy_factories` entry point
(which spaCy itself loads while it builds the model's pipeline). One process
checks every text in the table, so the model is loaded once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from factcheck.nlp import model_name
from factcheck.records import ClaimType

pytestmark = pytest.mark.slow

_SCRIPT = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
nlp.add_pipe("factcheck_claims")
found = {}
for text in json.loads(sys.argv[2]):
    doc = nlp(text)
    found[text] = {
        "pipes": nlp.pipe_names,
        "claims": len(doc._.claims),
        "texts": [claim.text for claim in doc._.claims],
        "labels": [span.label_ for span in doc.spans["claims"]],
    }
print(json.dumps(found))
"""

# text (not about NATO: the component must not depend on the example's domain) | a claim in it
TEXTS = {
    "Canada joined the Example Organisation in 2010. Its budget reached $4.2 billion in 2022.": (
        "$4.2 billion"
    ),
    "Germany spent 45 million euros on the bridge in 2022.": "45 million euros",
}


@pytest.fixture(scope="module")
def found() -> dict[str, dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, model_name(), json.dumps(list(TEXTS))],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize(("text", "claim_text"), TEXTS.items())
def test_component_from_entry_point(
    found: dict[str, dict[str, Any]], text: str, claim_text: str
) -> None:
    claims = found[text]
    assert "factcheck_claims" in claims["pipes"]
    assert claims["claims"] >= 1
    assert len(claims["labels"]) == claims["claims"]
    assert set(claims["labels"]) <= {claim_type.value for claim_type in ClaimType}
    assert any(claim_text in claim for claim in claims["texts"]), claims["texts"]
