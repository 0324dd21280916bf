#!/usr/bin/env bash
# Builds the libFuzzer targets into .build-fuzz/<target>, outside SwiftPM.
#
#   Fuzz/build.sh [TARGET...]      (default: every file in Fuzz/Targets)
#
# The library is compiled once, with coverage instrumentation and AddressSanitizer, as the module KinerjaCore
# with -enable-testing (so the targets reach internal API with @testable import); each target is then its entry
# file plus Fuzz/Support, linked against it. One compiler process at a time, on one thread.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}
OUT=.build-fuzz
FLAGS=(-O -g -sanitize=fuzzer,address -swift-version 6 -enable-upcoming-feature ExistentialAny -parse-as-library)
# lld links quietly (gold warns about every AddressSanitizer helper symbol).
if [ -x "$(dirname "$SWIFTC")/ld.lld" ]; then FLAGS+=(-use-ld=lld); fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for file in Fuzz/Targets/*.swift; do targets+=("$(basename "$file" .swift)"); done
fi

mkdir -p "$OUT/core"
mapfile -t sources < <(find Sources/KinerjaCore -name '*.swift' | sort)
object="$OUT/core/KinerjaCore.o"
# Rebuild the library when any source's name or content changed (mtimes can go back when files are copied in).
checksum=$( (printf '%s\n' "${sources[@]}"; cat "${sources[@]}") | cksum)
if [ ! -f "$object" ] || [ "$(cat "$OUT/core/sources.cksum" 2>/dev/null)" != "$checksum" ]; then
    echo "building KinerjaCore (${#sources[@]} files)" >&2
    rm -f "$OUT/core/sources.cksum"
    "$SWIFTC" "${FLAGS[@]}" -wmo -num-threads 0 -enable-testing -module-name KinerjaCore \
        -emit-module -emit-module-path "$OUT/core/KinerjaCore.swiftmodule" \
        -c -o "$object" "${sources[@]}"
    echo "$checksum" >"$OUT/core/sources.cksum"
fi

for target in "${targets[@]}"; do
    entry="Fuzz/Targets/$target.swift"
    [ -f "$entry" ] || { echo "no such target: $target" >&2; exit 2; }
    echo "building $OUT/$target" >&2
    # From inside $OUT: the module files that -g makes of several sources land in the current folder.
    (cd "$OUT" && "$SWIFTC" "${FLAGS[@]}" -wmo -num-threads 0 -module-name "KinerjaFuzz_$target" -I core \
        "$PWD/../$entry" "$PWD"/../Fuzz/Support/*.swift core/KinerjaCore.o -o "$target")
done
