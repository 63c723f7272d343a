#!/usr/bin/env bash
# Every example, run by the native CLI and by the same CLI compiled to wasm
# (under Node), must give byte-identical reports (and so the same trace_hash).
# usage: wasm_determinism.sh NATIVE_CLI WASM_CLI_JS EXAMPLES_DIR
set -u
native="$1"; wasm="$2"; examples="$3"
export NODE_PATH=/usr/share/nodejs
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
for doc in "$examples"/*.json; do
  name=$(basename "$doc" .json)
  "$native" run "$doc" --seconds 120 --json "$tmp/$name.native.json" > /dev/null 2> "$tmp/err" \
    || { echo "FAIL $name: native run failed: $(tail -c 600 "$tmp/err")"; failed=$((failed+1)); continue; }
  node --no-experimental-fetch "$wasm" run "$doc" --seconds 120 --json "$tmp/$name.wasm.json" > /dev/null 2> "$tmp/err" \
    || { echo "FAIL $name: wasm run failed: $(tail -c 600 "$tmp/err")"; failed=$((failed+1)); continue; }
  hn=$(grep -o '"trace_hash": "[0-9a-f]*"' "$tmp/$name.native.json")
  hw=$(grep -o '"trace_hash": "[0-9a-f]*"' "$tmp/$name.wasm.json")
  if cmp -s "$tmp/$name.native.json" "$tmp/$name.wasm.json"; then
    echo "ok   $name  $hn"; passed=$((passed+1))
  else
    echo "FAIL $name: native $hn, wasm $hw"; diff "$tmp/$name.native.json" "$tmp/$name.wasm.json" | head -20
    failed=$((failed+1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
