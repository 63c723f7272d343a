# Sourced after deps.sh: configures and builds the native and wasm trees.
CLOUDPLAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_ROOT="${CLOUDPLAY_BUILD:-$CLOUDPLAY_ROOT/build}"
JOBS="${JOBS:-$(nproc)}"

build_wasm() {
  local b="$BUILD_ROOT/wasm"
  if [ ! -f "$b/build.ninja" ]; then
    log "configuring the wasm build in $b"
    emcmake cmake -S "$CLOUDPLAY_ROOT" -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DIMGUI_DIR="$IMGUI_DIR" -DSDL2_WASM_PREFIX="$SDL2_WASM_PREFIX" -DZLIB_WASM_PREFIX="$ZLIB_WASM_PREFIX" >&2 || return 1
  fi
  log "building wasm"
  cmake --build "$b" -j "$JOBS" >&2
}

build_native() {
  local b="$BUILD_ROOT/native"
  if [ ! -f "$b/build.ninja" ]; then
    log "configuring the native build in $b"
    cmake -S "$CLOUDPLAY_ROOT" -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCLOUDPLAY_WASM_DIR="$BUILD_ROOT/wasm" >&2 || return 1
  fi
  log "building native"
  cmake --build "$b" -j "$JOBS" >&2
}
