#!/usr/bin/env bash
# Runs every test of Campaign Console: .NET unit, integration, bUnit and Playwright tests, the web
# SDK's tests and the real third-party client tests. Installs what a fresh machine lacks first.
# Ends with one line: "N passed, N failed" summed over all suites.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
LOGS="$ROOT/.test-logs"
rm -rf "$LOGS" && mkdir -p "$LOGS"

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s python3-aiosmtpd >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)  # the email tests run /usr/bin/python3 -m aiosmtpd
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} (apt)"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null || { echo "apt install failed"; exit 1; }
fi

echo "== npm packages"
(cd wwwroot-sdk && npm ci --no-audit --no-fund --silent) || { echo "npm ci failed in wwwroot-sdk"; exit 1; }
if [ -f tests/clients/package.json ]; then
  (cd tests/clients && npm ci --no-audit --no-fund --silent) || { echo "npm ci failed in tests/clients"; exit 1; }
fi

echo "== build"
dotnet build CampaignConsole.sln -c Release -nologo -v q 2>&1 | tail -n 3
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0; skipped=0
count_dotnet() { # parses the console logger's closing "Total tests / Passed / Failed / Skipped" block
  local log=$1 total p f k
  total=$(grep -E "^Total tests: +[0-9]+" "$log" | tail -n 1 | grep -oE "[0-9]+$")
  if [ -z "$total" ]; then failed=$((failed + 1)); echo "   (no test summary: counted as one failure, see $log)"; return; fi
  p=$(grep -E "^ +Passed: +[0-9]+" "$log" | tail -n 1 | grep -oE "[0-9]+$")
  f=$(grep -E "^ +Failed: +[0-9]+" "$log" | tail -n 1 | grep -oE "[0-9]+$")
  k=$(grep -E "^ +Skipped: +[0-9]+" "$log" | tail -n 1 | grep -oE "[0-9]+$")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${k:-0}))
  echo "   ${p:-0} passed, ${f:-0} failed of $total"
}
count_node() { # parses node --test's "# pass N" / "# fail N"
  local log=$1 p f
  p=$(grep -E "^(# |ℹ )pass [0-9]+" "$log" | tail -n 1 | grep -oE "[0-9]+$")
  f=$(grep -E "^(# |ℹ )fail [0-9]+" "$log" | tail -n 1 | grep -oE "[0-9]+$")
  if [ -z "$p" ]; then failed=$((failed + 1)); echo "   (no test summary: counted as one failure, see $log)"; return; fi
  passed=$((passed + p)); failed=$((failed + ${f:-0}))
}

for project in tests/CampaignConsole.Core.Tests tests/CampaignConsole.Web.Tests tests/CampaignConsole.E2E.Tests; do
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" > "$LOGS/$name.log" 2>&1
  grep -E "^\s+Failed [A-Z]" "$LOGS/$name.log" | head -n 30
  count_dotnet "$LOGS/$name.log"
done

echo "== web SDK (npm test)"
(cd wwwroot-sdk && npm test) > "$LOGS/sdk.log" 2>&1
grep -E "^# (tests|pass|fail)|^not ok" "$LOGS/sdk.log" | head -n 20
count_node "$LOGS/sdk.log"

if [ -x tests/run-clients.sh ]; then
  echo "== third-party clients (Segment, RudderStack)"
  CONFIGURATION=Release tests/run-clients.sh > "$LOGS/clients.log" 2>&1
  grep -E "^(# |ℹ )(tests|pass|fail) |^not ok|^✖" "$LOGS/clients.log" | head -n 20
  count_node "$LOGS/clients.log"
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
