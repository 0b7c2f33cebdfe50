#!/usr/bin/env bash
# `npm test`: sets up the machine (Chromium, PostgreSQL), builds, then runs every test: unit and
# integration tests on both databases (vitest), and browser tests (Playwright + Debian Chromium).
# Ends with one line "N passed, N failed" and a non-zero exit if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 FORCE_COLOR=0
out=$(mktemp -d)

bash scripts/setup-test-env.sh || exit 1
[ -d node_modules ] || npm ci --no-audit --no-fund || exit 1

echo "== build"
node scripts/build-if-stale.mjs || { echo "0 passed, 1 failed"; exit 1; }

echo "== unit and integration tests (vitest: PGlite and PostgreSQL)"
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
vitest_rc=$?

echo "== browser tests (Playwright, Debian Chromium)"
(cd apps/portal && PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright.json" ../../node_modules/.bin/playwright test --reporter=list,json)
e2e_rc=$?

node scripts/summarize-tests.mjs "$out/vitest.json" "$out/playwright.json"
summary_rc=$?
[ $vitest_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $summary_rc -eq 0 ]
