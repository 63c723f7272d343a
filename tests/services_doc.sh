#!/usr/bin/env bash
# docs/services.md must be what `cloudplay describe` prints (the catalog is the one source).
set -euo pipefail
cli="$1"; doc="$2"
fresh="$(mktemp)"; trap 'rm -f "$fresh"' EXIT
"$cli" describe > "$fresh"
if ! diff -u "$doc" "$fresh" > /dev/null; then
  diff -u "$doc" "$fresh" | head -40
  echo "FAILED: docs/services.md is stale; regenerate it with: build/native/cloudplay describe > docs/services.md"
  exit 1
fi
# Every service, in Korean too, and one service alone. (Into a file first: grep -q
# stops reading at the first match, and with pipefail a writer cut off by SIGPIPE fails.)
"$cli" describe --ko > "$fresh"
grep -q '^# 서비스' "$fresh" || { echo "FAILED: describe --ko has no Korean heading"; exit 1; }
"$cli" describe ec2 > "$fresh"
grep -q '^## .*(`ec2`)' "$fresh" || { echo "FAILED: describe ec2 does not describe EC2"; exit 1; }
if "$cli" describe no-such-type 2> "$fresh"; then echo "FAILED: an unknown type should fail"; exit 1; fi
grep -q 'there is no service type "no-such-type"; the types are: .*ec2' "$fresh" || { echo "FAILED: unknown type message: $(cat "$fresh")"; exit 1; }
echo "docs/services.md is fresh; describe --ko, describe TYPE and an unknown type behave"
