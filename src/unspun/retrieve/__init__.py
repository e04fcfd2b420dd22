"""retrieve: find the library articles that may be sources of a query article.

Three retrievers over one incremental index kept in the library's SQLite file
(:class:`SourceIndex`): sampled word n-gram shingles scored by containment (verbatim, truncated
and buried copies), FTS5 BM25 on the query's most distinctive terms, window by window for long
pages (reworded copies, summaries), and optionally a few sentence embeddings per article
(paraphrase). Their rankings are fused by reciprocal rank into :class:`Candidate` records;
``check`` re-ranks the top candidates by alignment.
"""

from unspun.retrieve.candidates import Candidate, fuse
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.recall import Query, recall_at_k

__all__ = ["Candidate", "Query", "RetrieveConfig", "SourceIndex", "fuse", "recall_at_k"]
