#!/usr/bin/env bash
# sqlmap against every parameter of a running server: path parameters, query strings, JSON body fields
# (from the OpenAPI document, bench/sqlmap-targets.ts) and the X-Workspace header, as an admin (bearer
# token) and, for the public and customer routes, anonymously. Prints the count of findings (expected 0).
#
#   bench/sqlmap.sh                         # PostgreSQL at postgres://postgres@127.0.0.1:5432 (its own db)
#   SQLMAP_LEVEL=3 SQLMAP_RISK=2 bench/sqlmap.sh   # deeper (slower)
#
# Needs sqlmap (Debian: apt-get install sqlmap) and psql. PORT defaults to 3310.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-3310}"
PG="${SQLMAP_PG:-postgres://postgres@127.0.0.1:5432}"
DB="hardening_sqlmap_$$"
LEVEL="${SQLMAP_LEVEL:-1}"
RISK="${SQLMAP_RISK:-1}"
WORK="$(mktemp -d /tmp/bfg2-sqlmap.XXXXXX)"
BASE="http://127.0.0.1:${PORT}"

cleanup() {
  [[ -n "${SERVER_PID:-}" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

psql "$PG/postgres" -qc "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL="$PG/$DB" DATA_DIR="$WORK/data" PORT HOST=127.0.0.1 LOG_LEVEL=error
node --import tsx src/cli.ts serve --migrate --demo >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 1; done
curl -sf "$BASE/healthz" >/dev/null || { echo "server did not start"; cat "$WORK/server.log"; exit 1; }

TOKEN="$(npx tsx src/cli.ts token create --workspace demo --email admin@demo.test)"
TICKET="$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/support/tickets/?limit=1" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).results[0].id))')"
npx tsx bench/sqlmap-targets.ts "$BASE" "$TICKET" >"$WORK/targets.jsonl"
# The anonymous surface: the web form, the public knowledge base, the customer credential routes.
{
  echo "{\"method\":\"GET\",\"url\":\"$BASE/api/support/kb/search/?q=parcel&language=en\",\"anonymous\":true}"
  echo "{\"method\":\"GET\",\"url\":\"$BASE/api/support/kb/?category=1&language=en&tag=x\",\"anonymous\":true}"
  echo "{\"method\":\"GET\",\"url\":\"$BASE/kb/demo/en/search?q=parcel\",\"anonymous\":true}"
  echo "{\"method\":\"POST\",\"url\":\"$BASE/api/support/tickets/\",\"data\":\"{\\\"subject\\\":\\\"s\\\",\\\"description\\\":\\\"d\\\",\\\"email\\\":\\\"anon@example.test\\\",\\\"name\\\":\\\"A\\\"}\",\"anonymous\":true}"
  echo "{\"method\":\"POST\",\"url\":\"$BASE/api/auth/customer/login\",\"data\":\"{\\\"email\\\":\\\"customer1@demo.test\\\",\\\"password\\\":\\\"x\\\"}\",\"anonymous\":true}"
  echo "{\"method\":\"GET\",\"url\":\"$BASE/api/support/kb/\",\"anonymous\":true,\"header\":\"X-Workspace: demo*\"}"
} >>"$WORK/targets.jsonl"

TARGETS=$(wc -l <"$WORK/targets.jsonl")
echo "sqlmap ${LEVEL}/${RISK} against $TARGETS targets (every path, query and JSON body parameter)"
FINDINGS=0
TESTED=0
UNTESTED=0
N=0
while IFS= read -r line; do
  N=$((N + 1))
  method=$(node -pe 'JSON.parse(process.argv[1]).method' "$line")
  url=$(node -pe 'JSON.parse(process.argv[1]).url' "$line")
  data=$(node -pe 'JSON.parse(process.argv[1]).data ?? ""' "$line")
  anonymous=$(node -pe 'JSON.parse(process.argv[1]).anonymous ?? false' "$line")
  header=$(node -pe 'JSON.parse(process.argv[1]).header ?? ""' "$line")
  args=(-u "$url" --method "$method" --batch --level "$LEVEL" --risk "$RISK" --dbms PostgreSQL
    --flush-session --output-dir "$WORK/out" --disable-coloring -v 0 --time-sec 2 --ignore-code 401,403,404,409,422,429)
  if [[ "$anonymous" == true ]]; then args+=(-H "X-Workspace: demo"); else args+=(-H "Authorization: Bearer $TOKEN"); fi
  [[ -n "$header" ]] && args+=(-H "$header")
  [[ -n "$data" ]] && args+=(--data "$data" -H "Content-Type: application/json")
  # The credential routes are rate-limited per IP: their 429s are ignored (--ignore-code) and counted
  # as not tested ('?') below.
  out=$(sqlmap "${args[@]}" 2>&1 || true)
  if grep -qiE "is vulnerable|sqlmap identified the following injection point" <<<"$out"; then
    FINDINGS=$((FINDINGS + 1))
    echo "FINDING: $method $url"
    grep -iE "Parameter:|Type:|Title:" <<<"$out" | sed 's/^/    /'
  fi
  if grep -q "all tested parameters do not appear to be injectable\|does not seem to be injectable" <<<"$out"; then
    TESTED=$((TESTED + 1))
    printf '.'
  else
    UNTESTED=$((UNTESTED + 1))
    printf '?'
    { echo "$method $url"; grep -E "CRITICAL|ERROR" <<<"$out" | head -2; } >>"$WORK/untested.log"
  fi
  if ((N % 50 == 0)); then printf ' %d\n' "$N"; fi
done <"$WORK/targets.jsonl"
echo
[[ -s "$WORK/untested.log" ]] && { echo "not tested ('?'), with sqlmap's reason:"; cat "$WORK/untested.log"; }
echo "targets: $TARGETS, tested: $TESTED, not tested: $UNTESTED, findings: $FINDINGS"
[[ "$FINDINGS" -eq 0 ]]
