"""Benchmarks: ``make bench`` (see README.md, "Performance").  Each figure is a ratio of two
measurements taken in the same run, so the machine's speed cancels out."""
