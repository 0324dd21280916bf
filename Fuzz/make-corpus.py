#!/usr/bin/env python3
"""Writes the committed seed corpus Fuzz/Corpus/<target>/ from the shipped policies, rules, tests and samples plus
a few broken inputs. Run from anywhere: python3 Fuzz/make-corpus.py (it replaces the folders it writes)."""
import json, os, pathlib, shutil

repo = pathlib.Path(__file__).resolve().parent.parent
corpus = repo / "Fuzz" / "Corpus"

def fresh(target):
    folder = corpus / target
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder

def put(folder, name, data):
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())

# policy: shipped files, parser and checker fixtures (valid, broken, format inputs), and a few hand-made wrecks.
policy = fresh("policy")
fixtures = repo / "Tests/KinerjaCoreTests/Fixtures"
sources = sorted((repo / "Policies").glob("*.policy")) + sorted((repo / "Policies").glob("*.test")) \
    + sorted((repo / "Rules").glob("*.rules"))
for sub in ["syntax/errors", "syntax/format", "checker/Policies", "checker/Rules"]:
    sources += sorted(p for p in (fixtures / sub).iterdir() if p.suffix in (".policy", ".rules", ".test"))
sources.append(fixtures / "service/mini.policy")
for path in sources:
    put(policy, path.parent.name + "_" + path.name, path.read_bytes())
