#!/usr/bin/env bash
# Installs what is missing, then runs lint, typecheck, unit and integration tests (vitest) and
# end-to-end tests (Playwright in the system Chromium). Ends with the runners' summary lines.
source "$(dirname "$0")/lib.sh"
ensure_npm_packages
ensure_debian_packages chromium fonts-noto-cjk xvfb poppler-utils qpdf
ensure_built

mkdir -p test-results
status=0
run() {
  say "== $*"
  "$@" || status=1
}
run npm run --silent lint
run npm run --silent typecheck
run npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
run npx playwright test --config tests/e2e/playwright.config.ts
node scripts/test-summary.ts test-results/vitest.json test-results/playwright.json || status=1
exit $status
