#!/usr/bin/env bash
# npm run test:kratos — the suites that run against a real Ory Kratos v1.3.1:
#   1. scripts/build-kratos.sh builds it from the Go module proxy (seconds when current; ~5 min cold);
#   2. vitest: test/kratos/ (the start/stop helper itself) and test/parity/ (one raw-HTTP protocol script
#      against the emulator and real Kratos, compared);
#   3. Playwright project e2e-kratos: the app's e2e scenarios on real Kratos (one worker: Kratos processes
#      are heavy on a shared 2-core machine).
# Without Go >= 1.23 on PATH, one line says so and nothing runs: exit 0, or $KRATOS_SKIP_EXIT_CODE when set
# (scripts/test-all.sh sets it so its summary says "skipped", never "passed"). The browser bundles must be
# built (`npm run test:kratos` builds them first). Both runners always run; non-zero exit if either failed.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-kratos.sh
case $? in
  0) ;;
  3) exit "${KRATOS_SKIP_EXIT_CODE:-0}" ;;
  *) exit 1 ;;
esac

failed=()
npx vitest run --config test/kratos/vitest.config.ts || failed+=("vitest (test/kratos, test/parity)")
npx playwright test --project=e2e-kratos --workers=1 || failed+=("playwright e2e-kratos")
if ((${#failed[@]})); then
  echo "real-Kratos suites FAILED: ${failed[*]}"
  exit 1
fi
echo "real-Kratos suites passed"
