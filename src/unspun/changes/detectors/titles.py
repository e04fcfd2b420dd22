"""A person's title changed ("President" → "Vice President")."""

from __future__ import annotations

from unspun.changes import entities as ent
from unspun.changes.context import Findings
from unspun.changes.kinds import ChangeKind


def titles_changed(f: Findings) -> None:
    ct, st = ent.titles(f.c.text, f.c.offset), ent.titles(f.s.text, f.s.offset)
    done: set[str] = set()
    for t in ct:
        if not t.person or not ent.specific_role(t.role):
            continue
        here = [x for x in st if x.person == t.person and ent.specific_role(x.role)]
        theirs = here or [
            x for x in f.ctx.source_roles.get(t.person, []) if ent.specific_role(x.role)
        ]
        if ent.title_change(t, theirs):
            sr = (here[0].start, here[0].end) if here else None
            other = theirs[0].text
            if f.add(
                ChangeKind.TITLE,
                (t.start, t.end),
                sr,
                f"the copy calls {t.person.title()} '{t.text}'; the source says '{other}'",
            ):
                done.add(t.role)
    c_roles = {t.role for t in ct if ent.specific_role(t.role)}
    s_roles = {t.role for t in st if ent.specific_role(t.role)}
    extra = [
        t
        for t in ct
        if ent.specific_role(t.role)
        and t.role not in s_roles
        and t.role not in done
        and not (t.person and t.person not in {x.person for x in st})
    ]
    missing = [t for t in st if ent.specific_role(t.role) and t.role not in c_roles]
    if extra and missing:
        t, m = extra[0], missing[0]
        f.add(
            ChangeKind.TITLE,
            (t.start, t.end),
            (m.start, m.end),
            f"the copy says '{t.text}' where the source says '{m.text}'",
        )
