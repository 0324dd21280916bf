#!/usr/bin/env python3
"""Soak test of `kinerja serve`: many mixed requests over one pipe, pipelined, with every response checked.

    python3 Fuzz/serve-soak.py [--binary .build/release/kinerja] [--requests 100000] [--seed 1]

Phase 1 drives `kinerja serve --root <repo>` with --requests lines: evals of single records and of small, large
and huge (MB) batches of the shipped sample records, explain, describe, check, list, version, reload, policies
sent as source, notifications, blank lines, and ~10% malformed or invalid lines (bad JSON, invalid UTF-8, wrong
types, unknown methods, parameters and policies, names with path characters, batches, deep nesting, lines above
and just below --max-request-bytes). A writer thread sends while a reader thread checks, in request order:

- exactly one response per request that gets one (any line with an id, and every line the service cannot read as
  a request), none for notifications and blank lines, with the expected id, outcome and error code;
- every response is one whole line of JSON; eval results have one entry per record; the same request always gets
  the same result;
- the process stays alive until standard input ends, then exits with 0;
- memory stays bounded: VmRSS/VmHWM of the server, sampled from /proc/PID/status, may not keep growing.

Phase 2 copies a policy into a temporary root, evaluates it, breaks it and reloads (diagnostics; evals still get
the last good version), fixes it differently and reloads (the new version is used), several times over.

Prints a summary and exits with 1 on any violation (2 on a usage error). Python 3 standard library only.
"""

import argparse
import collections
import json
import os
import random
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POLICIES = ["plaju", "pauh", "kemuning", "pontianak", "singkil"]
NO_RESPONSE = object()


def fail_usage(message):
    print(f"serve-soak: {message}", file=sys.stderr)
    sys.exit(2)


def read_samples():
    samples = {}
    for name in POLICIES:
        path = os.path.join(REPO, "Policies", "samples", f"{name}.jsonl")
        with open(path, encoding="utf-8") as handle:
            samples[name] = [json.loads(line) for line in handle if line.strip()]
    return samples


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Expectation:
    """What the response to one line must be. `id_text` is the id as the response must write it (JSON text)."""

    __slots__ = ("kind", "id_text", "code", "label", "records", "key", "sent_at")

    def __init__(self, kind, id_text, code=None, label="", records=None, key=None):
        self.kind = kind          # "result" or "error"
        self.id_text = id_text    # JSON text of the id, "null" for errors without id
        self.code = code          # the error code expected, or None
        self.label = label        # the kind of request, for the summary
        self.records = records    # for eval: the number of records sent
        self.key = key            # requests with this key must get the same result every time


