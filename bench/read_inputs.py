"""Seconds polars alone takes to read the given CSV files as text, one after
another: the baseline of issue 6's "whole run within 1.5x of reading the
inputs" goal. Used by bench/run.sh and bench/compare.sh (pip install polars).

Usage: python3 bench/read_inputs.py FILE...
"""
import sys
import time

import polars as pl

start = time.perf_counter()
for path in sys.argv[1:]:
    pl.read_csv(path, infer_schema_length=0)
print(f"{time.perf_counter() - start:.3f}")
