#!/usr/bin/env bash
# Every check of the project, the same locally and in CI: type checks (the engine without DOM
# types), lint, unit/property/golden tests, the production build and browser tests in Debian's
# Chromium. Prints `total: N passed, N failed` last and exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
mkdir -p reports
passed=0
failed=0

check() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $name"
  fi
}

# Adds a test runner's own counts, read from its JSON report, or one failure if it has none.
count() {
  local name=$1 file=$2 kind=$3
  local counts
  if counts=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const [p, f] = process.argv[2] === "vitest"
      ? [r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0)]
      : [r.stats.expected + (r.stats.flaky ?? 0), r.stats.unexpected + (r.errors?.length ?? 0)];
    console.log(`${p} ${f}`);' "$file" "$kind" 2>/dev/null); then
    read -r p f <<<"$counts"
    echo "$name: $p passed, $f failed"
    passed=$((passed + p))
    failed=$((failed + f))
  else
    echo "FAILED: $name produced no report"
    failed=$((failed + 1))
  fi
}

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return 0; fi
  if [ -x /usr/bin/chromium ]; then return 0; fi
  echo "Installing Debian's chromium for the browser tests"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else echo "chromium is missing and this user cannot install it: run as root, or set CHROMIUM_PATH"; return 1; fi
  fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
}

check "chromium available" ensure_chromium
check "page text compiled from its catalogues (paraglide)" npm run --silent i18n
check "type check: engine (no DOM, no Node)" npx tsc -p tsconfig.engine.json
check "type check: worker" npx tsc -p tsconfig.worker.json
check "type check: scripts, tests, configs" npx tsc -p tsconfig.node.json
check "type check: app (svelte-check)" npx svelte-check --tsconfig tsconfig.app.json --fail-on-warnings --output machine
check "lint (layers, no wall clock or Math.random in the engine)" npx eslint --max-warnings 0 .
check "dependency layers and cycles (dependency-cruiser: none allowed)" npm run --silent deps

echo "== unit, property and golden tests"
rm -f reports/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
count "vitest" reports/vitest.json vitest

check "production build" npx vite build

echo "== browser tests"
rm -f reports/playwright.json
if [ "$failed" -eq 0 ] || [ -d dist ]; then
  npx playwright test
  count "playwright" reports/playwright.json playwright
fi

if [ $((passed + failed)) -eq 0 ]; then failed=1; fi
echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
