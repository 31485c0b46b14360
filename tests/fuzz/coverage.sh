#!/usr/bin/env bash
# Shows that each regression input still reaches the code it was kept for: builds the targets with
# clang's source coverage (-fprofile-instr-generate -fcoverage-mapping), replays each regression
# through the target it was found with, and checks that the line it is about ran (llvm-cov).
#
#   tests/fuzz/coverage.sh        prints one line per regression; exits 1 when one misses its line
#
# Needs what run.sh needs (clang-14 with libFuzzer, .deps/, build/gen/), and llvm-cov and
# llvm-profdata (Debian: llvm-14, which clang-14 depends on). Builds into build/fuzz-cov/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
FUZZ_DIR=$ROOT/tests/fuzz
OUT=$ROOT/build/fuzz-cov
DEPS=$ROOT/.deps
CC=${FUZZ_CC:-clang-14}
command -v "$CC" >/dev/null 2>&1 || CC=clang
PROFDATA=$(command -v llvm-profdata-14 || command -v llvm-profdata)
COV=$(command -v llvm-cov-14 || command -v llvm-cov)

# regression file | target | source file | a snippet of the line it must reach
CASES=(
  "response-bad-unicode-escape.bin|fuzz_response|wasm/json.c|if (avail < 4 || (hi = pw_hex4(s)) < 0) return -1;"
  "response-bad-unicode-escape.bin|fuzz_response|wasm/response.c|pw_buf_puts(&r->name, \"DeserializationError\");"
  "response-control-whitespace.bin|fuzz_response|wasm/json.c|if (peek(r) != '\"' || (key = take_string(r)) == NULL) break;"
  "response-control-whitespace.bin|fuzz_response|wasm/response.c|pw_buf_puts(&r->name, \"DeserializationError\");"
  "response-leading-nul.bin|fuzz_response|wasm/json.c|if (parse(&r, text, len) != NULL && r.first == '{') return 1;"
  "response-lone-surrogate-escape-last-in-string.bin|fuzz_response|wasm/json.c|return -1; /* a lone surrogate is refused otherwise"
  "response-trailing-nul.bin|fuzz_response|wasm/json.c|if (v != NULL && r->at != len) {"
  "sigv4-content-sha256-with-nul-byte.bin|fuzz_sigv4|wasm/sigv4.c|memcpy(r->payload_hash, content_sha, content_sha_len);"
  "sigv4-empty-query-params.bin|fuzz_sigv4|wasm/sigv4_canonical.c|pw_buf_reserve(&encoded, len);"
)

CORE_SRC=() BEARSSL_SRC=()
eval "$(sed -n -E '/^(CORE_SRC|BEARSSL_SRC)=\(/,/\)/p' build.sh)"
SOURCES=("$DEPS/cjson/cJSON.c")
for s in "${BEARSSL_SRC[@]}"; do SOURCES+=("$DEPS/bearssl/$s"); done
for s in "${CORE_SRC[@]}"; do SOURCES+=("$ROOT/wasm/$s"); done
SOURCES+=("$FUZZ_DIR/fuzz_common.c" "$ROOT/tests/c/result.c")
node wasm/gen/gen_boundary.mjs
FLAGS=(-g -O0 -std=c11 -D_GNU_SOURCE -fprofile-instr-generate -fcoverage-mapping
  -I"$ROOT/wasm" -I"$ROOT/build/gen" -I"$DEPS/cjson" -I"$DEPS/bearssl/inc" -I"$DEPS/bearssl/src" -I"$FUZZ_DIR" -I"$ROOT/tests/c")
mkdir -p "$OUT"
status=0
declare -A built=()
for c in "${CASES[@]}"; do
  IFS='|' read -r input target file snippet <<<"$c"
  if [ -z "${built[$target]:-}" ]; then
    "$CC" "${FLAGS[@]}" -fsanitize=fuzzer "$FUZZ_DIR/$target.c" "${SOURCES[@]}" -o "$OUT/$target" -lm
    built[$target]=1
  fi
  rm -f "$OUT/$input.profraw"
  LLVM_PROFILE_FILE="$OUT/$input.profraw" "$OUT/$target" -runs=1 "$FUZZ_DIR/regressions/$input" >/dev/null 2>&1
  "$PROFDATA" merge -sparse "$OUT/$input.profraw" -o "$OUT/$input.profdata"
  line=$(grep -nF -- "$snippet" "$file" | head -n 1 | cut -d: -f1)
  [ -n "$line" ] || { echo "MISSING $file: no line holds: $snippet"; status=1; continue; }
  # llvm-cov show prints "  LINE|  COUNT|source"; the count of that line
  count=$("$COV" show "$OUT/$target" -instr-profile="$OUT/$input.profdata" "$ROOT/$file" \
    | awk -F'|' -v l="$line" '$1 + 0 == l && !done { gsub(/ /, "", $2); print $2; done = 1 }')
  if [ -n "$count" ] && [ "$count" != "0" ]; then
    printf 'ok    %-52s %-13s %s:%s runs %s times\n' "$input" "$target" "$file" "$line" "$count"
  else
    printf 'MISS  %-52s %-13s %s:%s (%s)\n' "$input" "$target" "$file" "$line" "${count:-no count}"
    status=1
  fi
done
exit $status
