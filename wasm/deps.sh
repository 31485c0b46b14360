# Sourced by build.sh (which defines DEPS, log, warn, die and as_root): the C core's third-party
# sources, cJSON and BearSSL, from Debian's source packages into the git-ignored .deps/, through a
# private sources list (the system's apt configuration is left alone). apt verifies them through
# the signed indexes.
# shellcheck shell=bash

# ---- third-party C sources from Debian source packages -----------------------------------------
# A private sources list, so the system's apt configuration is left alone.
apt_src() {
  local dir=$DEPS/apt
  mkdir -p "$dir/lists/partial"
  if [ ! -f "$dir/sources.list" ]; then
    cat >"$dir/sources.list" <<'EOF'
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian-security bookworm-security main
EOF
  fi
  local tool=$1; shift
  as_root "$tool" -o Dir::Etc::sourcelist="$dir/sources.list" -o Dir::Etc::sourceparts=- \
    -o Dir::State::Lists="$dir/lists" -o APT::Sandbox::User=root "$@"
}

# refresh_source_index FORCE: re-reads Debian's source index when FORCE=1, when it was never read,
# or when it is older than SOURCE_INDEX_MAX_AGE_HOURS. A failed update (offline, say) only warns:
# the last index and the sources already fetched stay in use.
refresh_source_index() {
  local force=$1 stamp=$DEPS/apt/.updated
  if [ "$force" != 1 ] && [ -f "$stamp" ] \
    && [ -z "$(find "$stamp" -mmin +$((SOURCE_INDEX_MAX_AGE_HOURS * 60)) -print)" ]; then
    return 0
  fi
  log "apt: reading Debian source indexes (private list in .deps/apt)"
  if apt_src apt-get -qq --error-on=any update; then
    touch "$stamp"
  else
    warn "could not re-read Debian's source index; keeping the sources in .deps/ as they are"
  fi
}

# source_plan UPSTREAM_VERSION CURRENT < `apt-cache showsrc` output: "fetch VERSION" when the index
# has a Debian revision of UPSTREAM_VERSION newer than CURRENT (or CURRENT is empty), "keep" when it
# has none newer, "none" when it has no revision of UPSTREAM_VERSION at all. dpkg's version order.
source_plan() {
  local upstream=$1 current=${2:-} v newest=''
  while read -r v; do
    if [ -z "$newest" ] || dpkg --compare-versions "$v" gt "$newest"; then newest=$v; fi
  done < <(awk '/^Version:/{print $2}' | grep -E "^([0-9]+:)?${upstream//./\\.}([+~][^-]*)?-[^-]+$" || true)
  if [ -z "$newest" ]; then echo none
  elif [ -z "$current" ] || dpkg --compare-versions "$newest" gt "$current"; then echo "fetch $newest"
  else echo keep
  fi
}

# fetch_source PACKAGE UPSTREAM_VERSION DESTDIR: the newest Debian revision of that upstream version,
# fetched again when the index has a newer one than DESTDIR/.version. Unpacked in a work directory
# of its own and swapped in by two renames, so a concurrent build never sees a half-written tree.
fetch_source() {
  local pkg=$1 upstream=$2 dest=$3 current='' plan version work
  [ -f "$dest/.version" ] && current=$(awk '{print $2}' "$dest/.version")
  plan=$({ apt_src apt-cache showsrc "$pkg" 2>/dev/null || true; } | source_plan "$upstream" "$current")
  case "$plan" in
    keep) return ;;
    none)
      [ -n "$current" ] || die "no Debian source of $pkg $upstream on the mirror"
      warn "the Debian source index has no $pkg $upstream; keeping $pkg $current"
      return ;;
  esac
  version=${plan#fetch }
  if [ -n "$current" ]; then log "fetching $pkg $version (Debian source package; was $current)"
  else log "fetching $pkg $version (Debian source package)"; fi
  work=$(mktemp -d "$DEPS/.fetch-$pkg.XXXXXX")
  if ! (cd "$work" && apt_src apt-get -qq source --download-only "$pkg=$version" >/dev/null \
      && dpkg-source -q -x ./*.dsc "$work/src" >/dev/null); then
    rm -rf "$work"
    [ -n "$current" ] || die "could not fetch $pkg $version"
    warn "could not fetch $pkg $version; keeping $pkg $current"
    return
  fi
  echo "$pkg $version" >"$work/src/.version"
  [ ! -e "$dest" ] || mv "$dest" "$work/old"
  mv "$work/src" "$dest"
  rm -rf "$work"
}

ensure_c_deps() {
  mkdir -p "$DEPS"
  refresh_source_index "${DEPS_REFRESH:-0}"
  fetch_source cjson "$CJSON_VERSION" "$DEPS/cjson"
  fetch_source bearssl "$BEARSSL_VERSION" "$DEPS/bearssl"
}

