#!/usr/bin/env python3
"""Differential testing of kinerja against independent models (issue 4).

    python3 tools/differential.py workload [--seeds 20] [--count 20000] [--seed 1] [--binary PATH]
    python3 tools/differential.py policies [--cases 500] [--records 8] [--seed 1] [--binary PATH]

workload  generates plaju-q data with ../shared/bench/gen.py (one file per seed, plus the --edge records and
          a file of awkward-decimal records made here), evaluates it with `kinerja eval
          Benchmarks/plaju-q.policy` and with the exact oracle `ref.py --mode exact`, and compares record for
          record (numbers with 2 decimals, absent as NA, as Tests/.../ReferenceWorkloadTests.swift does).
          A mismatch is shrunk to the one record, then its fields are dropped and simplified while the
          mismatch persists, and the reproducer is printed.
policies  generates random valid policies in the kinerja language (docs/language.md) and random records
          for them, evaluates them with `kinerja eval --format jsonl` and with the evaluator in this file
          (an independent model of docs/language.md with fractions.Fraction as the number model), and
          compares every output exactly. A mismatch is shrunk (record first, then policy) and printed.

Both modes are deterministic from --seed, print "N cases, M records, K mismatches" and exit 1 on a mismatch.
Python 3 standard library only.
"""
import argparse
import copy
import itertools
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from fractions import Fraction as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
INT64 = 2 ** 63 - 1


def default_binary():
    """The most recently built of .build-diff and .build release (an old build must not be tested by mistake)."""
    built = [os.path.join(ROOT, p) for p in (".build-diff/release/kinerja", ".build/release/kinerja")]
    built = [q for q in built if os.path.exists(q)]
    if built:
        return max(built, key=os.path.getmtime)
    return shutil.which("kinerja") or os.path.join(ROOT, ".build/release/kinerja")


def run(argv, **kw):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


# ------------------------------------------------------------------------------------------- numbers
def dec_str(x):
    """An exact Fraction with a terminating decimal expansion as a plain decimal string."""
    x = F(x)
    if x.denominator == 1:
        return str(x.numerator)
    k = 1
    while (x * 10 ** k).denominator != 1:
        k += 1
        if k > 80:
            raise ValueError(f"not a terminating decimal: {x}")
    n = abs((x * 10 ** k).numerator)
    s = str(n).rjust(k + 1, "0")
    s = (s[:-k] + "." + s[-k:]).rstrip("0").rstrip(".")
    return ("-" if x < 0 else "") + s


def is_terminating(x, places=None):
    d = F(x).denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        return False
    if places is None:
        return True
    return (F(x) * 10 ** places).denominator == 1


def round_half_away(x, n):
    """x rounded half away from zero to n decimals (n may be negative)."""
    x = F(x)
    scale = F(10) ** n
    y = abs(x) * scale
    r = math.floor(y + F(1, 2))
    r = F(r) / scale
    return -r if x < 0 else r


def output_number(x):
    """How kinerja writes a number: exact when a finite decimal of at most 10 places, else rounded to 10."""
    x = F(x)
    if is_terminating(x, 10):
        return x
    return round_half_away(x, 10)


def loads_exact(s):
    return json.loads(s, parse_float=F, parse_int=F)


# ======================================================================================== workload mode
PLAJU_Q = os.path.join(ROOT, "Benchmarks", "plaju-q.policy")
WORKLOAD_KEYS = ["hasil", "rating_hasil", "perilaku", "rating_perilaku", "predikat", "training_recommended"]


def kinerja_tsv_line(obj):
    """One kinerja result as ref.py prints it (ReferenceWorkloadTests.oracleText): 2 decimals, NA, no quotes."""
    if "error" in obj:
        return f"{obj.get('nip', '?')}\tERROR {obj['error'].get('code')} {obj['error'].get('message', '')}"
    cells = [obj["nip"]]
    for k in WORKLOAD_KEYS:
        v = obj.get(k)
        if v is None:
            cells.append("NA")
        elif isinstance(v, bool):
            cells.append("true" if v else "false")
        elif isinstance(v, F):
            c = round_half_away(v, 2)
            sign = "-" if c < 0 else ""
            c = abs(c)
            cells.append(f"{sign}{math.floor(c)}.{int((c - math.floor(c)) * 100):02d}")
        else:
            cells.append(str(v))
    return "\t".join(cells)


def workload_outputs(binary, path, tmp):
    """(kinerja lines, oracle lines) for a JSONL file."""
    k = run([binary, "eval", PLAJU_Q, "--data", path, "--format", "jsonl"], cwd=ROOT)
    if k.returncode not in (0, 1):
        raise SystemExit(f"kinerja eval failed ({k.returncode}): {k.stderr[:2000]}")
    ours = [kinerja_tsv_line(loads_exact(l)) for l in k.stdout.splitlines() if l.strip()]
    out = os.path.join(tmp, "oracle.tsv")
    r = run([sys.executable, os.path.join(BENCH, "ref.py"), "--mode", "exact", path, out])
    if r.returncode != 0:
        theirs = [f"ORACLE FAILED: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode}"]
    else:
        with open(out) as f:
            theirs = [l.rstrip("\n") for l in f if l.strip()]
    return ours, theirs


