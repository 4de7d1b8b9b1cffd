"""Benchmarks (not tests): ``python -m bench.run`` measures the whole system on synthetic corpora."""
