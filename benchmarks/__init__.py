"""Benchmarks of newsqa on a real news corpus: `python -m benchmarks.run` (see README.md)."""
