"""A benchmark's section of docs/benchmarks.md, kept between its markers."""

from __future__ import annotations

from pathlib import Path


def write_section(out: Path, text: str, begin: str, end: str) -> None:
    """Put ``text`` (which starts with ``begin`` and ends with ``end``) into ``out`` in place
    of the section between those markers; appended the first time."""
    page = out.read_text("utf-8") if out.exists() else ""
    if begin in page and end in page:
        head, rest = page.split(begin, 1)
        page = head + text.rstrip("\n") + rest.split(end, 1)[1]
    else:
        page = page.rstrip("\n") + "\n\n" + text
    out.write_text(page, "utf-8")
