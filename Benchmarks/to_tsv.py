#!/usr/bin/env python3
"""kinerja's JSON lines for plaju-q (stdin) -> the TSV of ../shared/bench/ref.py (stdout), for an exact comparison."""
import json
import sys
from decimal import Decimal


def cents(value):
    return "NA" if value is None else f"{Decimal(str(value)):.2f}"


for line in sys.stdin:
    r = json.loads(line, parse_float=Decimal)
    print("\t".join([r["nip"], cents(r["hasil"]), r["rating_hasil"], cents(r["perilaku"]), r["rating_perilaku"],
                     r["predikat"], "true" if r["training_recommended"] else "false"]))
