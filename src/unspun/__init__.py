"""unspun: where did a news article come from, how much of it was copied or paraphrased,
and what did the copy change?

The stages run one way: extract -> store -> retrieve -> align -> changes -> provenance ->
report; the faces (cli, api, web, batch) sit on top. Each stage is a plain function over the
records in :mod:`unspun.model`, with its settings (:mod:`unspun.config`) passed in.
"""

from unspun.errors import (
    AmbiguousId,
    DecodeError,
    EmptyDocument,
    InputError,
    MissingColumn,
    ModelUnavailable,
    NotFound,
    SchemaError,
    StoreError,
    TooLarge,
    TooSlow,
    UnspunError,
    UnsupportedFormat,
)
from unspun.model import (
    Alignment,
    AlignmentSummary,
    Article,
    Caption,
    Evidence,
    Label,
    Paragraph,
    Rejected,
    SentencePair,
    Span,
    WireCredit,
)

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "AlignmentSummary",
    "AmbiguousId",
    "Article",
    "Caption",
    "DecodeError",
    "EmptyDocument",
    "Evidence",
    "InputError",
    "Label",
    "MissingColumn",
    "ModelUnavailable",
    "NotFound",
    "Paragraph",
    "Rejected",
    "SchemaError",
    "SentencePair",
    "Span",
    "StoreError",
    "TooLarge",
    "TooSlow",
    "UnspunError",
    "UnsupportedFormat",
    "WireCredit",
    "__version__",
]