plaju = (repo / "Policies/plaju.policy").read_bytes()
put(policy, "broken_truncated.policy", plaju[: len(plaju) // 2])
put(policy, "broken_invalid_utf8.policy", b"policy x \"\xff\xfe\"\nrecord { nip text key }\n")
put(policy, "broken_nul.policy", b"policy x\x00\nrecord {\x00}\n")
put(policy, "broken_nesting.policy", b"policy x\nrecord { a number }\noutput { y = " + b"(" * 200 + b"a" + b")" * 200 + b" }\n")
put(policy, "extends_plaju.policy", b"policy kota \"Kota\"\n  extends plaju\n\noverride indicator layanan_ktp \"KTP\" {\n  applies unit = \"disdukcapil\"\n  actual percentile(ktp_hours, 90%)\n  target 2 h\n  better lower\n}\n")

def lines(path):
    return [l for l in path.read_bytes().split(b"\n") if l.strip()]

# jsonl: sample lines of every region (every third), whole small documents, broken lines.
jsonl = fresh("jsonl")
for sample in sorted((repo / "Policies/samples").glob("*.jsonl")):
    for number, line in enumerate(lines(sample)):
        if number % 3 == 0:
            put(jsonl, f"{sample.stem}_{number + 1}.jsonl", line)
plaju_lines = lines(repo / "Policies/samples/plaju.jsonl")
put(jsonl, "plaju_head.jsonl", b"\n".join(plaju_lines[:6]) + b"\n")
put(jsonl, "array.json", b"[" + b",\n".join(plaju_lines[:3]) + b"]")
put(jsonl, "records_object.json", b"{\"records\": [" + b",\n".join(plaju_lines[3:5]) + b"]}")
broken = {
    "bom_crlf": b"\xef\xbb\xbf{\"nip\": \"1\"}\r\n\r\n{\"nip\": \"2\"}\r\n",
    "invalid_utf8": b"{\"nip\": \"\xc3\x28\"}\n{\"nip\": \"ok\"}",
    "nan_inf": b"{\"a\": NaN}\n{\"a\": Infinity}\n{\"a\": -Infinity}\n",
    "duplicate_keys": b"{\"nip\": \"1\", \"nip\": \"2\"}\n",
    "big_numbers": b"{\"a\": 1e999999, \"b\": -0.0000000000000000000000001, \"c\": 123456789012345678901234567890}\n",
    "deep": b"{\"a\": " + b"[" * 100 + b"]" * 100 + b"}\n",
    "escapes": b"{\"s\": \"\\u0000\\ud800\\udc00\\ud800 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}\n",
    "not_objects": b"[]\n1\n\"x\"\nnull\ntrue\n{}\n{\n",
    "trailing": b"{\"a\": 1} x\n{\"a\": 1,}\n{\"a\" 1}\n",
    "blank_lines": b"\n \t\n\r\n{\"a\":1}\n   \n",
}
for name, data in broken.items():
    put(jsonl, name + ".jsonl", data)

# csv: the shipped CSV (head), separators, quoting, BOM, CRLF, broken quotes.
csv = fresh("csv")
pontianak = lines(repo / "Policies/samples/pontianak.csv")
put(csv, "pontianak_head.csv", b"\n".join(pontianak[:12]) + b"\n")
put(csv, "pontianak_tail.csv", b"\n".join(pontianak[:1] + pontianak[-8:]))
for name, data in {
    "comma_quoted": b"nip,unit,note\n\"1\",\"a,b\",\"he said \"\"hi\"\"\"\n2,b,\"multi\nline\"\n",
    "bom_crlf": b"\xef\xbb\xbfnip;unit\r\n1;a\r\n2;b\r\n",
    "broken_quote": b"nip,unit\n\"1,a\n2,b\n",
    "ragged": b"a,b,c\n1\n1,2,3,4\n,,\n",
    "empty_header": b"\n1,2\n",
    "duplicate_header": b"a,a\n1,2\n",
    "invalid_utf8": b"a,b\n\xff,\xc3\x28\n",
    "lists": b"nip;rekan;capaian_rhk\n1;4|5|;100.0|94.2\n2;|;\n",
}.items():
    put(csv, name + ".csv", data)

# eval: every Plaju sample line (two are deliberately broken), a few together, and damaged records.
evalc = fresh("eval")
for number, line in enumerate(plaju_lines):
    put(evalc, f"plaju_{number + 1}.jsonl", line)
put(evalc, "plaju_head.jsonl", b"\n".join(plaju_lines[:5]) + b"\n")
for name, data in {
    "wrong_types": b"{\"nip\": 1, \"unit\": [\"x\"], \"ktp_hours\": \"1\", \"supervisor\": true}\n",
    "huge_values": b"{\"nip\": \"1\", \"unit\": \"dinkes\", \"er_minutes\": [1e308, 1e-308, 99999999999999999999999], \"supervisor\": 1e30}\n",
    "negative": b"{\"nip\": \"1\", \"unit\": \"puskesmas\", \"igd_minutes\": [-1, 0, -0.0], \"imm_coverage_pct\": -5, \"supervisor\": -3}\n",
    "escaped_keys": b"{\"n\\u0069p\": \"1\", \"unit\": \"disdukcapil\", \"ktp_hours\": [0.5], \"supervisor\": 4}\n",
    "nulls": b"{\"nip\": null, \"unit\": null, \"er_minutes\": [null], \"supervisor\": null}\n",
}.items():
    put(evalc, name + ".jsonl", data)

# evalcsv: the Plaju samples as CSV (lists joined with '|'), four rows per file, and damaged rows.
evalcsv = fresh("evalcsv")
plaju_records = []
for line in plaju_lines:
    try:
        record = json.loads(line)
    except ValueError:
        continue
    if isinstance(record, dict):
        plaju_records.append(record)
columns = sorted({key for record in plaju_records for key in record})

def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(csv_cell(item) for item in value)
    return str(value)

csv_header = ";".join(columns).encode()
csv_rows = [";".join(csv_cell(record.get(key)) for key in columns).encode() for record in plaju_records]
for start in range(0, len(csv_rows), 4):
    put(evalcsv, f"plaju_{start + 1}.csv", b"\n".join([csv_header] + csv_rows[start:start + 4]) + b"\n")
put(evalcsv, "damaged.csv", b"\n".join([csv_header] + [
    row.replace(b";", b"; ", 1) for row in csv_rows[:2]] + [
    row.replace(b"|", b"||", 1) for row in csv_rows[2:4]] + [
    b'"' + row + b'"' for row in csv_rows[4:5]]) + b"\n")

# serve: the requests of docs/protocol.md, one per file and as a session, and some hostile lines.
serve = fresh("serve")
requests = [
    {"jsonrpc": "2.0", "id": 1, "method": "version"},
    {"jsonrpc": "2.0", "id": 2, "method": "list"},
    {"jsonrpc": "2.0", "id": 3, "method": "eval", "params": {"policy": "plaju", "records": [
        json.loads(plaju_lines[0]), {"nip": "199001012015031002", "unit": "kecamatan"}]}},
    {"jsonrpc": "2.0", "id": 4, "method": "eval", "params": {"policy": "plaju", "explain": True,
        "records": [json.loads(plaju_lines[2]), 5]}},
    {"jsonrpc": "2.0", "id": "e", "method": "explain", "params": {"policy": "plaju", "record": json.loads(plaju_lines[1])}},
    {"jsonrpc": "2.0", "id": 5, "method": "describe", "params": {"policy": "plaju", "format": "text"}},
    {"jsonrpc": "2.0", "id": "cek-1", "method": "check", "params": {"source": "policy coba\nrecord { nip text key }\noutput { nilai = nilia }", "path": "Policies/coba.policy"}},
    {"jsonrpc": "2.0", "id": 6, "method": "eval", "params": {"source": (fixtures / "service/mini.policy").read_text(), "records": [{"nip": "1"}]}},
    {"jsonrpc": "2.0", "id": 7, "method": "reload"},
    {"jsonrpc": "2.0", "method": "reload"},
    {"jsonrpc": "2.0", "id": None, "method": "evaluate", "params": {}},
    {"jsonrpc": "2.0", "id": 8, "method": "eval", "params": {"policy": "kotabaru", "records": []}},
    {"jsonrpc": "2.0", "id": 9, "method": "eval", "params": {"policy": "../Rules/nasional", "records": []}},
    {"jsonrpc": "2.0", "id": 10, "method": "describe", "params": ["plaju"]},
]
encoded = [json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode() for r in requests]
for number, line in enumerate(encoded):
    put(serve, f"request_{number + 1}.jsonl", line)
put(serve, "session.jsonl", b"\n".join(encoded) + b"\n")
put(serve, "check_plaju.jsonl", json.dumps({"jsonrpc": "2.0", "id": 11, "method": "check", "params": {"source": plaju.decode()}}).encode())
put(serve, "hostile.jsonl", b"\n".join([
    b"", b"   ", b"{", b"[]", b"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"version\"}]", b"\"x\"",
    b"{\"jsonrpc\":\"2.0\",\"id\":1.50,\"method\":\"version\"}\r",
    b"{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"version\"}",
    b"{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"version\"}",
    b"{\"jsonrpc\":\"2.0\",\"id\":\"\xff\",\"method\":\"version\"}",
    b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"version\",\"params\":{\"x\":1}}",
    b"{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"list\"}",
    b"{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":1}",
]))

total = sum(f.stat().st_size for f in corpus.rglob("*") if f.is_file())
print(f"corpus: {total} bytes in {sum(1 for f in corpus.rglob('*') if f.is_file())} files")
