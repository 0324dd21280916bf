#!/usr/bin/env python3
"""Micro-benchmark of `kinerja serve`: single-record `eval` requests over a pipe.

    python3 Benchmarks/serve.py [--binary .build/release/kinerja] [--sequential 5000] [--pipelined 50000]

Starts `kinerja serve --root <repo>` and measures
- sequential latency: one request written, its response read, then the next (after a warm-up): p50, p90, p99
  and max in microseconds, client time included;
- pipelined throughput: all requests written by one thread while another reads the responses: requests/s.
The same client against `cat` (which echoes each request line back) is the floor: what the pipe and the client
cost without any service. Every response is checked to be a result for its request. Targets: p99 <= 1 ms
sequential, >= 50,000 requests/s pipelined. Exits with 1 when a response is wrong (or, with --strict, when a
target is missed), 2 on a usage error. Python 3 standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_P99_US = 1000
TARGET_RATE = 50000


def sample_record(policy):
    with open(os.path.join(REPO, "Policies", "samples", f"{policy}.jsonl"), encoding="utf-8") as handle:
        return json.loads(handle.readline())


def request(number, policy, record):
    params = json.dumps({"policy": policy, "records": [record]}, separators=(",", ":"))
    return f'{{"jsonrpc":"2.0","id":{number},"method":"eval","params":{params}}}\n'.encode()


class Pipe:
    """A child process spoken to with raw reads and writes, one line each way."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.input = self.process.stdin.fileno()
        self.output = self.process.stdout.fileno()
        self.pending = b""

    def write(self, data):
        view = memoryview(data)
        while view:
            view = view[os.write(self.input, view):]

    def read_line(self):
        while b"\n" not in self.pending:
            chunk = os.read(self.output, 1 << 16)
            if not chunk:
                raise RuntimeError("the process ended its output")
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return line

    def cpu_seconds(self):
        """User and system CPU time of the child so far, from /proc (None where there is no /proc)."""
        try:
            with open(f"/proc/{self.process.pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self):
        self.process.stdin.close()
        self.process.stdout.read()
        return self.process.wait()


def percentile(sorted_values, fraction):
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def sequential(pipe, requests, check):
    """Latencies in microseconds of requests sent one at a time."""
    latencies = []
    for line in requests:
        start = time.perf_counter_ns()
        pipe.write(line)
        response = pipe.read_line()
        latencies.append((time.perf_counter_ns() - start) / 1000)
        check(line, response)
    return sorted(latencies)


def pipelined(pipe, requests, check):
    """Requests per second with all requests in flight. The reader only counts line breaks while the clock runs;
    every response is checked afterwards."""
    blob = b"".join(requests)
    failure = []

    def write():
        try:
            for offset in range(0, len(blob), 1 << 16):
                pipe.write(blob[offset:offset + (1 << 16)])
        except OSError as error:
            failure.append(error)

    writer = threading.Thread(target=write)
    chunks = [pipe.pending]
    count = pipe.pending.count(b"\n")
    start = time.perf_counter()
    writer.start()
    while count < len(requests):
        chunk = os.read(pipe.output, 1 << 20)
        if not chunk:
            raise RuntimeError(f"the process ended its output after {count} of {len(requests)} responses")
        chunks.append(chunk)
        count += chunk.count(b"\n")
    elapsed = time.perf_counter() - start
    writer.join()
    if failure:
        raise RuntimeError(f"writing failed: {failure[0]}")
    lines = b"".join(chunks).split(b"\n")
    pipe.pending = lines.pop()
    for line, response in zip(requests, lines):
        check(line, response)
    return len(requests) / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(REPO, ".build", "release", "kinerja"))
    parser.add_argument("--policy", default="plaju")
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--sequential", type=int, default=5000)
    parser.add_argument("--pipelined", type=int, default=50000)
    parser.add_argument("--strict", action="store_true", help="exit with 1 when a target is missed")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        print(f"serve.py: no executable at {args.binary} (build with 'swift build -c release --static-swift-stdlib' or pass --binary)",
              file=sys.stderr)
        return 2
    if args.sequential < 100 or args.pipelined < 1000:
        print("serve.py: --sequential must be at least 100 and --pipelined at least 1000", file=sys.stderr)
        return 2
    record = sample_record(args.policy)
    total = args.warmup + args.sequential + args.pipelined
    requests = [request(number, args.policy, record) for number in range(1, total + 1)]
    warmup = requests[:args.warmup]
    measured = requests[args.warmup:args.warmup + args.sequential]
    flood = requests[args.warmup + args.sequential:]

    rows = []
    for name, command, echo in [("kinerja serve", [args.binary, "serve", "--root", REPO], False),
                                ("cat (pipe floor)", ["cat"], True)]:
        expected = {}

        def check(line, response, echo=echo):
            if echo:
                ok = response + b"\n" == line
            else:
                number = line[len(b'{"jsonrpc":"2.0","id":'):line.index(b',"method"')]
                prefix = b'{"jsonrpc":"2.0","id":' + number + b',"result":'
                body = response[len(prefix):]
                ok = response.startswith(prefix) and expected.setdefault("body", body) == body
            if not ok:
                raise RuntimeError(f"{name}: unexpected response {response[:200]!r} to {line[:120]!r}")

        pipe = Pipe(command)
        try:
            sequential(pipe, warmup, check)
            latencies = sequential(pipe, measured, check)
            cpu_before = pipe.cpu_seconds()
            rate = pipelined(pipe, flood, check)
            cpu_after = pipe.cpu_seconds()
        finally:
            status = pipe.close()
        if status != 0:
            print(f"serve.py: {name} exited with {status}", file=sys.stderr)
            return 1
        cpu = (cpu_after - cpu_before) / len(flood) * 1e6 if cpu_before is not None and cpu_after is not None else None
        rows.append((name, [percentile(latencies, fraction) for fraction in (0.5, 0.9, 0.99)] + [latencies[-1]], rate, cpu))

    print(f"kinerja serve: single-record eval of {args.policy} ({len(requests[0])} bytes a request), "
          f"{args.sequential} sequential after {args.warmup} warm-up, {args.pipelined} pipelined")
    print(f"{'':18} {'p50 µs':>8} {'p90 µs':>8} {'p99 µs':>8} {'max µs':>8} {'pipelined req/s':>16} {'CPU µs/req':>11}")
    for name, values, rate, cpu in rows:
        print(f"{name:18} " + " ".join(f"{value:8.1f}" for value in values) + f" {rate:16,.0f}"
              + (f" {cpu:11.2f}" if cpu is not None else f" {'n/a':>11}"))
    print(f"{'target':18} {'':8} {'':8} {TARGET_P99_US:8} {'':8} {TARGET_RATE:16,}")
    print("(CPU µs/req: the child's own user+system time per pipelined request; the rest of the wall time is the")
    print(" client and whatever else shares the cores)")
    service = rows[0]
    met_latency = service[1][2] <= TARGET_P99_US
    met_rate = service[2] >= TARGET_RATE
    print(f"p99 {'meets' if met_latency else 'misses'} the target; throughput {'meets' if met_rate else 'misses'} the target")
    return 1 if args.strict and not (met_latency and met_rate) else 0


if __name__ == "__main__":
    sys.exit(main())
