# Sourced after deps.sh and build.sh: builds the libFuzzer targets (clang, ASan +
# UBSan) in $BUILD_ROOT/fuzz and runs each for a short time (a smoke run; see
# docs/fuzzing.md for long runs). Fails when a target finds a crash, leak or
# sanitizer report; the input that caused it is kept in $BUILD_ROOT/fuzz/findings/.
#   CLOUDPLAY_FUZZ_SECONDS=30   time per target (0 skips the fuzz smoke run)
FUZZ_TARGETS="fuzz_share_link fuzz_document fuzz_run"

build_fuzz() {
  local b="$BUILD_ROOT/fuzz"
  if [ ! -f "$b/build.ninja" ]; then
    log "configuring the fuzz build in $b (clang, libFuzzer, ASan + UBSan)"
    cmake -S "$CLOUDPLAY_ROOT" -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCLOUDPLAY_FUZZ=ON >&2 || return 1
  fi
  log "building the fuzz targets"
  cmake --build "$b" -j "$JOBS" >&2
}

# Seed corpus: the example documents (as documents, and as share-link payloads)
# plus the checked-in seeds in tests/fuzz/corpus/<target>/.
fuzz_seed_corpus() {
  local target="$1" dir="$2"
  mkdir -p "$dir"
  cp "$CLOUDPLAY_ROOT"/tests/fuzz/corpus/"$target"/* "$dir"/ 2>/dev/null || true
  # fuzz_run takes documents too: the document loader's seeds serve it as well.
  [ "$target" = fuzz_run ] && cp "$CLOUDPLAY_ROOT"/tests/fuzz/corpus/fuzz_document/* "$dir"/ 2>/dev/null || true
  local f
  for f in "$CLOUDPLAY_ROOT"/examples/*.json; do
    [ -f "$f" ] || continue
    case "$target" in
      fuzz_document|fuzz_run) cp "$f" "$dir/example-$(basename "$f")" ;;
      fuzz_share_link) { printf '{"doc":'; cat "$f"; printf ',"run":{"seed":7,"speed":10,"t_s":60}}'; } \
                         > "$dir/payload-$(basename "$f")" ;;
    esac
  done
}

run_fuzz_smoke() {
  local seconds="${CLOUDPLAY_FUZZ_SECONDS:-30}"
  [ "$seconds" = 0 ] && { log "fuzz smoke run skipped (CLOUDPLAY_FUZZ_SECONDS=0)"; return 0; }
  build_fuzz || { log "FAILED: the fuzz build"; return 1; }
  local b="$BUILD_ROOT/fuzz" status=0 t
  mkdir -p "$b/findings"
  for t in $FUZZ_TARGETS; do
    local corpus="$b/corpus/$t"
    fuzz_seed_corpus "$t" "$corpus"
    log "fuzzing $t for $seconds s"
    if "$b/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
         -print_final_stats=1 -artifact_prefix="$b/findings/$t-" "$corpus" > "$b/$t.log" 2>&1; then
      log "$t: $(grep -E '^stat::number_of_executed_units' "$b/$t.log" | awk '{print $2}') runs, no crash" \
          "($(grep -oE 'exec/s: [0-9]+' "$b/$t.log" | tail -1))"
    else
      status=1
      log "FAILED: $t found a crash; input in $b/findings/, log $b/$t.log:"
      grep -E 'ERROR|SUMMARY|==[0-9]+==|#[0-9]+ 0x' "$b/$t.log" | head -40 >&2
    fi
  done
  return $status
}
