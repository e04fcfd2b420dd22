"""Extract stage: inputs of every kind become :class:`unspun.model.Article` records."""

from unspun.extract.sources import expand_paths, read_bytes, read_inputs

__all__ = ["expand_paths", "read_bytes", "read_inputs"]
