#!/usr/bin/env bash
# The native CLI as a person and a script use it: the default format follows stdout (text memo
# on a terminal, JSON in a pipe), --format overrides it, and a file that cannot be read is one
# line on stderr, a non-zero exit and no report of its own. Run by ctest (test "cli"):
#   tests/cli/cli_test.sh BUILD/core/cli/denial-explainer tests/data
# The terminal cases run the CLI under script(1) (util-linux), which gives it a pseudo-terminal.
set -u
cli=$1
data=$2
fixture=$data/denied_claim.835
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
check() {  # check NAME CONDITION...
  local name=$1
  shift
  if "$@"; then echo "ok - $name"; else echo "not ok - $name"; failed=1; fi
}
starts_with() { [ "$(head -c ${#2} "$1")" = "$2" ]; }
is_json_report() { starts_with "$1" '{' && grep -q '"schema_version":"' "$1"; }
lines() { grep -c '' "$1"; }
on_tty() {  # on_tty OUT ARGS...: run the CLI on a pseudo-terminal, its output (CR removed) in OUT
  local out=$1
  shift
  local cmd
  printf -v cmd '%q ' "$cli" "$@"
  script -qec "$cmd" /dev/null </dev/null | tr -d '\r' >"$out"
  return "${PIPESTATUS[0]}"
}

command -v script >/dev/null || { echo "not ok - script(1) from util-linux is required"; exit 1; }

# Default format: JSON when piped, the text memo on a terminal.
"$cli" explain "$fixture" >"$tmp/piped" 2>"$tmp/err"
check "piped: exit 0" [ $? -eq 0 ]
check "piped: default is JSON" is_json_report "$tmp/piped"
check "piped: nothing on stderr" [ ! -s "$tmp/err" ]
on_tty "$tmp/tty" explain "$fixture"
check "terminal: exit 0" [ $? -eq 0 ]
check "terminal: default is the text memo" starts_with "$tmp/tty" "DENIAL EXPLAINER - remittance memo"

# --format wins over both.
"$cli" explain --format text "$fixture" >"$tmp/piped_text"
check "piped --format text: memo" starts_with "$tmp/piped_text" "DENIAL EXPLAINER - remittance memo"
on_tty "$tmp/tty_json" explain --format=json "$fixture"
check "terminal --format=json: JSON" is_json_report "$tmp/tty_json"
"$cli" explain --format yaml "$fixture" >"$tmp/out" 2>"$tmp/err"
check "unknown format: exit 2" [ $? -eq 2 ]
check "unknown format: no report" [ ! -s "$tmp/out" ]
check "unknown format: named on stderr" grep -q "unknown format 'yaml'" "$tmp/err"

# A missing file alone: one line on stderr, exit 2, nothing on stdout.
"$cli" explain "$tmp/missing.835" >"$tmp/out" 2>"$tmp/err"
check "missing file: exit 2" [ $? -eq 2 ]
check "missing file: no report on stdout" [ ! -s "$tmp/out" ]
check "missing file: one line on stderr" [ "$(lines "$tmp/err")" -eq 1 ]
check "missing file: the line names the file" \
  grep -qx "denial-explainer: cannot read $tmp/missing.835: No such file or directory" "$tmp/err"
on_tty "$tmp/tty" explain "$tmp/missing.835"
check "missing file on a terminal: exit 2" [ $? -eq 2 ]
check "missing file on a terminal: only the error line" [ "$(lines "$tmp/tty")" -eq 1 ]

# A missing file among others: the others are explained, the exit status is still 2.
"$cli" explain "$tmp/missing.835" "$fixture" >"$tmp/out" 2>"$tmp/err"
check "one of two missing: exit 2" [ $? -eq 2 ]
check "one of two missing: one line on stderr" [ "$(lines "$tmp/err")" -eq 1 ]
check "one of two missing: the other is reported" grep -q '"name":"denied_claim.835"' "$tmp/out"
check "one of two missing: no entry for the missing file" bash -c "! grep -q missing.835 '$tmp/out'"
on_tty "$tmp/tty" explain "$tmp/missing.835" "$fixture"
check "one of two missing on a terminal: error on its own first line" \
  grep -qx "denial-explainer: cannot read $tmp/missing.835: No such file or directory" \
  <(head -n 1 "$tmp/tty")
