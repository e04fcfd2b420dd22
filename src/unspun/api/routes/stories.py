"""``/api/stories``: the library's story families (as ``unspun stories`` / ``story --json``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from unspun.api.deps import State
from unspun.api.schemas import errors
from unspun.api.service import STORIES_SCHEMA, family_dict, story_families, story_family

router = APIRouter(prefix="/api", tags=["stories"])


@router.get("/stories", summary="List story families")
def list_stories(
    state: State,
    min_size: Annotated[int, Query(ge=1, description="Smallest family listed")] = 2,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> dict[str, Any]:
    """Families of articles that share text, largest first: each with its likely original
    (or the wire story behind it), its members in timeline order and how each relates."""
    with state.store() as store:
        families = story_families(state, store, min_size, limit)
    return {"schema": STORIES_SCHEMA, "families": [family_dict(f) for f in families]}


@router.get("/stories/{ref}", summary="Get a story family", responses=errors(404))
def get_story(ref: str, state: State) -> dict[str, Any]:
    """One family by its number, or the family of an article (id or unique id prefix); each
    version's growth (words it adds over the one before) included."""
    with state.store() as store:
        family = story_family(state, store, ref)
    return {"schema": STORIES_SCHEMA, **family_dict(family)}
