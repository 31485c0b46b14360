#!/usr/bin/env bash
# Builds the libFuzzer targets (ASan + UBSan), replays tests/fuzz/regressions/* through each,
# then fuzzes each for SECONDS (default 10) on a temporary copy of its seed corpus.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET]     0 = build and replay only
#   FUZZ_TARGETS="fuzz_sigv4 fuzz_payload"     only these targets
#   FUZZ_GROW_CORPUS=1                         merge new interesting inputs (<= 4 KB) back into
#                                              tests/fuzz/corpus/<target>/
#   FUZZ_JOBS=N                                parallel compile jobs (default: nproc)
#
# Needs clang with the libFuzzer runtime (Debian: clang-14 and libclang-rt-14-dev), the third-
# party sources in .deps/ and build/gen/unicode_tables.h (./build.sh native makes both), and node
# for build/gen/model_tables.h and build/gen/boundary.h (made here from wasm/model.json and
# wasm/boundary.json). Exits
# non-zero on any crash, leak, timeout or broken invariant; the input that did it is in
# build/fuzz/artifacts/, and its path is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
FUZZ_DIR=$ROOT/tests/fuzz
OUT=$ROOT/build/fuzz
DEPS=$ROOT/.deps
SECS=${1:-10}
ALL_TARGETS=(fuzz_validate fuzz_response fuzz_sigv4 fuzz_payload fuzz_endpoint)
read -r -a TARGETS <<<"${FUZZ_TARGETS:-${ALL_TARGETS[*]}}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'tests/fuzz/run.sh: %s\n' "$*" >&2; exit 2; }

[[ $SECS =~ ^[0-9]+$ ]] || die "SECONDS_PER_TARGET must be a whole number, not '$SECS'"

# ---- toolchain and inputs ----------------------------------------------------------------------
CC=${FUZZ_CC:-}
if [ -z "$CC" ]; then
  for c in clang-14 clang; do command -v "$c" >/dev/null 2>&1 && { CC=$c; break; }; done
fi
[ -n "$CC" ] || die "no clang found (Debian: apt-get install clang-14 libclang-rt-14-dev)"
ls "$("$CC" -print-resource-dir)"/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 \
  || die "$CC has no libFuzzer runtime (Debian: apt-get install libclang-rt-14-dev)"
[ -f "$DEPS/cjson/cJSON.c" ] && [ -f "$DEPS/bearssl/src/hash/sha2small.c" ] \
  || die "third-party sources missing in .deps/ (run ./build.sh deps)"
if [ ! -f "$ROOT/build/gen/unicode_tables.h" ]; then
  command -v node >/dev/null 2>&1 && [ -f /usr/share/unicode/UnicodeData.txt ] \
    || die "build/gen/unicode_tables.h missing (run ./build.sh native)"
  mkdir -p "$ROOT/build/gen"
  node wasm/gen/gen_unicode_tables.mjs /usr/share/unicode/UnicodeData.txt >"$ROOT/build/gen/unicode_tables.h.tmp"
  mv "$ROOT/build/gen/unicode_tables.h.tmp" "$ROOT/build/gen/unicode_tables.h"
fi
# The model's C tables, regenerated each run (cheap; the stamp below sees any change).
command -v node >/dev/null 2>&1 || die "node is needed to generate build/gen/model_tables.h"
mkdir -p "$ROOT/build/gen"
node wasm/gen/gen_model.mjs >"$ROOT/build/gen/model_tables.h.tmp.$$" || die "wasm/gen/gen_model.mjs failed"
if cmp -s "$ROOT/build/gen/model_tables.h.tmp.$$" "$ROOT/build/gen/model_tables.h"; then
  rm -f "$ROOT/build/gen/model_tables.h.tmp.$$"
else
  mv -f "$ROOT/build/gen/model_tables.h.tmp.$$" "$ROOT/build/gen/model_tables.h"
fi
# The boundary's constants (build/gen/boundary.h), rewritten only when stale.
node wasm/gen/gen_boundary.mjs || die "wasm/gen/gen_boundary.mjs failed"