check "one of two missing on a terminal: then the memo" \
  grep -qx "DENIAL EXPLAINER - remittance memo" <(sed -n 2p "$tmp/tty")

# --format patient: letters on stdout, a form feed between them; the office's checks on stderr.
"$cli" explain --format patient --as-of 2026-12-07 "$data/scenarios/03_copay_and_deductible_commercial.835" \
  >"$tmp/letters" 2>"$tmp/err"
check "patient: exit 0" [ $? -eq 0 ]
check "patient: a letter first" starts_with "$tmp/letters" "ABOUT YOUR BILL"
check "patient: two letters, one form feed" [ "$(tr -cd '\f' <"$tmp/letters" | wc -c)" -eq 1 ]
check "patient: dated by --as-of" grep -qx "Date: 2026-12-07" "$tmp/letters"
check "patient: office checks on stderr" grep -q "Before sending" "$tmp/err"
check "patient: a check of every letter said once" [ "$(grep -c "secondary coverage first" "$tmp/err")" -eq 1 ]
check "patient: ... as every letter's" grep -q "^  every letter: Bill any secondary coverage first" "$tmp/err"
lacks() { ! grep -q "$1" "$2"; }
check "patient: no office check in the letters" lacks "secondary coverage first" "$tmp/letters"
"$cli" explain --format patient "$data/scenarios/02_co45_only_commercial.835" >"$tmp/out" 2>"$tmp/err"
check "patient, nothing owed: no letter" [ ! -s "$tmp/out" ]
check "patient, nothing owed: said on stderr" grep -q "no claim has an amount to bill" "$tmp/err"
"$cli" explain --format patient --stream "$data/scenarios/03_copay_and_deductible_commercial.835" \
  >"$tmp/streamed" 2>/dev/null
check "patient with --stream: the same letters" cmp -s "$tmp/streamed" <(sed 's/2026-12-07/'"$(date -u +%F)"'/' "$tmp/letters")

# trends: breakdowns over many files; the total line is the batch summary.
"$cli" trends "$data" --by payer --format csv >"$tmp/trends.csv" 2>/dev/null
check "trends csv: header" grep -q '^key,label,claims,' "$tmp/trends.csv"
check "trends csv: total row last" grep -q '^total,All,' <(tail -n 1 "$tmp/trends.csv")
"$cli" trends "$fixture" --by month --format json >"$tmp/trends.json"
check "trends json: by month" grep -q '"by":"month"' "$tmp/trends.json"
"$cli" trends "$fixture" --by nope >/dev/null 2>"$tmp/err"
check "trends: unknown --by is an error" [ $? -eq 2 ]
for by in payer month service_month reason procedure provider filing; do
  "$cli" trends "$fixture" --by $by --format text >"$tmp/t.txt"
  check "trends text --by $by" grep -q '^All ' "$tmp/t.txt"
done

# --jobs: files read ahead on threads are written in input order, the same bytes as one
# thread, in every format (the fixtures folder: remits, a not-835, unreadable-looking files).
for format in json ndjson csv text; do
  "$cli" explain "$data" --format $format --as-of 2026-06-01 --jobs 1 >"$tmp/j1" 2>"$tmp/e1"
  s1=$?
  "$cli" explain "$data" --format $format --as-of 2026-06-01 --jobs 3 >"$tmp/j3" 2>"$tmp/e3"
  s3=$?
  check "--jobs 3 = --jobs 1 ($format)" cmp -s "$tmp/j1" "$tmp/j3"
  same_ending() { [ "$s1" -eq "$s3" ] && cmp -s "$tmp/e1" "$tmp/e3"; }
  check "--jobs 3 = --jobs 1 ($format): exit status and stderr" same_ending
  check "--jobs 1 ($format): a report" [ -s "$tmp/j1" ]
done

exit $failed
