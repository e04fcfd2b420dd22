"""changes stage."""
