#!/usr/bin/env bash
# npm run test:kratos — the suites that run against real Ory Kratos, per release:
#
#   bash scripts/test-kratos.sh [v26.2.0|v1.3.1]   # no argument: both, one verdict line each
#
#   v26.2.0 (the primary real server): scripts/build-kratos.sh builds it, then vitest runs test/kratos/ (the
#     start/stop helper, the app's core and the terminal client on Kratos, social sign-in with a real OpenID
#     Provider) and test/parity/ (one raw-HTTP protocol script against the emulator and Kratos, compared), and
#     Playwright runs every e2e scenario on it (project e2e-kratos).
#   v1.3.1 (still supported): the parity suite with v1.3.1's list of differences, and the e2e scenarios of
#     project e2e-kratos-v1 (sign-up, password and code sign-in, second factors, recovery, social sign-in).
#
# KRATOS_VERSION tells the suites which release (and list of differences) they run on; KRATOS_BIN, when set,
# is the binary they start instead of the one built here. Kratos processes are heavy on a shared 2-core
# machine: one vitest file and one Playwright worker at a time.
# A version that cannot be built here (no Go, no source: its one line says why) runs nothing: exit 0, or
# $KRATOS_SKIP_EXIT_CODE when set (scripts/test-all.sh sets it so its summary says "SKIPPED", never
# "passed"). The browser bundles must be built (`npm run test:kratos` builds them first).
set -uo pipefail
cd "$(dirname "$0")/.."

if (($# == 0)); then
  verdicts=()
  status=0
  for version in v26.2.0 v1.3.1; do
    KRATOS_SKIP_EXIT_CODE=78 bash "$0" "$version"
    case $? in
      0) verdicts+=("real Kratos $version: passed") ;;
      78) verdicts+=("real Kratos $version: SKIPPED (see its line above)") ;;
      *) verdicts+=("real Kratos $version: FAILED") status=1 ;;
    esac
  done
  printf '%s\n' "${verdicts[@]}"
  exit $status
fi

version=$1
case $version in
  v26.2.0)
    vitest_files=(test/kratos test/parity)
    project=e2e-kratos
    ;;
  v1.3.1)
    vitest_files=(test/parity)
    project=e2e-kratos-v1
    ;;
  *)
    echo "test-kratos.sh: unknown version '$version' (v26.2.0 or v1.3.1)" >&2
    exit 1
    ;;
esac

if [[ -z ${KRATOS_BIN:-} ]]; then
  bash scripts/build-kratos.sh "$version"
  case $? in
    0) ;;
    3) exit "${KRATOS_SKIP_EXIT_CODE:-0}" ;;
    *) exit 1 ;;
  esac
else
  echo "real Kratos $version: the suites run on KRATOS_BIN=$KRATOS_BIN"
fi
export KRATOS_VERSION=$version

timed() {
  local started=$SECONDS
  "$@"
  local status=$?
  echo "real Kratos $version: '$*' took $((SECONDS - started)) s"
  return $status
}

failed=()
timed npx vitest run --config test/kratos/vitest.config.ts "${vitest_files[@]}" ||
  failed+=("vitest (${vitest_files[*]})")
timed npx playwright test --project="$project" --workers=1 || failed+=("playwright $project")
if ((${#failed[@]})); then
  echo "real Kratos $version: suites FAILED: ${failed[*]}"
  exit 1
fi
echo "real Kratos $version: suites passed"