# The same sources as build.sh's native build: its CORE_SRC and BEARSSL_SRC lists.
CORE_SRC=() BEARSSL_SRC=()
eval "$(sed -n -E '/^(CORE_SRC|BEARSSL_SRC)=\(/,/\)/p' build.sh || true)" # each may span lines
if [ ${#CORE_SRC[@]} -eq 0 ] || [ ${#BEARSSL_SRC[@]} -eq 0 ]; then
  die "could not read CORE_SRC and BEARSSL_SRC from build.sh"
fi
SOURCES=("$DEPS/cjson/cJSON.c")
for s in "${BEARSSL_SRC[@]}"; do SOURCES+=("$DEPS/bearssl/$s"); done
for s in "${CORE_SRC[@]}"; do SOURCES+=("$ROOT/wasm/$s"); done
# fuzz_common.c, and the C tests' reader of results (tests/c/result.c), which both share.
SOURCES+=("$FUZZ_DIR/fuzz_common.c" "$ROOT/tests/c/result.c")
INCLUDES=(-I"$ROOT/wasm" -I"$ROOT/build/gen" -I"$DEPS/cjson" -I"$DEPS/bearssl/inc" -I"$DEPS/bearssl/src"
  -I"$FUZZ_DIR" -I"$ROOT/tests/c")
SAN=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
CFLAGS=(-g -O1 -std=c11 -D_GNU_SOURCE "${SAN[@]}" "${INCLUDES[@]}")

# ---- build -------------------------------------------------------------------------------------
# Objects once (instrumented for coverage with fuzzer-no-link), rebuilt when any source, header
# or flag changed; then one link per target.
mkdir -p "$OUT/obj" "$OUT/artifacts"
# Several people may run this in one checkout (./build.sh test runs it): one builds at a time, and
# binaries and logs are replaced by rename, never rewritten under a running fuzzer.
exec 9>"$OUT/.lock"
flock 9
stamp=$( { printf '%s\n' "$CC" "${CFLAGS[@]}"; "$CC" --version; cat "${SOURCES[@]}" wasm/*.h "$FUZZ_DIR"/*.h \
  "$ROOT/build/gen/unicode_tables.h" "$ROOT/build/gen/model_tables.h" "$ROOT/build/gen/boundary.h" "$FUZZ_DIR/run.sh"; } | sha256sum | cut -c1-16)
if [ "$(cat "$OUT/obj/.stamp" 2>/dev/null || true)" != "$stamp" ]; then
  log "compiling $((${#SOURCES[@]})) sources with $CC (ASan + UBSan + libFuzzer coverage)"
  rm -f "$OUT"/obj/*.o
  jobs_max=${FUZZ_JOBS:-$(nproc)} pids=()
  for src in "${SOURCES[@]}"; do
    obj=${src#"$ROOT"/}
    obj=$OUT/obj/${obj//[\/.]/_}.o
    cov=(-fsanitize=fuzzer-no-link)
    # The checkers' own branches are no coverage worth steering by.
    [ "$src" = "$FUZZ_DIR/fuzz_common.c" ] || [ "$src" = "$ROOT/tests/c/result.c" ] && cov=()
    "$CC" "${CFLAGS[@]}" "${cov[@]}" -c "$src" -o "$obj" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$jobs_max" ]; then wait "${pids[0]}" || die "compiling failed"; pids=("${pids[@]:1}"); fi
  done
  for pid in "${pids[@]}"; do wait "$pid" || die "compiling failed"; done
  echo "$stamp" >"$OUT/obj/.stamp"
fi
for t in "${TARGETS[@]}"; do
  [ -f "$FUZZ_DIR/$t.c" ] || die "no target $t (tests/fuzz/$t.c)"
  if [ ! -x "$OUT/$t" ] || [ "$FUZZ_DIR/$t.c" -nt "$OUT/$t" ] || [ "$OUT/obj/.stamp" -nt "$OUT/$t" ]; then
    log "linking build/fuzz/$t"
    "$CC" "${CFLAGS[@]}" -fsanitize=fuzzer "$FUZZ_DIR/$t.c" "$OUT"/obj/*.o -o "$OUT/$t.tmp.$$" -lm
    mv -f "$OUT/$t.tmp.$$" "$OUT/$t"
  fi
done
flock -u 9

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# ---- replay the regressions --------------------------------------------------------------------
status=0
shopt -s nullglob
regressions=("$FUZZ_DIR"/regressions/*)
if [ ${#regressions[@]} -gt 0 ]; then
  for t in "${TARGETS[@]}"; do
    log "replaying ${#regressions[@]} regression inputs through $t"
    replay_log=$OUT/$t.replay.log
    rc=0
    "$OUT/$t" -runs=1 "${regressions[@]}" >"$replay_log.$$" 2>&1 || rc=$?
    mv -f "$replay_log.$$" "$replay_log"
    if [ "$rc" -ne 0 ]; then
      tail -n 40 "$replay_log" >&2
      printf 'FAIL: %s on a regression input (log: build/fuzz/%s.replay.log)\n' "$t" "$t" >&2
      status=1
    fi
  done
fi

# ---- fuzz ----------------------------------------------------------------------------------------
summary=()
work=
trap 'if [ -n "$work" ]; then rm -rf "$work" "$work.small"; fi; rm -f "$OUT"/*.$$' EXIT
if [ "$SECS" -gt 0 ]; then
  for t in "${TARGETS[@]}"; do
    work=$(mktemp -d "${TMPDIR:-/tmp}/pw-fuzz-$t.XXXXXX")
    corpus=$FUZZ_DIR/corpus/$t
    [ -d "$corpus" ] && cp -- "$corpus"/* "$work"/ 2>/dev/null || true
    # The dictionary: tests/fuzz/TARGET.dict's syntax entries, and the model's members, enum values,
    # pattern literals and limits (wasm/gen/gen_artifacts.mjs), so that it follows wasm/model.json.
    dict=()
    if [ -f "$FUZZ_DIR/$t.dict" ]; then
      { cat "$FUZZ_DIR/$t.dict"; node "$ROOT/wasm/gen/gen_artifacts.mjs" --fuzz-dict "$t"; } >"$OUT/$t.dict.$$"
      mv -f "$OUT/$t.dict.$$" "$OUT/$t.dict"
      dict=(-dict="$OUT/$t.dict")
    fi
    log "fuzzing $t for ${SECS}s ($(ls "$work" | wc -l) seeds)"
    log_file=$OUT/$t.log
    rc=0
    "$OUT/$t" "${dict[@]}" -max_total_time="$SECS" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t-" "$work" >"$log_file.$$" 2>&1 || rc=$?
    mv -f "$log_file.$$" "$log_file"
    execs=$(sed -n -e 's/^stat::number_of_executed_units: *//p' "$log_file" | tail -n 1)
    cov=$(grep -aoE 'cov: [0-9]+ ft: [0-9]+' "$log_file" | tail -n 1 || true)
    corp=$(grep -aoE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log_file" | tail -n 1 || true)
    if [ "$rc" -eq 0 ]; then
      result=ok
      if [ "${FUZZ_GROW_CORPUS:-0}" = 1 ]; then
        mkdir -p "$corpus" "$work.small"
        find "$work" -maxdepth 1 -type f -size -4097c -exec cp -t "$work.small" {} +
        before=$(ls "$corpus" | wc -l)
        "$OUT/$t" -merge=1 -max_len=4096 "$corpus" "$work.small" >>"$log_file" 2>&1
        result="ok, corpus $before -> $(ls "$corpus" | wc -l) files"
        rm -rf "$work.small"
      fi
    else
      status=1
      result="FAILED (exit $rc)"
      tail -n 60 "$log_file" >&2
      crash=$(grep -aoE '(Test unit written to|artifact_prefix.*; Test unit written to) [^ ]+' "$log_file" | awk '{print $NF}' | tail -n 1)
      if [ -n "$crash" ]; then
        result="$result; input: ${crash#"$ROOT"/}"
        printf 'crash input: %s\nreproduce: build/fuzz/%s %s\n' "$crash" "$t" "${crash#"$ROOT"/}" >&2
      fi
    fi
    rm -rf "$work"
    work=
    line=$(printf '%-14s %10s execs  %-20s %-16s %s' "$t" "${execs:-?}" "${cov:-cov: ?}" "${corp:-}" "$result")
    summary+=("$line")
    printf '%s\n' "$line" >&2
  done
fi

echo "fuzz summary (${SECS}s per target, logs in build/fuzz/):"
for line in "${summary[@]}"; do echo "  $line"; done
if [ ${#regressions[@]} -gt 0 ]; then
  echo "  regressions: ${#regressions[@]} inputs replayed through ${#TARGETS[@]} targets"
fi
if [ "$status" -ne 0 ]; then
  echo "fuzzing FAILED (see above; add the crashing input to tests/fuzz/regressions/ once fixed)"
  exit 1
fi
echo "fuzzing passed"
