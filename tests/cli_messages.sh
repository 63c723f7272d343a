#!/usr/bin/env bash
# `cloudplay validate` on files a newcomer might give it: every line names the
# file, then the JSON path only when there is one (no "FILE: : ..."), and says
# plainly what is wrong (random bytes are not "line 1, column 2", "redshift" gets no
# unrelated "Did you mean").
set -euo pipefail
cli="$1"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # expect FILE PATTERN...: each grep -E pattern must match the output
  local f="$1"; shift
  local out
  out="$("$cli" validate "$f" 2>&1)" && fail "$f was accepted"
  echo "$out"
  if grep -qE ": : |^[^:]*: :" <<<"$out"; then fail "an empty path segment in: $out"; fi
  for p in "$@"; do grep -qE -- "$p" <<<"$out" || fail "no line matching /$p/ in: $out"; done
}
head -c 65536 /dev/urandom >"$dir/random.bin"
expect "$dir/random.bin" "^$dir/random.bin: this is not a cloudplay document: the file holds binary data" "^1 error$"
printf 'hello world\n' >"$dir/notes.txt"
expect "$dir/notes.txt" "^$dir/notes.txt: this is not a cloudplay document: it is not JSON"
printf '{\n  "version": 1,\n  "nodes": [}\n' >"$dir/broken.json"
expect "$dir/broken.json" "^$dir/broken.json: line 3, column "
printf '[1, 2]' >"$dir/list.json"
expect "$dir/list.json" "^$dir/list.json: this is JSON, but not a cloudplay document"
cat >"$dir/redshift.json" <<'JSON'
{"version": 1, "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
 "nodes": [{"id": "q", "type": "redshift", "region": "us-east-1"}]}
JSON
expect "$dir/redshift.json" "^$dir/redshift.json: nodes\[0\]\.type: there is no service type \"redshift\"\. cloudplay does not simulate"
if "$cli" validate "$dir/redshift.json" 2>&1 | grep -q "Did you mean"; then fail "an unrelated suggestion for redshift"; fi
# --events: a wrong query is refused before the run, naming the word; a good one prints its entries.
ex="$(dirname "$0")/../examples/three-tier-web.json"
out="$("$cli" run "$ex" --seconds 5 --events "kind=instance_dead" 2>&1)" && fail "a bad --events query was accepted"
grep -q -- '--events: kind: "instance_dead" is not an event kind. Did you mean "instance_died"?' <<<"$out" || fail "--events message: $out"
out="$("$cli" run "$ex" --seconds 400 --events "kind=az_down reason=fault")"
grep -qE '^ +300\.000000 s  -  az_down  reason=fault az=use1-az1 region=us-east-1  Availability Zone use1-az1 failed$' <<<"$out" ||
  fail "--events output: $out"
# lesson check: a broken lesson names its file and field; an unknown lesson is a usage error.
mkdir "$dir/lessons"
cat >"$dir/lessons/bad-lesson.json" <<'JSON'
{"id": "bad-lesson", "topic": "load-balanceing", "title": {"en": "Bad"}, "steps": [{"en": "x", "ko": "x"}],
 "palette": ["computer"], "fact": {"source": "ELB", "en": "x", "ko": "x"}, "goals": [], "start": {}, "solution": {}}
JSON
out="$("$cli" lesson check --dir "$dir/lessons" 2>&1)" && fail "a broken lesson passed the check"
for p in "^$dir/lessons/bad-lesson.json: topic: there is no topic \"load-balanceing\"\. Did you mean \"load-balancing\"\?" \
         "^$dir/lessons/bad-lesson.json: palette\[0\]: there is no service type \"computer\"" \
         "^$dir/lessons/bad-lesson.json: fact.source: a source is \"Section / Row\"" \
         "^$dir/lessons/bad-lesson.json: goals: a lesson needs at least one goal" \
         "^0 of 1 lessons passed"; do
  grep -qE -- "$p" <<<"$out" || fail "no line matching /$p/ in: $out"
done
out="$("$cli" lesson check --ko --dir "$dir/lessons" 2>&1)" && fail "a broken lesson passed the check in Korean"
grep -q "^$dir/lessons/bad-lesson.json: topic: \"load-balanceing\" 주제는 없습니다" <<<"$out" || fail "lesson check --ko: no Korean message in: $out"
grep -q "^$dir/lessons/bad-lesson.json: start: " <<<"$out" || fail "lesson check: the empty start is not named \"start\" in: $out"
code=0; "$cli" lesson check no-such-lesson --dir "$dir/lessons" >/dev/null 2>&1 || code=$?
[ "$code" = 2 ] || fail "lesson check of an unknown lesson exited $code, not 2"
echo "ok"
