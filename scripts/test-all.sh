#!/usr/bin/env bash
# The README's test command (`npm test`): install what is missing, then run every suite, even after a
# failure, and end with each runner's verdict. Exit status is non-zero when any suite failed.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh || { echo "dependency installation failed"; exit 1; }

suites=(typecheck lint test:unit)
declare -A result
failed=0
for suite in "${suites[@]}"; do
  echo
  echo "==================== npm run $suite ===================="
  if npm run --silent "$suite"; then result[$suite]=passed; else result[$suite]=FAILED; failed=1; fi
done

echo
echo "==================== summary ===================="
for suite in "${suites[@]}"; do printf '%-18s %s\n' "$suite" "${result[$suite]}"; done
exit $failed
