from __future__ import annotations

from unspun.model import Article
from unspun.retrieve.candidates import Candidate
from unspun.retrieve.recall import Query, recall_at_k


def test_recall_and_ceiling_per_category() -> None:
    ranking = {"q1": ["a", "b", "c"], "q2": ["x", "y", "z"], "q3": ["u", "w", "v"]}

    def search(article: Article, k: int) -> list[Candidate]:
        return [Candidate(i, 1.0) for i in ranking[article.id][:k]]

    queries = [
        Query(Article(id="q1", text="."), ["b"], "verbatim"),
        Query(Article(id="q2", text="."), ["z", "w"], "verbatim"),
        Query(Article(id="q2", text="."), ["y"], "summary"),
    ]
    several = recall_at_k(search, [Query(Article(id="q3", text="."), ["u", "w"], "x")], ks=(1,))
    assert several["recall_at_1"] == {"x": 0.5}
    assert several["filtered_at_1"] == {"x": 1.0}  # w is first once u is left out
    result = recall_at_k(search, queries, ks=(1, 3))
    assert result["recall_at_1"] == {"summary": 0.0, "verbatim": 0.0}
    assert result["recall_at_3"] == {"summary": 1.0, "verbatim": round(2 / 3, 4)}
    assert result["ceiling_at_1"]["verbatim"] == round(2 / 3, 4)
    assert result["filtered_at_1"] == {"summary": 0.0, "verbatim": 0.0}
    assert result["filtered_at_3"] == {"summary": 1.0, "verbatim": round(2 / 3, 4)}
    assert result["pairs"] == {"summary": 1.0, "verbatim": 3.0}
