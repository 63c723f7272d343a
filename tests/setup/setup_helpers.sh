#!/usr/bin/env bash
# The set-up helpers (scripts/lib/deps.sh) as on a fresh machine.
#   setup_helpers.sh stub    - against a stub apt-get that chatters on stdout (as apt
#                              does), with scratch apt lists and an empty cache: the
#                              captured source path must still be a path, and the
#                              deb-src entry must copy the machine's own mirror.
#   setup_helpers.sh fresh   - the real ImGui step with an empty cache and every
#                              deb-src entry hidden (private mount namespace; needs
#                              root and unshare, else skipped with exit code 77).
# Prints "N passed, N failed".
set -u
root="$(cd "$(dirname "$0")/../.." && pwd)"
mode="${1:-stub}"
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "  ok: $1"; }
bad() { fail=$((fail + 1)); echo "  FAILED: $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
summary() { echo "$pass passed, $fail failed"; [ "$fail" = 0 ]; }

# A stub apt-get: every command prints apt-like lines on stdout; "source
# --download-only PKG" writes a small orig tarball of PKG (with the file the
# helpers check for) unless STUB_BROKEN is set.
make_stub() {
  local bin="$1"
  mkdir -p "$bin"
  cat >"$bin/apt-get" <<'STUB'
#!/usr/bin/env bash
echo "Get:1 http://mirror.example.invalid/debian bookworm InRelease [151 kB]"
echo "Reading package lists..."
echo "apt-get $*" >>"$STUB_LOG"
if [ "$1" = source ]; then
  pkg="${@: -1}"
  [ -n "${STUB_BROKEN:-}" ] && exit 0
  case "$pkg" in
    imgui) ver="1.86+ds"; marker=imgui.cpp ;;
    libsdl2) ver="2.26.5+dfsg"; marker=include/SDL.h ;;
    zlib) ver="1.2.13.dfsg"; marker=zlib.h ;;
  esac
  t=$(mktemp -d); mkdir -p "$t/$pkg-$ver/$(dirname "$marker")"; echo "// stub" >"$t/$pkg-$ver/$marker"
  tar -czf "${pkg}_${ver}.orig.tar.gz" -C "$t" "$pkg-$ver"; rm -rf "$t"
  echo "Download complete and in download only mode"
fi
STUB
  chmod +x "$bin/apt-get"
}

