"""Evaluation on real benchmarks: each module scores one stage and returns a plain dict."""
