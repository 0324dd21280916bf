/// The help texts of the commands, in the shape OVERVIEW, USAGE, OPTIONS, EXAMPLES.
enum HelpText {
    static let overview = """
    OVERVIEW: kinerja checks and evaluates performance policies for civil servants (ASN).

    USAGE: kinerja <command> [options]

    COMMANDS:
      check [PATH...]              Check rules, policies and tests (default: Rules/ Policies/)
      eval POLICY --data FILE|-    Evaluate records (JSON, JSONL or CSV) against a policy
      explain POLICY --data FILE --key NIP
                                   Explain the result of one civil servant, step by step
      test [PATH...]               Run policy test files (*.test; default: Policies/)
      describe POLICY              Summarise a policy for publication (text or Markdown)
      serve                        Answer JSON-RPC requests on standard input, one per line
      fmt [--check] [PATH...]      Lay out files in the canonical way (default: Rules/ Policies/)

    OPTIONS:
      --help                       Show help for kinerja or a command
      --version                    Show the version

    EXIT CODES: 0 success, 1 errors found (policy, test or record errors), 2 usage error or
    unreadable file, 3 output closed.

    EXAMPLES:
      kinerja check --strict
      kinerja eval Policies/plaju.policy --data Policies/samples/plaju.jsonl
      kinerja explain Policies/plaju.policy --data Policies/samples/plaju.jsonl --key 198503122010011001

    """

    static let check = """
    OVERVIEW: Parse and check rules, policies and test files, printing every problem found.

    USAGE: kinerja check [PATH...] [--format text|json|github] [--strict] [--root DIR]

    OPTIONS:
      --format text|json|github    text (default): path:line:col, source line and caret;
                                   json: an array of diagnostics; github: workflow annotations
      --strict                     Treat warnings as errors
      --root DIR                   Folder holding Rules/ and Policies/ (default: .)
      --color auto|always|never    Colour in text output (default: auto, only on a terminal)

    EXAMPLES:
      kinerja check
      kinerja check Policies/plaju.policy --format json

    """

    static let eval = """
    OVERVIEW: Evaluate records against a policy. Every input record yields exactly one output line, in input
    order: its results, or an error naming its record number, line and field.

    USAGE: kinerja eval POLICY --data FILE|- [--input json|jsonl|csv] [--format jsonl|json|csv|table]
                        [--explain] [--summary] [--jobs N] [--root DIR]

    OPTIONS:
      --data FILE|-                The records; '-' reads standard input
      --input json|jsonl|csv       Input format (default: from the file extension; jsonl for '-')
      --format jsonl|json|csv|table
                                   Output format (default: jsonl; table: aligned columns for a terminal)
      --explain                    Add each record's explanation (key "explain"; jsonl and json only)
      --summary                    After the records, the distribution of predikat, overall and per unit
                                   (on standard error)
      --jobs N                     Evaluate on N threads (default: all cores)
      --max-depth N                Deepest nesting of arrays and objects in a record (default: 64)
      --max-record-bytes N         Longest record or line, in bytes (default: 16 MiB)
      --max-records N              Stop with an error after N records (default: no limit)
      --max-list-items N           Most items in one list field of a record (default: 100000)
      --max-steps N                Most list items the list functions visit per record (default: 10000000)
      --root DIR                   Folder holding Rules/ and Policies/ (default: the current folder if it
                                   has them, else the folder above the policy's)

    EXAMPLES:
      kinerja eval Policies/plaju.policy --data Policies/samples/plaju.jsonl
      kinerja eval Policies/plaju.policy --data Policies/samples/plaju.jsonl --format table --summary
      cat records.csv | kinerja eval Policies/pontianak.policy --data - --input csv

    """

    static let explain = """
    OVERVIEW: Explain one civil servant's result: indicators, values, bands, matrix cells, recommendations.

    USAGE: kinerja explain POLICY --data FILE|- --key KEY [--input json|jsonl|csv] [--root DIR]

    EXAMPLES:
      kinerja explain Policies/plaju.policy --data Policies/samples/plaju.jsonl --key 198503122010011001

    """

    static let fmt = """
    OVERVIEW: Rewrite rules, policy and test files in kinerja's one canonical layout. Comments are kept and
    formatting twice changes nothing. Files with syntax errors are left alone and their errors printed.

    USAGE: kinerja fmt [--check] [PATH...|-] [--root DIR]

    OPTIONS:
      --check                      Change nothing; list the files that would change and exit 1 if any
      -                            Format standard input to standard output

    EXAMPLES:
      kinerja fmt
      kinerja fmt --check Policies/
      kinerja fmt - < Policies/plaju.policy

    """

    static let test = """
    OVERVIEW: Run policy test files and print each failure with its expected and actual value.
    Ends with the line 'N passed, N failed'.

    USAGE: kinerja test [PATH...] [--root DIR]

    EXAMPLES:
      kinerja test
      kinerja test Policies/plaju.test

    """

    static let describe = """
    OVERVIEW: Summarise a policy for the civil servants it applies to: owner, version, period, sources, the
    record fields, every indicator (condition, measure, target, direction, cap, weight), the formulas of values
    and results, bands, matrices, decision tables and recommendations. Headings are in Indonesian.

    USAGE: kinerja describe POLICY [--format text|markdown] [--root DIR]

    OPTIONS:
      --format text|markdown       text (default) for a terminal; markdown for publishing
      --root DIR                   Folder holding Rules/ and Policies/ (default: .)

    EXAMPLES:
      kinerja describe Policies/plaju.policy
      kinerja describe Policies/kemuning.policy --format markdown > kemuning.md

    """

    static let serve = """
    OVERVIEW: Run as a service: read JSON-RPC 2.0 requests from standard input, one per line, and write one
    response line per request to standard output. Methods: eval, explain, describe, check, list, reload,
    version (see docs/protocol.md). Policies are named as in the root's Policies/ folder, checked and compiled
    once and kept until 'reload'. Ends with exit code 0 when standard input ends.

    USAGE: kinerja serve [--root DIR] [--max-request-bytes N] [--max-records N] [--max-depth N]
                         [--max-list-items N] [--max-steps N]

    OPTIONS:
      --root DIR                   Folder holding Rules/ and Policies/ (default: .)
      --max-request-bytes N        Longest request line accepted (default: 16777216, 16 MiB)
      --max-records N              Most records in one eval request (default: 100000)
      --max-depth N                Deepest nesting of arrays and objects in a record (default: 64)
      --max-list-items N           Most items in one list field of a record (default: 100000)
      --max-steps N                Most list items the list functions visit per record (default: 10000000)

    EXAMPLES:
      echo '{"jsonrpc":"2.0","id":1,"method":"list"}' | kinerja serve
      kinerja serve --root /srv/kinerja < requests.jsonl

    """
}
