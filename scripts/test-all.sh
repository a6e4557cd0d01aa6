#!/usr/bin/env bash
# The README's test command (`npm test`): install what is missing, then run every suite, even after a
# failure, and end with each suite's verdict. Exit status is non-zero when any suite failed.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh || { echo "dependency installation failed"; exit 1; }

# Each step is an npm script that also runs alone. The browser suites share one build, so the build runs
# once here, before the keychain suite (which also runs browser scenarios), and Playwright runs all its
# projects (e2e, fixtures, electron smoke) in one go.
steps=(
  "typecheck|npm run --silent typecheck"
  "lint|npm run --silent lint"
  "unit|npm run --silent test:unit"
  "build|npm run --silent build"
  "keychain|npm run --silent test:keychain"
  "browser (e2e, fixtures, electron)|npx playwright test"
  "packaging|npm run --silent test:packaging"
)
names=()
verdicts=()
failed=0
for step in "${steps[@]}"; do
  name=${step%%|*}
  command=${step#*|}
  echo
  echo "==================== $name: $command ===================="
  if bash -c "$command"; then verdict=passed; else verdict=FAILED; failed=1; fi
  names+=("$name")
  verdicts+=("$verdict")
done

echo
echo "==================== summary ===================="
for i in "${!names[@]}"; do printf '%-36s %s\n' "${names[$i]}" "${verdicts[$i]}"; done
exit $failed
