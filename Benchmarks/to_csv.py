#!/usr/bin/env python3
"""plaju-q JSON lines -> the same records as CSV, as a spreadsheet exports them (lists joined with '|')."""
import csv
import json
import sys

COLUMNS = ["nip", "unit", "region", "period", "er_minutes", "ktp_hours", "imm_coverage_pct", "supervisor", "peers",
           "community"]

with open(sys.argv[1]) as source, open(sys.argv[2], "w", newline="") as target:
    writer = csv.writer(target)
    writer.writerow(COLUMNS)
    for line in source:
        record = json.loads(line)
        row = []
        for column in COLUMNS:
            value = record.get(column)
            if isinstance(value, list):
                row.append("|".join(repr(v) if isinstance(v, float) else str(v) for v in value))
            elif value is None:
                row.append("")
            else:
                row.append(repr(value) if isinstance(value, float) else str(value))
        writer.writerow(row)
