#!/usr/bin/env bash
# Builds the real Ory Kratos v1.3.1 the real-Kratos suites start (Go module in test/kratos/server/).
#
#   bash scripts/build-kratos.sh      # exit 0: .cache/real-kratos/kratos is current
#                                     # exit 3: Go >= 1.23 is not on PATH (one line says so; suites skip)
#                                     # exit 1: the build failed
#
# The binary stays out of git (.cache/ is ignored) and is rebuilt only when the Go module (go.mod, go.sum,
# main.go), the Go version or the build tags change: a hash of those is kept next to it. A cold build fetches
# ~600 MB from the Go module proxy and compiles for ~5 minutes on 2 cores; with warm Go caches it takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

module=test/kratos/server
out=.cache/real-kratos
binary=$out/kratos
tags=sqlite
min_minor=23 # Kratos v1.3.1's go.mod needs Go 1.23

skip() {
  echo "real Kratos: SKIPPED — $1; the real-Kratos suites (e2e on Kratos, parity) do not run. Install Go >= 1.$min_minor to run them."
  exit 3
}

command -v go >/dev/null 2>&1 || skip "Go is not on PATH"
# GOTOOLCHAIN=local: never download another Go toolchain; the version on PATH decides.
export GOTOOLCHAIN=local
version=$(go env GOVERSION 2>/dev/null || true) # e.g. go1.26.8
if [[ ! $version =~ ^go1\.([0-9]+) ]]; then skip "cannot read the Go version (go env GOVERSION: '$version')"; fi
((BASH_REMATCH[1] >= min_minor)) || skip "Go on PATH is $version, too old"

want=$(cat "$module/go.mod" "$module/go.sum" "$module/main.go" <(echo "$version $tags") | sha256sum | cut -d' ' -f1)
if [[ -x $binary && "$(cat "$out/stamp" 2>/dev/null)" == "$want" ]]; then
  echo "real Kratos: up to date ($binary, $version)"
  exit 0
fi

mkdir -p "$out"
echo "real Kratos: building v1.3.1 with $version (-tags $tags; cold: ~5 min, warm: seconds)…"
started=$SECONDS
rm -f "$out/stamp"
# -mod=readonly: go.sum is committed; a build that would change it fails instead of editing the tree.
if ! (cd "$module" && go build -mod=readonly -buildvcs=false -tags "$tags" -o "../../../$binary.tmp" .); then
  echo "real Kratos: BUILD FAILED (see the Go output above)"
  exit 1
fi
mv "$binary.tmp" "$binary"
echo "$want" >"$out/stamp"
echo "real Kratos: built $binary in $((SECONDS - started)) s"