run_stub() {
  local w; w=$(mktemp -d); trap 'rm -rf "$w"' RETURN
  make_stub "$w/bin"
  mkdir -p "$w/apt/sources.list.d"
  # The machine's Debian entry names a mirror of its own (a proxy, say).
  cat >"$w/apt/sources.list.d/debian.sources" <<'SRC'
Types: deb
# a comment apt allows
URIs: http://mirror.example.invalid/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example.invalid/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: https://vendor.example.invalid/apt
Suites: stable
Components: main
Signed-By: /usr/share/keyrings/vendor.gpg
SRC
  echo "1. fetching ImGui with a chattering apt-get, no deb-src entry, empty cache"
  local out
  out=$(PATH="$w/bin:$PATH" STUB_LOG="$w/log" APT_SOURCES_DIR="$w/apt/sources.list.d" APT_SOURCES_LIST="$w/apt/sources.list" \
    CLOUDPLAY_CACHE="$w/cache" bash -c 'source "$1/scripts/lib/deps.sh"; as_root() { "$@"; }
      ensure_imgui_source >/dev/null || exit 1; printf "%s" "$IMGUI_DIR"' _ "$root" 2>"$w/err")
  check "ensure_imgui_source succeeds ($(tail -1 "$w/err"))" '[ -n "$out" ]'
  check "IMGUI_DIR is one line, a folder with imgui.cpp: '$out'" '[ "$(printf "%s" "$out" | wc -l)" = 0 ] && [ -f "$out/imgui.cpp" ]'
  check "IMGUI_DIR is in the cache" '[[ "$out" == "$w/cache/"* ]]'
  local entry="$w/apt/sources.list.d/cloudplay-debian-src.sources"
  check "a deb-src entry was written" '[ -f "$entry" ]'
  check "it is of type deb-src" 'grep -qx "Types: deb-src" "$entry" && ! grep -qx "Types: deb" "$entry"'
  check "it uses the machine's own mirror" 'grep -qx "URIs: http://mirror.example.invalid/debian" "$entry"'
  check "it names no other address (no vendor repository, no fixed mirror)" '! grep -q "vendor.example" "$entry" && ! grep -q "deb.debian.org" "$entry"'
  check "it leaves the security suite out (its newer sources are often not mirrored)" '! grep -q "security" "$entry"'
  check "it keeps the suites and the key" 'grep -qx "Suites: bookworm bookworm-updates" "$entry" && grep -q "debian-archive-keyring" "$entry"'
  check "apt-get update ran after writing it" 'grep -q "apt-get update" "$w/log"'

  echo "2. a second run finds the cached source and the entry, and fetches nothing"
  : >"$w/log"
  local out2
  out2=$(PATH="$w/bin:$PATH" STUB_LOG="$w/log" APT_SOURCES_DIR="$w/apt/sources.list.d" APT_SOURCES_LIST="$w/apt/sources.list" \
    CLOUDPLAY_CACHE="$w/cache" bash -c 'source "$1/scripts/lib/deps.sh"; as_root() { "$@"; }
      ensure_imgui_source >/dev/null || exit 1; printf "%s" "$IMGUI_DIR"' _ "$root" 2>/dev/null)
  check "same path" '[ "$out2" = "$out" ]'
  check "no apt-get call" '[ ! -s "$w/log" ]'

  echo "3. a fetch that yields no source is refused with a clear message"
  rm -rf "$w/cache"
  local rc=0
  PATH="$w/bin:$PATH" STUB_LOG="$w/log" STUB_BROKEN=1 APT_SOURCES_DIR="$w/apt/sources.list.d" APT_SOURCES_LIST="$w/apt/sources.list" \
    CLOUDPLAY_CACHE="$w/cache" bash -c 'source "$1/scripts/lib/deps.sh"; as_root() { "$@"; }; ensure_imgui_source' _ "$root" \
    >"$w/out3" 2>"$w/err3" || rc=$?
  check "it fails" '[ "$rc" != 0 ]'
  check "it says which source is missing: $(tail -1 "$w/err3")" 'grep -q "source of imgui" "$w/err3"'
  check "nothing on stdout" '[ ! -s "$w/out3" ]'

  echo "4. one-line entries (sources.list through a proxy) give one-line deb-src entries"
  rm -rf "$w/apt" "$w/cache"; mkdir -p "$w/apt/sources.list.d"
  printf '%s\n' "deb http://proxy.example.invalid:3142/debian bookworm main" \
    "deb http://proxy.example.invalid:3142/debian-security bookworm-security main" \
    "deb https://vendor.example.invalid/apt stable main" >"$w/apt/sources.list"
  out=$(PATH="$w/bin:$PATH" STUB_LOG="$w/log" APT_SOURCES_DIR="$w/apt/sources.list.d" APT_SOURCES_LIST="$w/apt/sources.list" \
    CLOUDPLAY_CACHE="$w/cache" bash -c 'source "$1/scripts/lib/deps.sh"; as_root() { "$@"; }
      ensure_imgui_source >/dev/null || exit 1; printf "%s" "$IMGUI_DIR"' _ "$root" 2>/dev/null)
  entry="$w/apt/sources.list.d/cloudplay-debian-src.list"
  check "the path is right" '[ -f "$out/imgui.cpp" ]'
  check "deb-src lines copy the proxy" 'grep -qx "deb-src http://proxy.example.invalid:3142/debian bookworm main" "$entry"'
  check "the security suite and the vendor line are left out" '! grep -q "bookworm-security" "$entry" && ! grep -q vendor "$entry"'

  echo "5. no Debian entry at all: a message that says what to add"
  rm -rf "$w/apt" "$w/cache"; mkdir -p "$w/apt/sources.list.d"
  rc=0
  PATH="$w/bin:$PATH" STUB_LOG="$w/log" APT_SOURCES_DIR="$w/apt/sources.list.d" APT_SOURCES_LIST="$w/apt/sources.list" \
    CLOUDPLAY_CACHE="$w/cache" bash -c 'source "$1/scripts/lib/deps.sh"; as_root() { "$@"; }; ensure_imgui_source' _ "$root" \
    >"$w/out5" 2>"$w/err5" || rc=$?
  check "it fails, saying what to add: $(grep -m1 'deb-src' "$w/err5")" '[ "$rc" != 0 ] && grep -q "Types: deb-src" "$w/err5"'
}

run_fresh() {
  if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null || ! command -v apt-get >/dev/null; then
    echo "skipped: needs root, unshare and apt-get"; exit 77
  fi
  echo "the real ImGui step: empty cache, deb-src entries hidden"
  local out
  out=$(unshare -m bash -c '
    set -u
    d=$(mktemp -d)
    for f in /etc/apt/sources.list.d/*; do grep -qs "^Types:.*deb-src" "$f" || cp -p "$f" "$d/" 2>/dev/null; done
    mount --bind "$d" /etc/apt/sources.list.d || exit 3
    export CLOUDPLAY_CACHE=$(mktemp -d)
    source "$1/scripts/lib/deps.sh" >/dev/null 2>&1
    dir=$( (ensure_imgui_source && printf "%s" "$IMGUI_DIR") 2>/dev/null )
    # Checked before the scratch cache is removed.
    if [ -n "$dir" ] && [ -f "$dir/imgui.cpp" ]; then echo "ok $(ls "$d" | tr "\n" " ")"; else echo "broken: $dir" | head -c 300; fi
    entry=$(cat "$d/cloudplay-debian-src.sources" 2>/dev/null | tr "\n" " ")
    echo " entry: $entry"
    rm -rf "$CLOUDPLAY_CACHE"; umount /etc/apt/sources.list.d; rm -rf "$d"' _ "$root")
  echo "  $out"
  check "ImGui's source folder from a fresh cache and no deb-src entry" '[[ "$out" == ok* ]]'
  check "the entry written is a deb-src one" '[[ "$out" == *"Types: deb-src"* ]]'
}

case "$mode" in
  stub) run_stub ;;
  fresh) run_fresh ;;
  *) echo "usage: $0 stub|fresh"; exit 2 ;;
esac
summary