class Generator:
    """Request lines with what their responses must be; deterministic for a given seed."""

    def __init__(self, rng, samples, limit, huge_count, over_count):
        self.rng = rng
        self.samples = samples
        self.limit = limit
        self.next_id = 0
        self.sources = {}
        for name in POLICIES:
            with open(os.path.join(REPO, "Policies", f"{name}.policy"), encoding="utf-8") as handle:
                self.sources[name] = handle.read()
        with open(os.path.join(REPO, "Rules", "nasional.rules"), encoding="utf-8") as handle:
            self.rules_source = handle.read()
        self.all_records = [(name, record) for name in POLICIES for record in samples[name]]
        self.huge_count = huge_count
        self.over_count = over_count
        self.edges = 0

    def new_id(self):
        self.next_id += 1
        number = self.next_id
        choice = number % 10
        if choice == 7:
            text = f"s-{number}"
            return compact(text), compact(text)
        if choice == 3:
            return f"{number}.0", f"{number}.0"  # the literal comes back as written
        return str(number), str(number)

    @staticmethod
    def request(id_literal, method, params=None):
        parts = ['{"jsonrpc":"2.0"']
        if id_literal is not None:
            parts.append(f',"id":{id_literal}')
        parts.append(f',"method":{compact(method)}')
        if params is not None:
            parts.append(f',"params":{compact(params)}')
        parts.append("}")
        return "".join(parts).encode()

    def call(self, method, params, kind="result", code=None, label=None, records=None, key=None):
        literal, id_text = self.new_id()
        line = self.request(literal, method, params)
        return line, Expectation(kind, id_text, code, label or method, records, key)

    def batch(self, name, count):
        pool = self.samples[name]
        start = self.rng.randrange(len(pool))
        return [pool[(start + index) % len(pool)] for index in range(count)]

    def eval_of(self, name, count, label):
        records = self.batch(name, count)
        key = ("eval", name, count, compact(records[0])) if count == 1 else None
        return self.call("eval", {"policy": name, "records": records}, records=count, label=label, key=key)

    def huge_eval(self):
        # A few MB: thousands of sample records of one policy, below --max-request-bytes.
        name = self.rng.choice(POLICIES)
        size = self.rng.randrange(1 << 20, max((1 << 20) + 1, min(6 << 20, self.limit - (64 << 10))))
        records = []
        length = 0
        pool = self.samples[name]
        index = self.rng.randrange(len(pool))
        while length < size:
            record = pool[index % len(pool)]
            records.append(record)
            length += len(compact(record)) + 1
            index += 1
        return self.call("eval", {"policy": name, "records": records}, records=len(records), label="eval huge")

    def valid(self):
        roll = self.rng.random()
        if roll < 0.42:
            return self.eval_of(self.rng.choice(POLICIES), 1, "eval single")
        if roll < 0.60:
            return self.eval_of(self.rng.choice(POLICIES), self.rng.randrange(2, 21), "eval small")
        if roll < 0.615:
            return self.eval_of(self.rng.choice(POLICIES), self.rng.randrange(200, 2001), "eval large")
        if roll < 0.66:
            name = self.rng.choice(POLICIES)
            record = self.rng.choice(self.samples[name])
            return self.call("eval", {"policy": name, "records": [record], "explain": True}, records=1,
                             label="eval explain", key=("eval-explain", name, compact(record)))
        if roll < 0.71:
            name = self.rng.choice(POLICIES)
            record = self.rng.choice(self.samples[name])
            return self.call("explain", {"policy": name, "record": record},
                             key=("explain", name, compact(record)))
        if roll < 0.75:
            name = self.rng.choice(POLICIES)
            fmt = self.rng.choice(["markdown", "text", None])
            params = {"policy": name} if fmt is None else {"policy": name, "format": fmt}
            return self.call("describe", params, key=("describe", name, fmt))
        if roll < 0.80:
            name = self.rng.choice(POLICIES)
            text = self.sources[name]
            if self.rng.random() < 0.3:  # a typo somewhere: still a successful check, with diagnostics
                text = text.replace("weight", "wieght", 1)
            if self.rng.random() < 0.1:
                text = self.rules_source
            return self.call("check", {"source": text, "path": f"Policies/{name}.policy"},
                             key=("check", compact(text)))
        if roll < 0.82:
            name = self.rng.choice(POLICIES)
            records = self.batch(name, self.rng.randrange(1, 6))
            return self.call("eval", {"source": self.sources[name], "path": f"Policies/{name}.policy",
                                      "records": records}, records=len(records), label="eval source")
        if roll < 0.85:
            return self.call("list", None, key=("list",))
        if roll < 0.88:
            return self.call("version", {} if self.rng.random() < 0.5 else None, key=("version",))
        if roll < 0.885:
            return self.call("reload", None)  # its result grows as policies are first used
        if roll < 0.90:
            # A mixed-policy eval where every record belongs to another policy: record errors, not request errors.
            records = [self.rng.choice(self.all_records)[1] for _ in range(self.rng.randrange(1, 8))]
            return self.call("eval", {"policy": "plaju", "records": records + [5, "x", None]},
                             records=len(records) + 3, label="eval mixed")
        if roll < 0.95:
            # Notifications: carried out, never answered.
            method = self.rng.choice(["version", "list", "reload", "eval", "nope"])
            params = {"policy": "plaju", "records": self.batch("plaju", 2)} if method == "eval" else None
            return self.request(None, method, params), NO_RESPONSE
        return self.rng.choice([b"", b"   ", b"\t"]), NO_RESPONSE

    def invalid(self):
        kind = self.rng.randrange(21)
        if kind == 0:  # truncated JSON
            line, _ = self.eval_of("plaju", 1, "")
            return line[: self.rng.randrange(1, len(line) - 1)], Expectation("error", "null", -32700, "bad json")
        if kind == 1:
            return self.rng.choice([b"{", b"}", b"nul", b"{\"a\":}", b"[1,]", b"\"unterminated", b"{\"jsonrpc\":\"2.0\",\"id\":1,}",
                                    b"\x00", b"{'single':1}", b"1e", b"{\"id\":1 \"method\":\"x\"}"]), \
                Expectation("error", "null", -32700, "bad json")
        if kind == 2:  # invalid UTF-8 inside a string
            literal, _ = self.new_id()
            junk = self.rng.choice([b"\xff", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xc0\xaf"])
            line = b'{"jsonrpc":"2.0","id":' + literal.encode() + b',"method":"eval","params":{"policy":"pl' + junk + b'aju"}}'
            return line, Expectation("error", "null", -32700, "invalid utf-8")
        if kind == 3:  # deep nesting, beyond the 64 levels allowed
            depth = self.rng.choice([65, 100, 1000, 100000])
            literal, _ = self.new_id()
            line = (b'{"jsonrpc":"2.0","id":' + literal.encode() + b',"method":"eval","params":{"policy":"plaju","records":'
                    + b"[" * depth + b"]" * depth + b"}}")
            return line, Expectation("error", "null", -32700, "deep nesting")
        if kind == 4:
            return self.call("evaluate", {}, "error", -32601, "unknown method")
        if kind == 5:
            name = self.rng.choice(["kotabaru", "tidak_ada", "Plaju", "nasional"])
            return self.call("eval", {"policy": name, "records": []}, "error", -32002, "unknown policy")
        if kind == 6:
            name = self.rng.choice(["../Rules/nasional", "/etc/passwd", "plaju.policy", "samples/x", "..", "",
                                    "a b", "pla\u00e7u", "plaju\u0000"])
            return self.call("eval", {"policy": name, "records": []}, "error", -32602, "policy not a name")
        if kind == 7:
            method = self.rng.choice(["eval", "explain", "describe"])
            return self.call(method, {}, "error", -32602, "missing params")
        if kind == 8:
            return self.call("check", {"path": "x.policy"}, "error", -32602, "missing params")
        if kind == 9:
            bad = self.rng.choice([{"policy": 5, "records": []}, {"policy": "plaju", "records": {}},
                                   {"policy": "plaju", "records": "x"}, {"policy": "plaju", "records": [], "explain": 1},
                                   {"policy": "plaju", "record": []}, {"source": 1}])
            method = "explain" if "record" in bad else "eval"
            return self.call(method, bad, "error", -32602, "wrong types")
        if kind == 10:
            return self.call("eval", {"policy": "plaju", "records": [], "extra": 1}, "error", -32602, "unknown param")
        if kind == 11:
            return self.call("eval", ["plaju", []], "error", -32602, "params by position")
        if kind == 12:
            return self.call("eval", {"policy": "plaju", "source": "policy x", "records": []}, "error", -32602,
                             "policy and source")
        if kind == 13:
            return self.call("describe", {"policy": "plaju", "format": "pdf"}, "error", -32602, "wrong types")
        if kind == 14:  # an id of the wrong type
            id_value = self.rng.choice(["{}", "[1]", "true", "false"])
            line = b'{"jsonrpc":"2.0","id":' + id_value.encode() + b',"method":"version"}'
            return line, Expectation("error", "null", -32600, "invalid request")
        if kind == 15:  # wrong jsonrpc, method or params types: the id comes back
            literal, id_text = self.new_id()
            line = self.rng.choice([
                '{{"jsonrpc":"1.0","id":{},"method":"version"}}', '{{"id":{},"method":"version"}}',
                '{{"jsonrpc":"2.0","id":{},"method":5}}', '{{"jsonrpc":"2.0","id":{}}}',
                '{{"jsonrpc":"2.0","id":{},"method":"version","params":"x"}}',
                '{{"jsonrpc":2.0,"id":{},"method":"version"}}']).format(literal).encode()
            return line, Expectation("error", id_text, -32600, "invalid request")
        if kind == 16:  # not an object, or a batch
            return self.rng.choice([b"[]", b"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"version\"}]", b"5", b"\"x\"",
                                    b"null", b"true"]), Expectation("error", "null", -32600, "invalid request")
        if kind == 17:  # a policy sent as source with errors
            return self.call("eval", {"source": "policy x\nrecord { nip text key }\noutput { a = b }", "records": []},
                             "error", -32001, "source with errors")
        if kind == 18:
            return self.call("eval", {"source": self.rules_source, "records": []}, "error", -32003, "rules as policy")
        if kind == 19:  # invalid escapes and control characters in strings
            return self.rng.choice([b'{"jsonrpc":"2.0","id":1,"method":"\\x"}', b'{"jsonrpc":"2.0","id":1,"method":"a\tb"}',
                                    b'{"jsonrpc":"2.0","id":1,"method":"\\ud800"}']), \
                Expectation("error", "null", -32700, "bad json")
        # A record that does not fit: record errors inside a successful eval.
        return self.call("eval", {"policy": "plaju", "records": [{"nip": 5}, {"nip": "1", "unit": "dinkes", "supervisor": "x"}]},
                         records=2, label="eval bad records")

    def edge(self, kind):
        """A line at the limit: a version request padded with spaces to exactly --max-request-bytes (answered),
        or a line longer than the limit by 1 byte up to the limit again (skipped without being held)."""
        if kind % 2 == 0:
            literal, id_text = self.new_id()
            head = b'{"jsonrpc":"2.0","id":' + literal.encode() + b',"method":"version"'
            return head + b" " * (self.limit - len(head) - 1) + b"}", Expectation("result", id_text, label="at the limit")
        size = self.limit + self.rng.choice([1, 2, 4096, 1 << 20, self.limit])
        head = b'{"jsonrpc":"2.0","id":1,"method":"check","params":{"source":"'
        return head + b"x" * (size - len(head) - 3) + b'"}}', Expectation("error", "null", -32004, "too long")

    def next(self, index, total):
        # Huge and over-long lines are spread evenly over the run, so memory is compared like with like.
        if self.huge_count and index % max(1, total // self.huge_count) == total // (2 * self.huge_count) // 2:
            return self.huge_eval()
        if self.over_count and index % max(1, total // self.over_count) == total // (2 * self.over_count):
            self.edges += 1
            return self.edge(self.edges)
        if self.rng.random() < 0.10:
            return self.invalid()
        return self.valid()


class Memory:
    """Samples VmRSS and VmHWM of a process from /proc."""

    def __init__(self, pid):
        self.pid = pid
        self.samples = []  # (time, rss_kib, hwm_kib, answered)
        self.stop = threading.Event()
        self.answered = 0
        self.cpu = 0.0

    def read(self):
        fields = {}
        try:
            with open(f"/proc/{self.pid}/status") as handle:
                for line in handle:
                    if line.startswith(("VmRSS:", "VmHWM:")):
                        key, value = line.split(":", 1)
                        fields[key] = int(value.split()[0])
        except OSError:
            return None
        if "VmRSS" not in fields:
            return None
        return fields["VmRSS"], fields.get("VmHWM", fields["VmRSS"])

    def sample(self):
        value = self.read()
        if value:
            self.samples.append((time.monotonic(), value[0], value[1], self.answered))
            self.cpu = self.cpu_seconds() or self.cpu
        return value

    def cpu_seconds(self):
        """User and system CPU time of the process so far."""
        try:
            with open(f"/proc/{self.pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def run(self, interval):
        while not self.stop.wait(interval):
            self.sample()


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


class Soak:
    def __init__(self, args):
        self.args = args
        self.violations = []
        self.lock = threading.Lock()

    def violation(self, message):
        with self.lock:
            if len(self.violations) < 50:
                print(f"VIOLATION: {message}", file=sys.stderr)
            self.violations.append(message)

    def start(self, root):
        return subprocess.Popen([self.args.binary, "serve", "--root", root, "--max-request-bytes", str(self.args.max_request_bytes)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    # Phase 1 ---------------------------------------------------------------------------------------------------

    def phase1(self):
        args = self.args
        rng = random.Random(args.seed)
        generator = Generator(rng, read_samples(), args.max_request_bytes, args.huge, args.over)
        process = self.start(REPO)
        memory = Memory(process.pid)
        pending = collections.deque()
        stats = collections.Counter()       # requests sent by kind
        answered = collections.Counter()    # responses by kind
        error_codes = collections.Counter()
        outcome_counts = collections.Counter()
        known_results = {}
        totals = {"sent": 0, "no_response": 0, "bytes_out": 0, "bytes_in": 0, "responses": 0, "records": 0}
        writer_done = threading.Event()
        stderr_chunks = []

        def drain_stderr():
            for chunk in iter(lambda: process.stderr.read1(65536), b""):
                stderr_chunks.append(chunk)

        def write():
            try:
                for index in range(args.requests):
                    line, expectation = generator.next(index, args.requests)
                    ending = b"\r\n" if rng.random() < 0.02 else b"\n"
                    if expectation is NO_RESPONSE:
                        totals["no_response"] += 1
                        stats["(no response)"] += 1
                    else:
                        stats[expectation.label] += 1
                        pending.append(expectation)
                    totals["sent"] += 1
                    totals["bytes_out"] += len(line) + len(ending)
                    process.stdin.write(line + ending)
                process.stdin.close()
            except BrokenPipeError:
                self.violation(f"the service closed its input after {totals['sent']} requests")
            finally:
                writer_done.set()

        def check(raw):
            totals["responses"] += 1
            memory.answered = totals["responses"]
            if not pending:
                self.violation(f"response without a request: {raw[:200]!r}")
                return
            expectation = pending.popleft()
            try:
                text = raw.decode("utf-8")
                response = json.loads(text)
            except (UnicodeDecodeError, ValueError) as error:
                self.violation(f"response is not one line of JSON ({error}): {raw[:200]!r}")
                return
            if not isinstance(response, dict) or response.get("jsonrpc") != "2.0" or "id" not in response:
                self.violation(f"not a JSON-RPC response: {raw[:200]!r}")
                return
            prefix = '{"jsonrpc":"2.0","id":' + expectation.id_text + ","
            if not text.startswith(prefix):
                self.violation(f"expected id {expectation.id_text} ({expectation.label}), got: {text[:200]}")
                return
            answered[expectation.label] += 1
            if "error" in response:
                code = response["error"].get("code")
                error_codes[code] += 1
                outcome_counts["error"] += 1
                if expectation.kind != "error" or (expectation.code is not None and code != expectation.code):
                    self.violation(f"{expectation.label} id {expectation.id_text}: expected {expectation.kind} "
                                   f"{expectation.code or ''}, got error {text[:300]}")
                return
            outcome_counts["result"] += 1
            result = response.get("result")
            if expectation.kind != "result":
                self.violation(f"{expectation.label} id {expectation.id_text}: expected error {expectation.code}, got {text[:300]}")
                return
            if expectation.records is not None:
                results = result.get("results") if isinstance(result, dict) else None
                if not isinstance(results, list) or len(results) != expectation.records:
                    self.violation(f"{expectation.label} id {expectation.id_text}: {expectation.records} records, "
                                   f"{len(results) if isinstance(results, list) else 'no'} results")
                    return
                totals["records"] += len(results)
                errors = sum(1 for entry in results if isinstance(entry, dict) and "error" in entry)
                if result.get("errors") != errors:
                    self.violation(f"{expectation.label} id {expectation.id_text}: 'errors' is {result.get('errors')}, counted {errors}")
            if expectation.key is not None:
                body = text[len(prefix):]
                previous = known_results.setdefault(expectation.key, body)
                if previous != body:
                    self.violation(f"{expectation.label} id {expectation.id_text}: same request, other result")

        def read():
            buffer = b""
            stream = process.stdout
            while True:
                chunk = stream.read1(1 << 20)
                if not chunk:
                    break
                totals["bytes_in"] += len(chunk)
                buffer += chunk
                if b"\n" not in chunk:
                    continue
                *lines, buffer = buffer.split(b"\n")
                for raw in lines:
                    check(raw)
                    if totals["responses"] == args.requests // 2 and not middle:
                        middle.append(memory.sample())
            if buffer:
                self.violation(f"output ends inside a line: {buffer[:200]!r}")

        middle = []
        started = time.monotonic()
        time.sleep(0.05)
        start_sample = memory.sample()
        sampler = threading.Thread(target=memory.run, args=(0.1,), daemon=True)
        threads = [threading.Thread(target=write), threading.Thread(target=read), threading.Thread(target=drain_stderr)]
        sampler.start()
        for thread in threads:
            thread.start()
        # Watch the process while the writer runs: it must never die before its input ends.
        while not writer_done.wait(0.2):
            if process.poll() is not None:
                self.violation(f"the service ended with status {process.returncode} while requests were being sent")
                break
        end_sample = memory.sample()
        for thread in threads:
            thread.join(timeout=args.timeout)
            if thread.is_alive():
                self.violation("the service did not answer everything before the timeout")
                process.kill()
                thread.join()
        status = process.wait()
        wall = time.monotonic() - started
        memory.stop.set()
        if status != 0:
            self.violation(f"exit status {status}, expected 0")
        if pending:
            self.violation(f"{len(pending)} requests got no response (first: {pending[0].label} id {pending[0].id_text})")
        complaints = b"".join(stderr_chunks)
        if complaints:
            self.violation(f"the service wrote to standard error: {complaints[:300]!r}")

        expected = totals["sent"] - totals["no_response"]
        print(f"phase 1: kinerja serve --root {REPO} --max-request-bytes {args.max_request_bytes}")
        print(f"  requests sent       {totals['sent']} ({mib(totals['bytes_out'] / 1024)}), "
              f"{totals['no_response']} without response (notifications, blank lines)")
        print(f"  responses received  {totals['responses']} of {expected} expected ({mib(totals['bytes_in'] / 1024)}), "
              f"{outcome_counts['result']} results, {outcome_counts['error']} errors; {totals['records']} records evaluated")
        print(f"  wall time           {wall:.1f} s ({totals['sent'] / wall:.0f} requests/s); "
              f"server CPU {memory.cpu:.1f} s (last sample)")
        print("  requests by kind (sent / answered):")
        for label, count in sorted(stats.items(), key=lambda item: -item[1]):
            print(f"    {label:20} {count:7} {answered.get(label, '-') if label != '(no response)' else '':>7}")
        print("  errors by code:")
        for code, count in sorted(error_codes.items()):
            print(f"    {code:8} {count:7}")
        self.report_memory(memory, start_sample, middle[0] if middle else None, end_sample)

    def report_memory(self, memory, start, middle, end):
        samples = memory.samples
        if not samples:
            self.violation("no memory samples (is /proc mounted?)")
            return
        peak_rss = max(sample[1] for sample in samples)
        peak_hwm = max(sample[2] for sample in samples)

        def show(sample):
            return f"RSS {mib(sample[0])}, HWM {mib(sample[1])}" if sample else "n/a"

        print(f"  memory: start {show(start)}; middle {show(middle)}; end {show(end)}")
        print(f"          peak VmRSS {mib(peak_rss)}, VmHWM {mib(peak_hwm)}, {len(samples)} samples")
        total = max(sample[3] for sample in samples) or 1
        deciles = []
        for tenth in range(10):
            inside = [sample[1] for sample in samples if total * tenth / 10 <= sample[3] < total * (tenth + 1) / 10]
            deciles.append(f"{max(inside) / 1024:.0f}" if inside else "-")
        print(f"          highest RSS in each tenth of the responses (MiB): {' '.join(deciles)}")
        # Bounded: the RSS in the last quarter of the run may not exceed what the second quarter reached by much
        # (huge requests raise it for a moment, a leak raises it for good).
        second = [sample[1] for sample in samples if total * 0.25 <= sample[3] < total * 0.5]
        last = [sample[1] for sample in samples if sample[3] >= total * 0.75]
        if second and last:
            allowed = max(second) * 1.25 + 32 * 1024
            if min(last) > allowed:
                self.violation(f"memory grows: RSS at least {mib(min(last))} in the last quarter, "
                               f"at most {mib(max(second))} in the second")
        if peak_hwm > self.args.max_rss_mib * 1024:
            self.violation(f"peak memory {mib(peak_hwm)} above --max-rss-mib {self.args.max_rss_mib}")

    # Phase 2 ---------------------------------------------------------------------------------------------------

    def phase2(self):
        root = tempfile.mkdtemp(prefix="kinerja-soak-")
        try:
            self.reload_cycles(root)
        finally:
            shutil.rmtree(root, ignore_errors=True)

    def reload_cycles(self, root):
        os.makedirs(os.path.join(root, "Rules"))
        os.makedirs(os.path.join(root, "Policies"))
        shutil.copy(os.path.join(REPO, "Rules", "nasional.rules"), os.path.join(root, "Rules"))
        path = os.path.join(root, "Policies", "plaju.policy")
        with open(os.path.join(REPO, "Policies", "plaju.policy"), encoding="utf-8") as handle:
            good = handle.read()
        if "target  90%" not in good:
            self.violation("phase 2: Policies/plaju.policy no longer has 'target  90%' to change")
            return
        broken = good.replace("target  90%", "target  sembilan_puluh")
        records = read_samples()["plaju"]
        process = self.start(root)
        counter = [0]
        pending = [b""]

        def read_line():
            while b"\n" not in pending[0]:
                ready, _, _ = select.select([process.stdout], [], [], self.args.timeout)
                chunk = process.stdout.read1(1 << 20) if ready else b""
                if not chunk:
                    raise RuntimeError("no response" if not ready else "the service ended its output")
                pending[0] += chunk
            line, _, pending[0] = pending[0].partition(b"\n")
            return line

        def call(method, params=None):
            counter[0] += 1
            process.stdin.write(Generator.request(str(counter[0]), method, params) + b"\n")
            process.stdin.flush()
            line = read_line()
            try:
                response = json.loads(line)
            except ValueError:
                self.violation(f"phase 2: {method}: not JSON: {line[:200]!r}")
                return {}
            if response.get("id") != counter[0]:
                self.violation(f"phase 2: {method}: id {response.get('id')}, expected {counter[0]}")
            return response

        def write(text):
            with open(path + ".tmp", "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(path + ".tmp", path)

        def run_cycles():
            checks = 0
            write(good)
            expected = call("eval", {"policy": "plaju", "records": records}).get("result")
            if not expected or len(expected.get("results", [])) != len(records):
                self.violation("phase 2: the copied policy does not evaluate")
                return
            for cycle in range(self.args.reload_cycles):
                write(broken)
                response = call("reload")
                failed = response.get("result", {}).get("failed", [])
                if (response.get("result", {}).get("reloaded") != [] or len(failed) != 1 or failed[0].get("policy") != "plaju"
                        or failed[0]["error"].get("code") != -32001 or not failed[0]["error"].get("data", {}).get("diagnostics")
                        or failed[0]["error"]["data"]["diagnostics"][0].get("message") != "unknown name 'sembilan_puluh'"):
                    self.violation(f"phase 2: reload of a broken policy: {compact(response)[:400]}")
                after = call("eval", {"policy": "plaju", "records": records}).get("result")
                if after != expected:
                    self.violation("phase 2: after a failed reload, eval does not use the last good version")
                # Fix it differently each time: another target, so the results change.
                current = good.replace("target  90%", f"target  {60 + cycle % 30}%")
                write(current)
                response = call("reload")
                if response.get("result") != {"reloaded": ["plaju"], "failed": []}:
                    self.violation(f"phase 2: reload of a fixed policy: {compact(response)[:400]}")
                new = call("eval", {"policy": "plaju", "records": records}).get("result")
                direct = call("eval", {"source": current, "path": "Policies/plaju.policy", "records": records}).get("result")
                if new != direct:
                    self.violation("phase 2: after reload, eval differs from the new text evaluated directly")
                if cycle == 0 and new == expected:
                    self.violation("phase 2: the changed target changed no result (pick another change)")
                expected = new
                checks += 1
            process.stdin.close()
            status = process.wait(timeout=60)
            if status != 0:
                self.violation(f"phase 2: exit status {status}")
            print(f"phase 2: reload in a temporary root: {checks} break/fix cycles of {len(records)} records, "
                  f"{counter[0]} requests, exit {status}")


        try:
            run_cycles()
        except (RuntimeError, OSError) as error:
            self.violation(f"phase 2: {error}")
            process.kill()
            process.wait()

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(REPO, ".build", "release", "kinerja"))
    parser.add_argument("--requests", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-request-bytes", type=int, default=8 << 20)
    parser.add_argument("--huge", type=int, default=12, help="requests of 1-6 MB (default 12)")
    parser.add_argument("--over", type=int, default=8, help="lines above --max-request-bytes (default 8)")
    parser.add_argument("--max-rss-mib", type=int, default=1024, help="fail when the peak VmHWM exceeds this")
    parser.add_argument("--reload-cycles", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        fail_usage(f"no executable at {args.binary} (build with 'swift build -c release' or pass --binary)")
    if args.max_request_bytes < (2 << 20):
        fail_usage("--max-request-bytes must be at least 2 MiB (huge requests are 1 MiB and more)")
    soak = Soak(args)
    started = time.monotonic()
    soak.phase1()
    soak.phase2()
    print(f"total wall time {time.monotonic() - started:.1f} s; "
          f"{len(soak.violations)} violation{'s' if len(soak.violations) != 1 else ''}")
    sys.exit(1 if soak.violations else 0)


if __name__ == "__main__":
    main()