def dumps_record(rec):
    """JSON with Fractions written as exact decimals."""
    def enc(v):
        if isinstance(v, bool) or v is None:
            return json.dumps(v)
        if isinstance(v, F):
            return dec_str(v)
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            return repr(v)
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, list):
            return "[" + ",".join(enc(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ",".join(json.dumps(k) + ":" + enc(x) for k, x in v.items()) + "}"
        raise TypeError(type(v))
    return enc(rec)


def awkward_workload_records(rng, n, start):
    """plaju-q records with values the generator never writes: many decimals, exact thresholds in other
    spellings, values just beside a threshold, long lists. Within the workload's domain (scores 1..5)."""
    recs = []
    near = [F(0), F(1, 10 ** 9), F(-1, 10 ** 9), F(1, 10 ** 4), F(-1, 10 ** 4)]
    for i in range(n):
        r = {"nip": f"{880000000000000000 + start + i:018d}", "unit": "awkward"}
        kind = rng.random()
        if rng.random() < 0.9:
            m = rng.randint(0, 45)
            r["er_minutes"] = [rng.choice([F(10), F(10) + rng.choice(near), F(rng.randint(0, 4000), 100),
                                           F(rng.randint(0, 10 ** 6), 10 ** 5)]) for _ in range(m)]
        else:
            r["er_minutes"] = []
        if rng.random() < 0.8:
            m = rng.randint(0, 65)
            r["ktp_hours"] = [rng.choice([F(1), F(1) + rng.choice(near), F(rng.randint(0, 400), 100),
                                          F(rng.randint(0, 10 ** 6), 10 ** 6)]) for _ in range(m)]
        if rng.random() < 0.85:
            base = rng.choice([F("85.5"), F("104.5"), F("95"), F("114"), F(rng.randint(0, 1200), 10),
                               F(rng.randint(0, 12 * 10 ** 7), 10 ** 6)])
            r["imm_coverage_pct"] = max(F(0), base + (rng.choice(near) if kind < 0.5 else 0))
        r["supervisor"] = rng.choice([1, 2, 3, 4, 5, F(rng.randint(100, 500), 100), F(45, 10), F(3)])
        if rng.random() < 0.9:
            r["peers"] = [rng.choice([1, 2, 3, 4, 5, F(rng.randint(1000, 5000), 1000)]) for _ in range(rng.randint(0, 7))]
        if rng.random() < 0.85:
            r["community"] = rng.choice([F(rng.randint(10, 50), 10), F(rng.randint(10 ** 6, 5 * 10 ** 6), 10 ** 6),
                                         F(45, 10), F(3), F(1), F(5)])
        recs.append(r)
    return recs


def shrink_workload_record(binary, rec, tmp):
    """Drop and simplify the fields of one record while kinerja and the oracle still disagree."""
    path = os.path.join(tmp, "one.jsonl")

    def differs(r):
        with open(path, "w") as f:
            f.write(dumps_record(r) + "\n")
        ours, theirs = workload_outputs(binary, path, tmp)
        return ours != theirs

    if not differs(rec):
        return rec
    cur = copy.deepcopy(rec)
    changed = True
    while changed:
        changed = False
        for key in list(cur.keys()):
            if key in ("nip", "supervisor"):
                continue
            cand = {k: v for k, v in cur.items() if k != key}
            if differs(cand):
                cur, changed = cand, True
        for key in list(cur.keys()):
            v = cur[key]
            if isinstance(v, list):
                # delta debugging on list items: remove halves, then single items
                size = max(1, len(v) // 2)
                while size >= 1:
                    i = 0
                    while i < len(cur[key]):
                        cand = dict(cur)
                        cand[key] = cur[key][:i] + cur[key][i + size:]
                        if len(cand[key]) < len(cur[key]) and differs(cand):
                            cur, changed = cand, True
                        else:
                            i += size
                    size //= 2
                for i in range(len(cur[key])):
                    for simpler in simpler_numbers(cur[key][i]):
                        cand = dict(cur)
                        cand[key] = list(cur[key])
                        cand[key][i] = simpler
                        if differs(cand):
                            cur, changed = cand, True
                            break
            elif isinstance(v, (int, F)) and not isinstance(v, bool):
                for simpler in simpler_numbers(v):
                    cand = dict(cur)
                    cand[key] = simpler
                    if differs(cand):
                        cur, changed = cand, True
                        break
    return cur


def simpler_numbers(v):
    """Candidate simpler values for a number, simplest first (only ones that are strictly simpler)."""
    v = F(v)
    out = []
    for c in (F(0), F(1), F(round(v)), round_half_away(v, 1), round_half_away(v, 2), round_half_away(v, 4)):
        if c != v and complexity(c) < complexity(v) and c not in out:
            out.append(c)
    return out


def complexity(v):
    v = F(v)
    return (len(dec_str(v)) if is_terminating(v) else 99, abs(v))


def cmd_workload(args):
    binary = os.path.abspath(args.binary or default_binary())
    tmp = tempfile.mkdtemp(prefix="kinerja-diff-")
    cases = records = mismatches = 0
    try:
        files = []
        edge = os.path.join(tmp, "edge.jsonl")
        r = run([sys.executable, os.path.join(BENCH, "gen.py"), "--edge", edge])
        if r.returncode != 0:
            raise SystemExit(f"gen.py --edge failed: {r.stderr}")
        files.append(("edge", edge))
        rng = random.Random(args.seed)
        awk = os.path.join(tmp, "awkward.jsonl")
        with open(awk, "w") as f:
            for rec in awkward_workload_records(rng, args.awkward, 0):
                f.write(dumps_record(rec) + "\n")
        files.append(("awkward", awk))
        for k in range(args.seeds):
            seed = args.seed * 1000 + k
            files.append((f"seed {seed}", seed))
        for name, src in files:
            if isinstance(src, int):
                path = os.path.join(tmp, "gen.jsonl")
                r = run([sys.executable, os.path.join(BENCH, "gen.py"), str(args.count), path, "--seed", str(src)])
                if r.returncode != 0:
                    raise SystemExit(f"gen.py failed: {r.stderr}")
            else:
                path = src
            ours, theirs = workload_outputs(binary, path, tmp)
            with open(path) as f:
                lines = [l for l in f if l.strip()]
            cases += 1
            records += len(lines)
            bad = [i for i in range(max(len(ours), len(theirs)))
                   if i >= len(ours) or i >= len(theirs) or ours[i] != theirs[i]]
            print(f"{name}: {len(lines)} records, {len(bad)} mismatches", flush=True)
            mismatches += len(bad)
            for i in bad[:args.shrink]:
                if i >= len(lines):
                    print(f"  output count differs: kinerja {len(ours)} lines, oracle {len(theirs)} lines")
                    break
                rec = loads_exact(lines[i])
                small = shrink_workload_record(binary, rec, tmp)
                one = os.path.join(tmp, "one.jsonl")
                with open(one, "w") as f:
                    f.write(dumps_record(small) + "\n")
                o, t = workload_outputs(binary, one, tmp)
                print(f"  record {i + 1} ({name}), shrunk reproducer:\n    {dumps_record(small)}")
                print(f"    kinerja: {o}\n    oracle:  {t}")
        print(f"{cases} cases, {records} records, {mismatches} mismatches")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if mismatches else 0


# ======================================================================================== policies mode
# Types of expressions: "num" (number, integer, count, score: dimensionless), "pct" (percent; the value is the
# share, 93.4 % = 0.934), "dur:U" (a duration written in unit U; the value is kept in seconds), "bool",
# "text", "scale:NAME"; lists "list:T".
UNIT_SECONDS = {"s": 1, "min": 60, "h": 3600, "day": 86400}
UNITS = list(UNIT_SECONDS)


class RecordError(Exception):
    def __init__(self, code, why=""):
        super().__init__(code)
        self.code = code
        self.why = why


def is_numeric(t):
    return t in ("num", "pct") or t.startswith("dur:")


def unit_of(t):
    return t.split(":", 1)[1]


def display(value, t):
    """A model value as kinerja writes it: numbers in the unit of their type, rounded to 10 places."""
    if value is None:
        return None
    if t == "bool" or t == "text":
        return value
    if t.startswith("scale:"):
        return value  # member name
    if t == "pct":
        return output_number(value * 100)
    if t.startswith("dur:"):
        return output_number(value / UNIT_SECONDS[unit_of(t)])
    return output_number(value)


def to_unit(value, t):
    """A value in the unit in which its type is written (percent points, the duration's unit)."""
    if t == "pct":
        return value * 100
    if t.startswith("dur:"):
        return value / UNIT_SECONDS[unit_of(t)]
    return value


def from_unit(x, t):
    if t == "pct":
        return F(x) / 100
    if t.startswith("dur:"):
        return F(x) * UNIT_SECONDS[unit_of(t)]
    return F(x)


# ------------------------------------------------------------------------------ expression nodes
def N(kind, t, *a, **kw):
    d = {"k": kind, "t": t, "a": list(a)}
    d.update(kw)
    return d


def lit(value, t):
    return N("lit", t, v=F(value))


def fmt_lit(v, t):
    if t == "pct":
        s = dec_str(abs(v) * 100) + "%"
    elif t.startswith("dur:"):
        s = dec_str(abs(v) / UNIT_SECONDS[unit_of(t)]) + " " + unit_of(t)
    else:
        s = dec_str(abs(v))
    return ("-" + s) if v < 0 else s


def show(n, top=True):
    """Policy text of an expression. Every compound sub-expression is parenthesised."""
    k, a = n["k"], n["a"]

    def sub(x):
        return show(x, False)

    def wrap(s):
        return s if top else "(" + s + ")"

    if k == "lit":
        s = fmt_lit(n["v"], n["t"])
        return wrap(s) if n["v"] < 0 else s
    if k == "str":
        return json.dumps(n["v"], ensure_ascii=False)
    if k == "bool":
        return "true" if n["v"] else "false"
    if k == "member":
        return f"{n['scale']}.{n['v']}"
    if k in ("field", "val"):
        return n["name"]
    if k in ("each", "actual", "target"):
        return k
    if k == "neg":
        return wrap("-" + sub(a[0]))
    if k in ("+", "-", "*", "/", "=", "!=", "<", "<=", ">", ">=", "and", "or", "??"):
        return wrap(f"{sub(a[0])} {k} {sub(a[1])}")
    if k == "not":
        return wrap("not " + sub(a[0]))
    if k == "in":
        return wrap(f"{sub(a[0])} in {{" + ", ".join(show(x) for x in a[1:]) + "}")
    if k == "if":
        return wrap(f"if {show(a[0])} then {show(a[1])} else {show(a[2])}")
    if k == "round":
        return f"round({show(a[0])}, {n['n']})"
    if k in ("min", "max", "clamp", "abs", "present", "name", "label"):
        return f"{k}(" + ", ".join(show(x) for x in a) + ")"
    if k == "agg":
        extra = "" if len(a) == 1 else ", " + show(a[1])
        return f"{n['fn']}({show(a[0])}{extra})"
    if k == "wmean":
        return "weighted_mean(" + ", ".join(f"{show(x)}: {dec_str(w)}" for x, w in zip(a, n["w"])) + ")"
    if k == "capind":
        return f"{n['fn']}(capaian of indicators)"
    if k == "call":
        return f"{n['name']}(" + ", ".join(show(x) for x in a) + ")"
    raise ValueError(k)


def walk(n):
    yield n
    for c in n["a"]:
        yield from walk(c)


# ------------------------------------------------------------------------------------ the model
class Model:
    """An evaluator written from docs/language.md only."""

    def __init__(self, pol):
        self.p = pol

    def evaluate(self, rec):
        """{"outputs": {name: display value}, "recommendations": [...]} or {"error": code}."""
        p = self.p
        try:
            env = self.read_record(rec)
            self.env = env
            self.memo = {}
            self.big = 0
            self.caps = None
            # Every value (and output) of the policy is computed for every record, whether or not a result
            # needs it; an error in any of them makes the record an error.
            for name in p["values"]:
                self.value(name)
            outs = {}
            for name in p["outputs"]:
                outs[name] = display(self.value(name), p["values"][name]["t"])
            recs = []
            for name, cond in p["recommends"]:
                if self.ev(cond, {}) is True:
                    recs.append(name)
            return {"outputs": outs, "recommendations": recs, "big": self.big}
        except RecordError as e:
            return {"error": e.code, "why": e.why, "big": getattr(self, "big", 0)}

    # -- data
    def read_record(self, rec):
        env = {}
        for f in self.p["fields"]:
            name, t, opt = f["name"], f["t"], f["optional"]
            v = rec.get(name)
            if v is None:
                if t.startswith("list:") and opt:
                    env[name] = []
                    continue
                if opt:
                    env[name] = None
                    continue
                raise RecordError("R001", name)
            if t.startswith("list:"):
                env[name] = [self.read_scalar(f, t[5:], x, f"{name}[{i}]") for i, x in enumerate(v)]
            else:
                env[name] = self.read_scalar(f, t, v, name)
        return env

    def read_scalar(self, f, t, v, where):
        if v is None:
            raise RecordError("R002", where)
        if t == "bool":
            if not isinstance(v, bool):
                raise RecordError("R002", where)
            return v
        if t == "text":
            if not isinstance(v, str):
                raise RecordError("R002", where)
            return v
        if t.startswith("scale:"):
            if not isinstance(v, str):
                raise RecordError("R002", where)
            if v not in self.p["scales"][t[6:]]:
                raise RecordError("R003", where)
            return v
        if isinstance(v, bool) or not isinstance(v, (int, F)):
            raise RecordError("R002", where)
        v = F(v)
        kind = f["decl_elem"] if f["t"].startswith("list:") else f["decl"]
        if kind in ("integer", "count") and v.denominator != 1:
            raise RecordError("R003", where)
        if kind == "count" and v < 0:
            raise RecordError("R003", where)
        if kind.startswith("score("):
            lo, hi = f["range"]
            if not lo <= v <= hi:
                raise RecordError("R003", where)
        return from_unit(v, t)

    # -- values
    def value(self, name):
        if name in self.memo:
            return self.memo[name]
        v = self.ev(self.p["values"][name], {})
        self.memo[name] = v
        return v

    def note(self, x):
        if isinstance(x, F):
            self.big = max(self.big, abs(x.numerator), x.denominator)
        return x

    def ev(self, n, ctx):
        k, a, t = n["k"], n["a"], n["t"]
        ev = self.ev
        if k == "lit":
            return n["v"]
        if k in ("str", "bool", "member"):
            return n["v"]
        if k == "field":
            return self.env[n["name"]]
        if k == "val":
            return self.value(n["name"])
        if k in ("each", "actual", "target"):
            return ctx[k]
        if k == "neg":
            x = ev(a[0], ctx)
            return None if x is None else -x
        if k in ("+", "-", "*", "/"):
            # docs/language.md does not say whether an error in the right operand counts when the left one is
            # absent; kinerja does not evaluate it then (nor for min, max, clamp and `in`, but it does for the
            # comparisons and weighted_mean). The model does the same.
            x = ev(a[0], ctx)
            if x is None:
                return None
            y = ev(a[1], ctx)
            if y is None:
                return None
            if k == "+":
                return self.note(x + y)
            if k == "-":
                return self.note(x - y)
            if k == "*":
                return self.note(x * y)
            if y == 0:
                raise RecordError("R101", show(n))
            return self.note(x / y)
        if k in ("=", "!=", "<", "<=", ">", ">="):
            x, y = ev(a[0], ctx), ev(a[1], ctx)
            if x is None or y is None:
                return None
            if a[0]["t"].startswith("scale:"):
                order = self.p["scales"][a[0]["t"][6:]]
                x, y = order.index(x), order.index(y)
            return {"=": x == y, "!=": x != y, "<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[k]
        if k == "in":
            x = ev(a[0], ctx)
            if x is None:
                return None
            items = [ev(c, ctx) for c in a[1:]]
            if x in items:
                return True
            return None if None in items else False
        if k == "and":
            x = ev(a[0], ctx)
            if x is False:
                return False
            y = ev(a[1], ctx)
            if y is False:
                return False
            return True if (x is True and y is True) else None
        if k == "or":
            x = ev(a[0], ctx)
            if x is True:
                return True
            y = ev(a[1], ctx)
            if y is True:
                return True
            return False if (x is False and y is False) else None
        if k == "not":
            x = ev(a[0], ctx)
            return None if x is None else (not x)
        if k == "??":
            x = ev(a[0], ctx)
            return x if x is not None else ev(a[1], ctx)
        if k == "if":
            c = ev(a[0], ctx)
            return ev(a[1], ctx) if c is True else ev(a[2], ctx)
        if k == "present":
            return ev(a[0], ctx) is not None
        if k == "round":
            x = ev(a[0], ctx)
            if x is None:
                return None
            return from_unit(round_half_away(to_unit(x, t), n["n"]), t)
        if k in ("min", "max", "clamp", "abs"):
            xs = []
            for c in a:
                xs.append(ev(c, ctx))
                if xs[-1] is None:
                    return None
            if k == "min":
                return min(xs)
            if k == "max":
                return max(xs)
            if k == "abs":
                return abs(xs[0])
            return max(xs[1], min(xs[0], xs[2]))
        if k == "name":
            x = ev(a[0], ctx)
            return x
        if k == "agg":
            return self.aggregate(n, ctx)
        if k == "wmean":
            xs = [ev(c, ctx) for c in a]
            pairs = [(w, x) for w, x in zip(n["w"], xs) if x is not None]
            if not pairs:
                return None
            return self.note(sum(w * x for w, x in pairs) / sum(w for w, _ in pairs))
        if k == "capind":
            caps = self.indicators()
            if n["fn"] == "count":
                return F(len(caps))
            if not caps:
                return None
            if n["fn"] == "weighted_mean":
                return self.note(sum(w * c for w, c in caps) / sum(w for w, _ in caps))
            if n["fn"] == "mean":
                return self.note(sum(c for _, c in caps) / len(caps))
            return (min if n["fn"] == "min" else max)(c for _, c in caps)
        if k == "call":
            xs = [ev(c, ctx) for c in a]
            if any(x is None for x in xs):
                return None
            d = self.p["decls"][n["name"]]
            if d["kind"] == "bands":
                x = xs[0]
                for op, thr, res in d["arms"]:
                    if op == "otherwise" or (op == "..<" and thr[0] <= x < thr[1]) or \
                            (op == ">=" and x >= thr) or (op == ">" and x > thr) or \
                            (op == "<=" and x <= thr) or (op == "<" and x < thr):
                        return res["v"]
                raise RecordError("NOARM", show(n))
            if d["kind"] == "matrix":
                return d["cells"][(xs[0], xs[1])]["v"]
            if d["kind"] == "table":
                for pats, res in d["rules"]:
                    if all(pt == "_" or (isinstance(pt, list) and x in pt) or pt == x for pt, x in zip(pats, xs)):
                        return res["v"]
                raise RecordError("NORULE", show(n))
        raise ValueError(k)

    def aggregate(self, n, ctx):
        fn, a = n["fn"], n["a"]
        xs = self.ev(a[0], ctx)
        if fn in ("count", "share") and len(a) == 2:
            hits = 0
            for x in xs:
                c = dict(ctx)
                c["each"] = x
                if self.ev(a[1], c) is True:
                    hits += 1
            if fn == "count":
                return F(hits)
            return None if not xs else F(hits, len(xs))
        if fn == "count":
            return F(len(xs))
        if fn == "sum":
            return self.note(sum(xs, F(0)))
        if not xs:
            return None
        if fn == "mean":
            return self.note(sum(xs, F(0)) / len(xs))
        if fn == "median":
            s = sorted(xs)
            m = len(s)
            return s[m // 2] if m % 2 else self.note((s[m // 2 - 1] + s[m // 2]) / 2)
        if fn == "min":
            return min(xs)
        if fn == "max":
            return max(xs)
        if fn == "percentile":
            p = self.ev(a[1], ctx)
            s = sorted(xs)
            rank = max(1, math.ceil(p * len(s)))
            return s[min(rank, len(s)) - 1]
        raise ValueError(fn)

    def indicators(self):
        """[(weight, capaian)] of the indicators that apply (actual, target and capaian present)."""
        if self.caps is not None:
            return self.caps
        caps = []
        for ind in self.p["indicators"]:
            # A clause may read the indicator's own actual and target: absent until each is known, never another
            # record's.
            if ind.get("applies") is not None and self.ev(ind["applies"], {"actual": None, "target": None}) is not True:
                continue
            actual = self.ev(ind["actual"], {"actual": None, "target": None})
            if actual is None:
                continue
            target = self.ev(ind["target"], {"actual": actual, "target": None})
            if ind.get("capaian") is not None:
                if target is None:
                    continue
                cap = self.ev(ind["capaian"], {"actual": actual, "target": target})
            else:
                if target is None:
                    continue
                if target == 0:
                    raise RecordError("R101", "actual / target")
                cap = actual / target
                if ind.get("better") == "lower":
                    cap = max(F(0), 2 - cap)
            if cap is None:
                continue
            if ind.get("cap") is not None:
                limit = self.ev(ind["cap"], {})
                if limit is not None:
                    cap = min(cap, limit)
            caps.append((ind["weight"], self.note(cap)))
        self.caps = caps
        return caps


# ------------------------------------------------------------------------------------ generator
AWKWARD = ["0", "0.1", "0.5", "1", "2", "3", "2.5", "33.33", "33.333", "66.67", "90", "90.005", "95", "100",
           "110", "120", "12.345", "0.001", "99.995", "1.5", "4.5", "7", "10", "1000000", "0.3333"]
AWKWARD_PCT = ["0", "0.1", "33.33", "66.67", "50", "90", "90.005", "95", "99.995", "100", "110", "120", "12.5",
               "104.5", "85.5"]
AWKWARD_DUR = ["0", "0.25", "0.5", "1", "1.5", "5", "10", "14", "33.33", "60", "90.005"]
TEXTS = ["dinkes", "puskesmas", "disdukcapil", "kecamatan"]


class Gen:
    def __init__(self, rng, capind_aggregates=False, pct_div_pct=False, big=False):
        self.big = big  # many indicators with unrelated targets: intermediate numbers beyond 64 bits
        self.rng = rng
        self.pct_div_pct = pct_div_pct
        # count/mean/min/max(capaian of indicators) are documented but rejected by the checker (E0307)
        self.capind_aggregates = capind_aggregates
        self.in_indicator = False
        self.p = {"fields": [], "scales": {}, "decls": {}, "indicators": [], "values": {}, "outputs": [],
                  "recommends": [], "value_order": []}
        self.counter = itertools.count(1)

    def fresh(self, prefix):
        return f"{prefix}{next(self.counter)}"

    # -- constants
    def const(self, t, positive=False):
        r = self.rng
        if t == "num":
            v = F(r.choice(AWKWARD)) if r.random() < 0.8 else F(r.randint(0, 10 ** 5), 10 ** r.randint(0, 3))
        elif t == "pct":
            v = F(r.choice(AWKWARD_PCT)) / 100 if r.random() < 0.8 else F(r.randint(0, 15000), 10 ** r.randint(4, 6))
        elif t.startswith("dur:"):
            v = F(r.choice(AWKWARD_DUR)) * UNIT_SECONDS[unit_of(t)]
        else:
            raise ValueError(t)
        if positive and v == 0:
            v = F(1) if t == "num" else (F(1, 2) if t == "pct" else F(UNIT_SECONDS[unit_of(t)]))
        if not positive and r.random() < 0.08:
            v = -v
        return lit(v, t)

    # -- record
    def gen_fields(self):
        r = self.rng
        self.add_scale()
        if r.random() < 0.5:
            self.add_scale()
        kinds = ["number", "integer", "count", "score", "percent", "duration", "boolean", "text", "scale",
                 "list_number", "list_score", "list_percent", "list_duration", "list_count"]
        n = r.randint(4, 9)
        # at least one numeric and one list field
        chosen = [r.choice(["number", "percent", "score", "duration"]), r.choice(kinds[9:])]
        chosen += [r.choice(kinds) for _ in range(n - 2)]
        for kind in chosen:
            f = {"name": self.fresh("f_"), "optional": r.random() < 0.4}
            base = kind[5:] if kind.startswith("list_") else kind
            if base == "score":
                lo = r.choice([F(1), F(0), F(1), F("0.5")])
                hi = lo + r.choice([F(4), F(4), F(100), F("9.5")])
                decl, t, f["range"] = f"score({dec_str(lo)}..{dec_str(hi)})", "num", (lo, hi)
            elif base == "duration":
                u = r.choice(UNITS)
                decl, t = f"duration({u})", f"dur:{u}"
            elif base == "scale":
                s = r.choice(list(self.p["scales"]))
                decl, t = s, f"scale:{s}"
            else:
                decl = base
                t = {"number": "num", "integer": "num", "count": "num", "percent": "pct", "boolean": "bool",
                     "text": "text"}[base]
            if kind.startswith("list_"):
                f["decl_elem"] = decl
                f["decl"] = "list of " + decl
                f["t"] = "list:" + t
            else:
                f["decl"] = decl
                f["t"] = t
            self.p["fields"].append(f)

    def add_scale(self):
        name = self.fresh("s_")
        members = [f"{name}_{m}" for m in self.rng.choice([["lo", "mid", "hi"], ["a", "b"], ["w", "x", "y", "z"]])]
        self.p["scales"][name] = members

    def fields_of(self, t, required=False):
        return [f for f in self.p["fields"] if f["t"] == t and (not required or not f["optional"])]

    def values_of(self, t):
        return [name for name in self.p["value_order"] if self.p["values"][name]["t"] == t]

    # -- declarations
    def add_bands(self, param_t, result_t):
        r = self.rng
        name = self.fresh("b_")
        base = param_t
        thr = sorted({self.const(base)["v"] for _ in range(r.randint(1, 4))})
        arms = []
        style = r.choice(["down", "down", "up", "ranges"])
        if style == "ranges" and any(x < 0 for x in thr[1:]):
            style = "down"
        if style == "down":
            for x in reversed(thr):
                arms.append([r.choice([">=", ">"]), x])
                if r.random() < 0.15 and arms[-1][0] == ">":
                    arms.append([">=", x])
            arms.append(["otherwise", None])
        elif style == "up":
            for x in thr:
                arms.append([r.choice(["<", "<="]), x])
                if r.random() < 0.15 and arms[-1][0] == "<":
                    arms.append(["<=", x])
            arms.append(["otherwise", None])
        elif style == "ranges" and thr[0] < 0 and len(thr) > 1:
            # A range whose lower bound is negative cannot follow another arm: its '-' continues the previous
            # arm's result as a subtraction (the grammar reads results as a sum). Start with that range instead.
            arms.append(["..<", (thr[0], thr[1])])
            for lo, hi in zip(thr[1:], thr[2:]):
                arms.append(["..<", (lo, hi)])
            arms.append([">=", thr[-1]])
            arms.append(["otherwise", None])
        else:
            arms.append(["<", thr[0]])
            for lo, hi in zip(thr, thr[1:]):
                arms.append(["..<", (lo, hi)])
            arms.append([">=", thr[-1]])
        for arm in arms:
            arm.append(self.result_const(result_t))
        self.p["decls"][name] = {"kind": "bands", "param_t": param_t, "t": result_t, "arms": arms,
                                 "param_decl": self.type_decl(param_t)}
        return name

    def type_decl(self, t):
        if t == "num":
            return self.rng.choice(["number", "number", "score(1..5)"])
        if t == "pct":
            return "percent"
        if t.startswith("dur:"):
            return f"duration({unit_of(t)})"
        if t == "bool":
            return "boolean"
        if t.startswith("scale:"):
            return t[6:]
        return t

    def result_const(self, t):
        r = self.rng
        if t == "text":
            return {"k": "str", "t": t, "a": [], "v": r.choice(["Baik", "Cukup", "Kurang", "Sangat Baik", "x"])}
        if t.startswith("scale:"):
            s = t[6:]
            return {"k": "member", "t": t, "a": [], "scale": s, "v": r.choice(self.p["scales"][s])}
        return self.const(t)

    def add_matrix(self, result_t):
        r = self.rng
        name = self.fresh("m_")
        s1, s2 = r.choice(list(self.p["scales"])), r.choice(list(self.p["scales"]))
        cells = {}
        for a in self.p["scales"][s1]:
            for j, b in enumerate(self.p["scales"][s2]):
                c = self.result_const(result_t)
                if j > 0 and c["k"] == "lit" and c["v"] < 0:
                    # kinerja reads a cell as an expression, so '1 -2' is the one cell '1 - 2' (docs/language.md
                    # says cell = [ "-" ] primary): negative cells only in the first column
                    c = lit(-c["v"], c["t"])
                cells[(a, b)] = c
        self.p["decls"][name] = {"kind": "matrix", "params": [f"scale:{s1}", f"scale:{s2}"], "t": result_t,
                                 "cells": cells}
        return name

    def add_table(self, result_t):
        r = self.rng
        name = self.fresh("t_")
        params = [f"scale:{r.choice(list(self.p['scales']))}"]
        if r.random() < 0.6:
            params.append(r.choice(["bool", f"scale:{r.choice(list(self.p['scales']))}"]))
        parts = []
        for pt in params:
            dom = [True, False] if pt == "bool" else self.p["scales"][pt[6:]]
            if r.random() < 0.3:
                parts.append(["_"])
                continue
            if pt == "bool":  # a set pattern holds member names only: booleans are true, false or _
                parts.append([True, False])
                continue
            items = list(dom)
            r.shuffle(items)
            groups = []
            while items:
                k = r.randint(1, len(items))
                groups.append(items[:k])
                items = items[k:]
            parts.append([g[0] if len(g) == 1 else g for g in groups])
        rules = [(list(combo), self.result_const(result_t)) for combo in itertools.product(*parts)]
        self.p["decls"][name] = {"kind": "table", "params": params, "t": result_t, "rules": rules}
        return name

    # -- expressions
    def expr(self, t, depth, ctx=()):
        """A random expression of type t. ctx may contain 'each:T', 'actual:T', 'target:T'."""
        r = self.rng
        leaves = self.leaves(t, ctx)
        if depth <= 0 or r.random() < 0.3:
            if leaves:
                return r.choice(leaves)()
        options = self.compounds(t, depth, ctx)
        if not options:
            return r.choice(leaves)()
        return r.choice(options)()

    def leaves(self, t, ctx):
        out = []
        r = self.rng
        for c in ctx:
            kind, ct = c.split(":", 1)
            if ct == t:
                out.append(lambda kind=kind: N(kind, t))
        for f in self.fields_of(t):
            out.append(lambda f=f: N("field", t, name=f["name"]))
        for v in self.values_of(t):
            out.append(lambda v=v: N("val", t, name=v))
        if is_numeric(t):
            out.append(lambda: self.const(t))
        elif t == "bool":
            out.append(lambda: N("bool", t, v=r.random() < 0.5))
        elif t == "text":
            out.append(lambda: N("str", t, v=r.choice(TEXTS)))
        elif t.startswith("scale:"):
            out.append(lambda: self.result_const(t))
        return out

    def lists_of(self, elem_t):
        return [f for f in self.p["fields"] if f["t"] == "list:" + elem_t]

    def compounds(self, t, depth, ctx):
        r = self.rng
        d = depth - 1
        e = lambda tt: self.expr(tt, d, ctx)  # noqa: E731
        out = []
        if is_numeric(t):
            out += [lambda: N("+", t, e(t), e(t)), lambda: N("-", t, e(t), e(t)),
                    lambda: N("neg", t, e(t)), lambda: N("abs", t, e(t)),
                    lambda: N("round", t, e(t), n=r.choice([0, 1, 2, 2, 3, 10, -1])),
                    lambda: N(r.choice(["min", "max"]), t, *[e(t) for _ in range(r.randint(2, 3))]),
                    lambda: self.clamp(t, e),
                    lambda: N("??", t, e(t), e(t)),
                    lambda: N("if", t, self.cond(d, ctx), e(t), e(t)),
                    lambda: self.wmean(t, e)]
            if t.startswith("dur:"):
                other = f"dur:{r.choice(UNITS)}"
                out += [lambda: N("+", t, e(t), e(other)), lambda: N("-", t, e(t), e(other)),
                        lambda: N("*", t, e(t), e("num")), lambda: N("/", t, e(t), e("num"))]
            elif t == "num":
                du = f"dur:{r.choice(UNITS)}"
                out += [lambda: N("*", t, e("num"), e("num")), lambda: N("/", t, e("num"), e("num")),
                        lambda: N("/", t, e(du), e(f"dur:{r.choice(UNITS)}"))]
                if self.lists_any():
                    out.append(lambda: self.count_expr(d, ctx))
            else:  # pct
                # percent / percent: docs/language.md says percent; kinerja gives a plain number (reported), so
                # it is generated only with --pct-div-pct
                out += [lambda: N("*", t, e("pct"), e(r.choice(["num", "pct"]))),
                        lambda: N("/", t, e("pct"), e(r.choice(["num", "pct"] if self.pct_div_pct else ["num"]))),
                        lambda: N("+", t, e("pct"), e("num")), lambda: N("*", t, e("num"), e("pct"))]
                if self.lists_any():
                    out.append(lambda: self.share_expr(d, ctx))
                if self.p["indicators"] and not self.in_indicator:
                    fns = ["weighted_mean"] + (["mean", "min", "max"] if self.capind_aggregates else [])
                    out.append(lambda: N("capind", t, fn=r.choice(fns)))
            if self.lists_of(t):
                out.append(lambda: self.list_agg(t, d, ctx))
            for name, dd in self.p["decls"].items():
                if dd["t"] == t:
                    out.append(lambda name=name: self.call(name, d, ctx))
        elif t == "bool":
            out.append(lambda: self.cond(depth, ctx))
        elif t == "text" or t.startswith("scale:"):
            out += [lambda: N("??", t, e(t), e(t)), lambda: N("if", t, self.cond(d, ctx), e(t), e(t))]
            for name, dd in self.p["decls"].items():
                if dd["t"] == t:
                    out.append(lambda name=name: self.call(name, d, ctx))
        return out

    def lists_any(self):
        return any(f["t"].startswith("list:") for f in self.p["fields"])

    def clamp(self, t, e):
        lo, hi = sorted([self.const(t)["v"], self.const(t)["v"]])
        return N("clamp", t, e(t), lit(lo, t), lit(hi, t))

    def wmean(self, t, e):
        k = self.rng.randint(1, 3)
        return N("wmean", t, *[e(t) for _ in range(k)],
                 w=[F(self.rng.choice(["1", "50", "30", "20", "0.5", "12.5", "33.33"])) for _ in range(k)])

    def list_agg(self, t, d, ctx):
        r = self.rng
        f = r.choice(self.lists_of(t))
        lst = N("field", "list:" + t, name=f["name"])
        fn = r.choice(["sum", "mean", "median", "min", "max", "percentile"])
        if fn == "percentile":
            p = F(r.choice(["1", "10", "50", "90", "95", "99", "100", "33.33", "12.5"])) / 100
            return N("agg", t, lst, lit(p, "pct"), fn=fn)
        return N("agg", t, lst, fn=fn)

    def each_cond(self, elem_t, d, ctx):
        r = self.rng
        ctx = tuple(c for c in ctx if not c.startswith("each:")) + (f"each:{elem_t}",)
        if elem_t.startswith("dur:"):
            cmp_t = f"dur:{r.choice(UNITS)}"
        else:
            cmp_t = elem_t
        c1 = N(r.choice(["<", "<=", ">", ">=", "=", "!="]), "bool", N("each", elem_t), self.expr(cmp_t, min(d, 1), ctx))
        if r.random() < 0.3:
            c2 = N(r.choice(["<", "<=", ">", ">="]), "bool", N("each", elem_t), self.const(cmp_t))
            return N(r.choice(["and", "or"]), "bool", c1, c2)
        if r.random() < 0.1:
            return N("not", "bool", c1)
        return c1

    def count_expr(self, d, ctx):
        f = self.rng.choice([f for f in self.p["fields"] if f["t"].startswith("list:")])
        lst = N("field", f["t"], name=f["name"])
        if self.rng.random() < 0.3:
            return N("agg", "num", lst, fn="count")
        return N("agg", "num", lst, self.each_cond(f["t"][5:], d, ctx), fn="count")

    def share_expr(self, d, ctx):
        f = self.rng.choice([f for f in self.p["fields"] if f["t"].startswith("list:")])
        lst = N("field", f["t"], name=f["name"])
        return N("agg", "pct", lst, self.each_cond(f["t"][5:], d, ctx), fn="share")

    def call(self, name, d, ctx):
        dd = self.p["decls"][name]
        if dd["kind"] == "bands":
            return N("call", dd["t"], self.expr(dd["param_t"], d, ctx), name=name)
        return N("call", dd["t"], *[self.expr(pt, d, ctx) for pt in dd["params"]], name=name)

    def cond(self, depth, ctx):
        r = self.rng
        d = depth - 1
        if depth <= 0 or r.random() < 0.35:
            return self.atom_cond(max(d, 0), ctx)
        choice = r.random()
        if choice < 0.35:
            return N("and", "bool", self.cond(d, ctx), self.cond(d, ctx))
        if choice < 0.7:
            return N("or", "bool", self.cond(d, ctx), self.cond(d, ctx))
        if choice < 0.85:
            return N("not", "bool", self.cond(d, ctx))
        return N("??", "bool", self.cond(d, ctx), N("bool", "bool", v=r.random() < 0.5))

    def atom_cond(self, d, ctx):
        r = self.rng
        opts = ["num", "num", "pct", "dur", "text", "scale", "bool", "present", "in"]
        kind = r.choice(opts)
        if kind in ("num", "pct"):
            return N(r.choice(["<", "<=", ">", ">=", "=", "!="]), "bool", self.expr(kind, d, ctx), self.expr(kind, d, ctx))
        if kind == "dur":
            return N(r.choice(["<", "<=", ">", ">="]), "bool", self.expr(f"dur:{r.choice(UNITS)}", d, ctx),
                     self.expr(f"dur:{r.choice(UNITS)}", d, ctx))
        if kind == "text":
            return N(r.choice(["=", "!="]), "bool", self.expr("text", d, ctx), N("str", "text", v=r.choice(TEXTS)))
        if kind == "scale":
            s = "scale:" + r.choice(list(self.p["scales"]))
            return N(r.choice(["<", "<=", ">", ">=", "=", "!="]), "bool", self.expr(s, d, ctx), self.result_const(s))
        if kind == "bool":
            fs = self.fields_of("bool")
            if fs:
                return N("field", "bool", name=r.choice(fs)["name"])
            return N("bool", "bool", v=r.random() < 0.5)
        if kind == "present":
            t = r.choice(["num", "pct", "text"])
            return N("present", "bool", self.expr(t, d, ctx))
        t = r.choice(["text", "num"])
        items = [N("str", "text", v=x) for x in r.sample(TEXTS, 2)] if t == "text" else [self.const("num") for _ in range(2)]
        return N("in", "bool", self.expr(t, d, ctx), *items)

    # -- the policy
    def generate(self):
        r = self.rng
        p = self.p
        self.gen_fields()
        for _ in range(r.randint(0, 3)):
            pt = r.choice(["num", "pct", "pct", f"dur:{r.choice(UNITS)}"])
            rt = r.choice(["text", "text", "num", "pct", "scale:" + r.choice(list(p["scales"]))])
            self.add_bands(pt, rt)
        if r.random() < 0.5:
            self.add_matrix(r.choice(["text", "num"]))
        if r.random() < 0.4:
            self.add_table(r.choice(["text", "num"]))
        for _ in range(r.randint(12, 24) if self.big else r.randint(0, 4)):
            self.add_indicator()
        for _ in range(r.randint(0, 4)):
            t = self.rand_type()
            name = self.fresh("v_")
            p["values"][name] = self.expr(t, r.randint(1, 3))
            p["value_order"].append(name)
        outs = []
        if p["indicators"]:
            h = N("capind", "pct", fn="weighted_mean")
            outs.append(h if r.random() < 0.5 else N("round", "pct", h, n=2))
            bands = [n for n, d in p["decls"].items() if d["kind"] == "bands" and d["param_t"] == "pct"]
            if bands and r.random() < 0.7:
                outs.append(N("call", p["decls"][bands[0]]["t"], N("capind", "pct", fn="weighted_mean"), name=bands[0]))
        for _ in range(r.randint(1, 5)):
            outs.append(self.expr(self.rand_type(), r.randint(1, 4)))
        for node in outs:
            name = self.fresh("o_")
            p["outputs"].append(name)
            p["values"][name] = node
        for _ in range(r.randint(0, 2)):
            p["recommends"].append((self.fresh("r_"), self.cond(2, ())))
        return p

    def unrelated(self, t):
        """A positive value of type t whose denominator (or numerator) shares few factors with others."""
        r = self.rng
        if t == "pct":
            return F(r.randint(8001, 9999), 10000)
        if t == "num":
            return F(r.randint(101, 997), r.choice([1, 10, 100]))
        return F(r.randint(7, 97)) * UNIT_SECONDS[unit_of(t)]

    def rand_type(self):
        r = self.rng
        return r.choice(["num", "num", "pct", "pct", f"dur:{r.choice(UNITS)}", "bool", "text",
                         "scale:" + r.choice(list(self.p["scales"]))])

    def add_indicator(self):
        self.in_indicator = True
        try:
            self.add_indicator_()
        finally:
            self.in_indicator = False

    def add_indicator_(self):
        r = self.rng
        t = r.choice(["num", "pct", "pct", f"dur:{r.choice(UNITS)}"])
        ind = {"name": self.fresh("i_")}
        if r.random() < 0.1:
            # The indicator's own actual, which does not exist yet when `applies` runs.
            ind["applies"] = N("not", "bool", N("present", "bool", N("actual", t)))
        elif r.random() < 0.5:
            ind["applies"] = self.cond(2, ())
        ind["actual"] = self.expr(t, r.randint(0, 3))
        tchoice = r.random()
        req = self.fields_of(t, required=True)
        opt = self.fields_of(t)
        if tchoice < 0.1 and t == "pct":
            # A target that reads the actual computed just before it.
            ind["target"] = N("*", t, N("actual", t), lit(F(r.choice(["2", "0.5", "1.25"])), "num"))
        elif self.big and tchoice < 0.7:
            ind["target"] = lit(self.unrelated(t), t)
        elif tchoice < 0.6 or not opt:
            ind["target"] = self.const(t, positive=True)
        elif tchoice < 0.8 and req:
            ind["target"] = N("field", t, name=r.choice(req)["name"])
        else:
            ind["target"] = N("??", t, N("field", t, name=r.choice(opt)["name"]), self.const(t, positive=True))
        ind["better"] = r.choice([None, "higher", "lower"])
        if r.random() < 0.2:
            a = N("actual", t)
            tg = N("target", t)
            ind["capaian"] = r.choice([
                lambda: N("if", "pct", N(r.choice([">=", ">", "<"]), "bool", a, tg), self.const("pct"), self.const("pct")),
                lambda: N("*", "pct", N("/", "num", a, tg), lit(1, "pct")),
                lambda: N("min", "pct", N("*", "pct", N("/", "num", a, tg), lit(1, "pct")), self.const("pct")),
            ])()
        if r.random() < 0.6:
            ind["cap"] = lit(F(r.choice(["100", "120", "150", "90.005", "110"])) / 100, "pct")
        ind["weight"] = F(r.choice(["10", "20", "25", "30", "40", "12.5", "33.33", "0.5"]))
        self.p["indicators"].append(ind)


def policy_text(p):
    out = ["policy diff \"differential test\"", "", "record {", "  nip text key"]
    for f in p["fields"]:
        out.append(f"  {f['name']} {f['decl']}" + (" optional" if f["optional"] else ""))
    out.append("}")
    for s, members in p["scales"].items():
        out.append(f"scale {s} {{ " + ", ".join(members) + " }")
    for name, d in p["decls"].items():
        rt = type_text(d["t"])
        if d["kind"] == "bands":
            out.append(f"bands {name}(x: {d['param_decl']}) -> {rt} {{")
            for op, thr, res in d["arms"]:
                if op == "otherwise":
                    head = "otherwise"
                elif op == "..<":
                    head = f"{fmt_lit(thr[0], d['param_t'])} ..< {fmt_lit(thr[1], d['param_t'])}"
                else:
                    head = f"{op} {fmt_lit(thr, d['param_t'])}"
                out.append(f"  {head} -> {cell_text(res)}")
            out.append("}")
        elif d["kind"] == "matrix":
            s1, s2 = d["params"][0][6:], d["params"][1][6:]
            out.append(f"matrix {name}(r: {s1}, c: {s2}) -> {rt} {{")
            out.append("  " + " ".join(p["scales"][s2]))
            for a in p["scales"][s1]:
                out.append(f"  {a} | " + " ".join(cell_text(d["cells"][(a, b)]) for b in p["scales"][s2]))
            out.append("}")
        else:
            params = ", ".join(f"p{i}: {type_text(t)}" for i, t in enumerate(d["params"]))
            out.append(f"table {name}({params}) -> {rt} {{")
            for pats, res in d["rules"]:
                out.append("  " + ", ".join(pattern_text(x) for x in pats) + f" -> {cell_text(res)}")
            out.append("}")
    for ind in p["indicators"]:
        out.append(f"indicator {ind['name']} {{")
        if ind.get("applies") is not None:
            out.append(f"  applies {show(ind['applies'])}")
        out.append(f"  actual {show(ind['actual'])}")
        out.append(f"  target {show(ind['target'])}")
        if ind.get("better"):
            out.append(f"  better {ind['better']}")
        if ind.get("capaian") is not None:
            out.append(f"  capaian {show(ind['capaian'])}")
        if ind.get("cap") is not None:
            out.append(f"  cap {show(ind['cap'])}")
        out.append(f"  weight {dec_str(ind['weight'])}")
        out.append("}")
    for name in p["value_order"]:
        out.append(f"{name} = {show(p['values'][name])}")
    out.append("output {")
    for name in p["outputs"]:
        out.append(f"  {name} = {show(p['values'][name])}")
    out.append("}")
    for name, cond in p["recommends"]:
        out.append(f"recommend {name} when {show(cond)}")
    return "\n".join(out) + "\n"


def type_text(t):
    if t == "num":
        return "number"
    if t == "pct":
        return "percent"
    if t.startswith("dur:"):
        return f"duration({unit_of(t)})"
    if t == "bool":
        return "boolean"
    if t.startswith("scale:"):
        return t[6:]
    return t


def cell_text(n):
    if n["k"] == "member":
        return n["v"]
    return show(n, True) if n["k"] != "lit" or n["v"] >= 0 else "-" + fmt_lit(-n["v"], n["t"])


def pattern_text(x):
    if x is True:
        return "true"
    if x is False:
        return "false"
    if isinstance(x, list):
        return "{" + ", ".join(pattern_text(y) for y in x) + "}"
    return x


# ------------------------------------------------------------------------------------ records
def policy_roots(p):
    """Every expression in the policy, as (key, node)."""
    for name in list(p["values"]):
        yield ("values", name), p["values"][name]
    for i, ind in enumerate(p["indicators"]):
        for c in ("applies", "actual", "target", "capaian", "cap"):
            if ind.get(c) is not None:
                yield ("ind", i, c), ind[c]
    for i, (_, cond) in enumerate(p["recommends"]):
        yield ("rec", i), cond


def set_root(p, key, node):
    if key[0] == "values":
        p["values"][key[1]] = node
    elif key[0] == "ind":
        p["indicators"][key[1]][key[2]] = node
    else:
        p["recommends"][key[1]] = (p["recommends"][key[1]][0], node)


def interesting_values(p):
    """Constants of the policy by dimension ("num", "pct", "dur"), as exact values in base units."""
    out = {"num": set(), "pct": set(), "dur": set()}
    nodes = [n for _, root in policy_roots(p) for n in walk(root)]
    for d in p["decls"].values():
        if d["kind"] == "bands":
            dim = d["param_t"].split(":")[0]
            for op, thr, _ in d["arms"]:
                if op == "..<":
                    out[dim].update(thr)
                elif op != "otherwise":
                    out[dim].add(thr)
    for n in nodes:
        if n["k"] == "lit":
            out[n["t"].split(":")[0]].add(n["v"])
    return out


class RecordGen:
    def __init__(self, rng, p):
        self.rng = rng
        self.p = p
        self.pool = interesting_values(p)

    def scalar(self, f, decl, t):
        r = self.rng
        if t == "bool":
            return r.random() < 0.5
        if t == "text":
            return r.choice(TEXTS + ["lainnya"])
        if t.startswith("scale:"):
            return r.choice(self.p["scales"][t[6:]])
        dim = t.split(":")[0]
        cands = []
        for v in self.pool[dim]:
            x = to_unit(v, t)
            if is_terminating(x, 8):
                cands.append(x)
                # just beside a threshold
                cands.append(x + F(1, 10 ** r.choice([2, 4, 9])))
                cands.append(x - F(1, 10 ** r.choice([2, 4, 9])))
        if decl.startswith("score("):
            lo, hi = f["range"]
            cands = [x for x in cands if lo <= x <= hi] + [lo, hi, (lo + hi) / 2]
            generic = lo + (hi - lo) * F(r.randint(0, 1000), 1000)
        elif decl in ("integer", "count"):
            cands = [F(round(x)) for x in cands]
            generic = F(r.choice([0, 0, 1, 2, 3, 5, 10, 100, r.randint(0, 10 ** 4)]))
            if decl == "integer" and r.random() < 0.2:
                generic = -generic
        else:
            src = AWKWARD_PCT if dim == "pct" else AWKWARD_DUR if dim == "dur" else AWKWARD
            generic = F(r.choice(src)) if r.random() < 0.6 else F(r.randint(0, 10 ** 6), 10 ** r.randint(0, 4))
            if r.random() < 0.03:
                generic = F(r.randint(10 ** 9, 10 ** 13))  # large
            if dim == "num" and r.random() < 0.1:
                generic = -generic
        if decl == "count":
            cands = [x for x in cands if x >= 0]
        if cands and r.random() < 0.45:
            return r.choice(cands)
        return generic

    def record(self, i):
        r = self.rng
        rec = {"nip": str(i)}
        for f in self.p["fields"]:
            if f["optional"] and r.random() < 0.3:
                if r.random() < 0.5:
                    rec[f["name"]] = None
                continue
            if f["t"].startswith("list:"):
                n = 0 if r.random() < 0.2 else r.randint(1, 7)
                rec[f["name"]] = [self.scalar(f, f["decl_elem"], f["t"][5:]) for _ in range(n)]
            else:
                rec[f["name"]] = self.scalar(f, f["decl"], f["t"])
        if r.random() < 0.03:
            self.break_record(rec)
        return rec

    def break_record(self, rec):
        r = self.rng
        f = r.choice(self.p["fields"])
        decl = f["decl"]
        if not f["optional"] and r.random() < 0.3:
            rec.pop(f["name"], None)
        elif decl.startswith("score("):
            rec[f["name"]] = f["range"][1] + F(1, 2)
        elif decl == "count":
            rec[f["name"]] = F(-1)
        elif decl == "integer":
            rec[f["name"]] = F(5, 2)
        elif decl in ("number", "percent") or decl.startswith("duration"):
            rec[f["name"]] = "12,5"
        elif decl == "boolean":
            rec[f["name"]] = 1


# ------------------------------------------------------------------------------------ running
class Runner:
    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        self.tmp = tempfile.mkdtemp(prefix="kinerja-diff-")
        self.policy = os.path.join(self.tmp, "diff.policy")
        self.data = os.path.join(self.tmp, "data.jsonl")

    def check(self, text):
        with open(self.policy, "w") as f:
            f.write(text)
        r = run([self.binary, "check", self.policy], cwd=self.tmp)
        return r.returncode == 0, r.stderr

    def eval(self, text, recs):
        with open(self.policy, "w") as f:
            f.write(text)
        with open(self.data, "w") as f:
            for rec in recs:
                f.write(dumps_record(rec) + "\n")
        r = run([self.binary, "eval", self.policy, "--data", self.data, "--format", "jsonl"], cwd=self.tmp)
        if r.returncode not in (0, 1):
            return None, r.stderr
        return [loads_exact(l) for l in r.stdout.splitlines() if l.strip()], r.stderr


# kinerja's numbers are exact up to 4096-bit numerators and denominators (docs/language.md); an R102 is accepted when
# the model's exact values come within 2^64 of that limit (kinerja's intermediates may be a little larger).
OVERFLOW_ZONE = 2 ** (4096 - 64)


def compare(model, kin):
    """None when kinerja's result agrees with the model, else a short description of the difference."""
    if "error" in kin:
        code = kin["error"].get("code")
        if "error" in model:
            return None
        if code == "R102" and model["big"] > OVERFLOW_ZONE:
            return None  # too large for kinerja's representation: a record error instead of a number is allowed
        return f"kinerja: error {code} {kin['error'].get('message', '')}; model: no error"
    if "error" in model:
        return f"kinerja: no error; model: error {model['error']} ({model['why']})"
    diffs = []
    for name, v in model["outputs"].items():
        if name not in kin:
            diffs.append(f"{name} missing from kinerja's result")
            continue
        k = kin[name]
        same = (k is None and v is None) or (isinstance(v, bool) and k is v) or \
               (isinstance(v, F) and isinstance(k, F) and k == v) or (isinstance(v, str) and k == v)
        if not same:
            diffs.append(f"{name}: kinerja {json_text(k)}, model {json_text(v)}")
    if kin.get("recommendations", []) != model["recommendations"]:
        diffs.append(f"recommendations: kinerja {kin.get('recommendations')}, model {model['recommendations']}")
    return "; ".join(diffs) or None


def json_text(v):
    if isinstance(v, F):
        return dec_str(v) if is_terminating(v) else str(v)
    return json.dumps(v)


def mismatch_for(runner, p, rec):
    """The difference for one record, or None; a policy that does not check is no reproducer."""
    text = policy_text(p)
    ok, _ = runner.check(text)
    if not ok:
        return None
    out, _ = runner.eval(text, [rec])
    if not out:
        return None
    return compare(Model(p).evaluate(rec), out[0])


def referenced_names(p):
    names = set()
    for _, root in policy_roots(p):
        for n in walk(root):
            if n["k"] in ("field", "val", "call"):
                names.add(n["name"])
            if n["t"].startswith("scale:"):
                names.add(n["t"][6:])
            if n["k"] == "member":
                names.add(n["scale"])
    for d in p["decls"].values():
        for t in [d["t"]] + d.get("params", []):
            if t.startswith("scale:"):
                names.add(t[6:])
    for f in p["fields"]:
        if f["t"].replace("list:", "").startswith("scale:"):
            names.add(f["t"].replace("list:", "")[6:])
    return names


def simple_constant(t):
    if is_numeric(t):
        return [lit(0, t), lit(1, t) if t == "num" else lit(F(1, 2) if t == "pct" else UNIT_SECONDS[unit_of(t)], t)]
    if t == "bool":
        return [N("bool", t, v=True), N("bool", t, v=False)]
    if t == "text":
        return [N("str", t, v="x")]
    return []


def node_paths(n, path=()):
    yield path, n
    for i, c in enumerate(n["a"]):
        yield from node_paths(c, path + (i,))


def replace_at(n, path, new):
    if not path:
        return new
    n = dict(n)
    n["a"] = list(n["a"])
    n["a"][path[0]] = replace_at(n["a"][path[0]], path[1:], new)
    return n


def size_of(p, rec):
    return len(policy_text(p)) + len(dumps_record(rec))


def shrink_case(runner, p, rec, budget=1500):
    """Greedy shrinking: the record first (fields, list items, numbers), then the policy (outputs,
    recommendations, indicators, values, sub-expressions, clauses, declarations, fields)."""
    calls = [0]

    def bad(pp, rr):
        calls[0] += 1
        if calls[0] > budget:
            return False
        return mismatch_for(runner, pp, rr) is not None

    def record_steps(rr):
        for key in list(rr):
            if key == "nip":
                continue
            yield {k: v for k, v in rr.items() if k != key}
            v = rr[key]
            if isinstance(v, list):
                for i in range(len(v)):
                    yield dict(rr, **{key: v[:i] + v[i + 1:]})
                for i, x in enumerate(v):
                    if isinstance(x, F):
                        for s in simpler_numbers(x):
                            yield dict(rr, **{key: v[:i] + [s] + v[i + 1:]})
            elif isinstance(v, F):
                for s in simpler_numbers(v):
                    yield dict(rr, **{key: s})

    def policy_steps(pp):
        if len(pp["outputs"]) > 1:
            for name in pp["outputs"]:
                q = copy.deepcopy(pp)
                q["outputs"].remove(name)
                del q["values"][name]
                yield q
        for i in range(len(pp["recommends"])):
            q = copy.deepcopy(pp)
            del q["recommends"][i]
            yield q
        for i in range(len(pp["indicators"])):
            q = copy.deepcopy(pp)
            del q["indicators"][i]
            yield q
        for name in list(pp["value_order"]):
            q = copy.deepcopy(pp)
            q["value_order"].remove(name)
            del q["values"][name]
            yield q
        for i, ind in enumerate(pp["indicators"]):
            for c in ("applies", "capaian", "cap", "better"):
                if ind.get(c) is not None:
                    q = copy.deepcopy(pp)
                    q["indicators"][i][c] = None
                    yield q
        for key, root in list(policy_roots(pp)):
            for path, n in list(node_paths(root)):
                cands = [c for _, c in node_paths(n) if c is not n and c["t"] == n["t"]
                         and not any(x["k"] in ("each", "actual", "target") for x in walk(c))]
                if n["k"] not in ("lit", "str", "bool", "member"):
                    cands += simple_constant(n["t"])
                for c in cands:
                    q = copy.deepcopy(pp)
                    set_root(q, key, replace_at(root, path, copy.deepcopy(c)))
                    yield q
        used = referenced_names(pp)
        for name in list(pp["decls"]):
            if name not in used:
                q = copy.deepcopy(pp)
                del q["decls"][name]
                yield q
        for f in list(pp["fields"]):
            if f["name"] not in used:
                q = copy.deepcopy(pp)
                q["fields"] = [g for g in q["fields"] if g is not f and g["name"] != f["name"]]
                yield q
        for s in list(pp["scales"]):
            if s not in used:
                q = copy.deepcopy(pp)
                del q["scales"][s]
                yield q

    changed = True
    while changed and calls[0] <= budget:
        changed = False
        for rr in record_steps(rec):
            if bad(p, rr):
                rec, changed = rr, True
                break
        if changed:
            continue
        for q in policy_steps(p):
            if size_of(q, rec) < size_of(p, rec) and bad(q, rec):
                p, changed = q, True
                break
    return p, rec


def report_case(runner, p, rec, label):
    text = policy_text(p)
    out, _ = runner.eval(text, [rec])
    model = Model(p).evaluate(rec)
    print(f"---- {label}: minimal reproducer")
    print(text.rstrip())
    print(f"---- record\n{dumps_record(rec)}")
    print(f"---- kinerja\n{json.dumps(out[0], default=json_text) if out else out}")
    shown = {k: v for k, v in model.items() if k != "big"}
    print(f"---- model\n{json.dumps(shown, default=json_text)}")
    print(f"---- difference\n{compare(model, out[0]) if out else 'no output'}", flush=True)


def cmd_policies(args):
    binary = os.path.abspath(args.binary or default_binary())
    runner = Runner(binary)
    cases = records = mismatches = check_failures = shrunk = 0
    seen = set()
    try:
        for case in range(args.cases):
            rng = random.Random(f"{args.seed}:{case}")
            p = Gen(rng, args.capind_aggregates, args.pct_div_pct, args.big).generate()
            text = policy_text(p)
            ok, err = runner.check(text)
            cases += 1
            if not ok:
                check_failures += 1
                if check_failures <= args.shrink:
                    print(f"== case {case}: generated policy does not pass `kinerja check`:\n{text}\n{err}")
                continue
            rg = RecordGen(rng, p)
            recs = [rg.record(i + 1) for i in range(args.records)]
            out, err = runner.eval(text, recs)
            if out is None or len(out) != len(recs):
                print(f"== case {case}: kinerja eval failed: {err[:500]}\n{text}")
                mismatches += 1
                continue
            records += len(recs)
            model = Model(p)
            for rec, kin in zip(recs, out):
                diff = compare(model.evaluate(rec), kin)
                if diff is None:
                    continue
                mismatches += 1
                sig = re.sub(r"o_\d+|[-\d./]+", "#", diff)[:80]
                if shrunk < args.shrink and sig not in seen:
                    seen.add(sig)
                    shrunk += 1
                    print(f"== case {case} (seed {args.seed}), record {rec['nip']}: {diff}", flush=True)
                    sp, sr = shrink_case(runner, p, rec)
                    report_case(runner, sp, sr, f"case {case}")
            if args.verbose and case % 50 == 0:
                print(f"... {case} cases, {records} records, {mismatches} mismatches", flush=True)
        print(f"{cases} cases, {records} records, {mismatches} mismatches"
              + (f", {check_failures} generated policies failed `kinerja check`" if check_failures else ""))
    finally:
        shutil.rmtree(runner.tmp, ignore_errors=True)
    return 1 if mismatches or check_failures else 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    w = sub.add_parser("workload", help="plaju-q: kinerja against ../shared/bench/ref.py --mode exact")
    w.add_argument("--seeds", type=int, default=20, help="number of generated data files (default 20)")
    w.add_argument("--count", type=int, default=20000, help="records per file (default 20000)")
    w.add_argument("--seed", type=int, default=1, help="base seed (file k uses gen.py --seed SEED*1000+k)")
    w.add_argument("--awkward", type=int, default=5000, help="extra records with awkward decimals (default 5000)")
    w.add_argument("--shrink", type=int, default=3, help="mismatches to shrink per file (default 3)")
    w.add_argument("--binary", help="the kinerja executable (default: the newer of the .build-diff and .build release builds)")
    q = sub.add_parser("policies", help="random policies and records against the model in this file")
    q.add_argument("--cases", type=int, default=500, help="number of generated policies (default 500)")
    q.add_argument("--records", type=int, default=8, help="records per policy (default 8)")
    q.add_argument("--seed", type=int, default=1)
    q.add_argument("--shrink", type=int, default=5, help="distinct mismatches to shrink and print (default 5)")
    q.add_argument("--binary", help="the kinerja executable (default: the newer of the .build-diff and .build release builds)")
    q.add_argument("--print", type=int, metavar="CASE", help="print the policy and records of one case and exit")
    q.add_argument("--capind-aggregates", action="store_true",
                   help="also generate count/mean/min/max(capaian of indicators) (documented; the checker rejects them)")
    q.add_argument("--pct-div-pct", action="store_true",
                   help="also generate percent / percent (documented as a percent; kinerja gives a number)")
    q.add_argument("--big", action="store_true",
                   help="12 to 24 indicators with unrelated targets (intermediate numbers beyond 64 bits)")
    q.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.mode == "workload":
        return cmd_workload(args)
    if args.print is not None:
        rng = random.Random(f"{args.seed}:{args.print}")
        p = Gen(rng, args.capind_aggregates, args.pct_div_pct, args.big).generate()
        print(policy_text(p))
        rg = RecordGen(rng, p)
        for i in range(args.records):
            print(dumps_record(rg.record(i + 1)))
        return 0
    return cmd_policies(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
