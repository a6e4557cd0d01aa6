#!/usr/bin/env bash
# Builds the real Ory Kratos releases the real-Kratos suites start, each into .cache/real-kratos/<version>/kratos:
#
#   bash scripts/build-kratos.sh [v26.2.0|v1.3.1]   # no argument: both, v26.2.0 first
#     exit 0: the binary is current        exit 1: the build failed
#     exit 3: it cannot be built here (one line says why; its suites are SKIPPED, never passed)
#
# - v1.3.1 comes from the Go module proxy through a module of our own (test/kratos/server/: Kratos's go.mod
#   has replace directives, so `go install github.com/ory/kratos@v1.3.1` refuses).
# - v26.2.0 comes from source, because the module proxy serves no Kratos release after v1.3.1 (Kratos's module
#   path has no /v26 suffix). The source is, first match wins:
#     KRATOS_SOURCE=<path>.tar.gz  `git archive` of the tag (prefix kratos-v26.2.0/); its sha256 must match;
#     KRATOS_SOURCE=<directory>    a checkout of the tag (built as it is);
#     otherwise                    `git clone --depth 1 --branch v26.2.0` of github.com/ory/kratos.
#   Its Go dependencies come from the module proxy.
# Each binary reports its version (`kratos version`) and is rebuilt only when what it is built from changes:
# a hash of the source, the Go version, the tags and the ldflags is kept next to it (stamp). Cold: v1.3.1
# ~5 min, v26.2.0 ~1 min of downloads + 5-9 min of compiling on 2 cores; warm Go caches: seconds to 2 min.
set -euo pipefail
# Relative paths in KRATOS_SOURCE and KRATOS_CACHE are relative to where the script was called from.
[[ -n ${KRATOS_SOURCE:-} ]] && export KRATOS_SOURCE=$(realpath -m -- "$KRATOS_SOURCE")
[[ -n ${KRATOS_CACHE:-} ]] && export KRATOS_CACHE=$(realpath -m -- "$KRATOS_CACHE")
cd "$(dirname "$0")/.."

V26=v26.2.0
V26_COMMIT=9d7085948039ffb8960160d4979f71527b5cf4d5
V26_ARCHIVE_SHA256=cc0c49c783efbb14b74e8570834db4be6acd4425279ddd6928f7e176639451dd
V1=v1.3.1
tags=sqlite
cache=${KRATOS_CACHE:-$PWD/.cache/real-kratos} # where the binaries go (test/support/real-kratos.ts reads the same)

if (($# == 0)); then
  status=0
  for version in "$V26" "$V1"; do
    bash "$0" "$version" || { code=$?; ((code > status)) && status=$code; }
  done
  exit "$status"
fi
version=$1
out=$cache/$version
binary=$out/kratos
case $version in
  "$V1") min_minor=23 ;; # Kratos v1.3.1's go.mod needs Go 1.23
  "$V26") min_minor=26 ;; # v26.2.0's go.mod says go 1.26
  *)
    echo "real Kratos: unknown version '$version' (this script builds $V26 and $V1)" >&2
    exit 1
    ;;
esac

skip() {
  echo "real Kratos $version: SKIPPED — $1; its suites (parity, e2e on real Kratos) do not run."
  exit 3
}

command -v go >/dev/null 2>&1 || skip "Go is not on PATH (install Go >= 1.$min_minor)"
# GOTOOLCHAIN=local: never download another Go toolchain; the version on PATH decides.
export GOTOOLCHAIN=local
go_version=$(go env GOVERSION 2>/dev/null || true) # e.g. go1.26.8
if [[ ! $go_version =~ ^go1\.([0-9]+) ]]; then skip "cannot read the Go version (go env GOVERSION: '$go_version')"; fi
((BASH_REMATCH[1] >= min_minor)) || skip "Go on PATH is $go_version, too old (install Go >= 1.$min_minor)"

ldflags="-X github.com/ory/kratos/driver/config.Version=$version"

# Hash of a source directory's files (not its .git): what a build of it depends on.
tree_hash() { (cd "$1" && find . -path ./.git -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1; }

if [[ $version == "$V1" ]]; then
  module=test/kratos/server
  source_id=$(cat "$module/go.mod" "$module/go.sum" "$module/main.go" | sha256sum | cut -d' ' -f1)
else
  source=${KRATOS_SOURCE:-}
  if [[ -n $source && -f $source ]]; then
    sum=$(sha256sum "$source" | cut -d' ' -f1)
    [[ $sum == "$V26_ARCHIVE_SHA256" ]] ||
      skip "KRATOS_SOURCE=$source is not the $V26 source archive (sha256 $sum, expected $V26_ARCHIVE_SHA256)"
    source_id="$V26 $V26_COMMIT"
  elif [[ -n $source && -d $source ]]; then
    [[ -f $source/go.mod ]] || skip "KRATOS_SOURCE=$source is a directory without go.mod"
    source_id="dir $(tree_hash "$source")"
  elif [[ -n $source ]]; then
    skip "KRATOS_SOURCE=$source does not exist"
  else
    source_id="$V26 $V26_COMMIT" # a clone of the tag, checked against the commit below
  fi
fi

want=$(echo "$source_id $go_version $tags $ldflags" | sha256sum | cut -d' ' -f1)
if [[ -x $binary && "$(cat "$out/stamp" 2>/dev/null)" == "$want" ]]; then
  echo "real Kratos $version: up to date ($binary, $go_version)"
  exit 0
fi

mkdir -p "$out"
started=$SECONDS
if [[ $version == "$V1" ]]; then
  echo "real Kratos $version: building from the Go module proxy with $go_version (cold: ~5 min, warm: seconds)…"
  build_dir=$module
elif [[ -n ${KRATOS_SOURCE:-} && -d $KRATOS_SOURCE ]]; then
  build_dir=$KRATOS_SOURCE
else
  # The archive's or the clone's files, removed once built (the Go caches keep what a rebuild needs).
  build_dir=$out/src
  rm -rf "$build_dir"
  trap 'rm -rf "$build_dir"' EXIT
  if [[ -n ${KRATOS_SOURCE:-} ]]; then
    mkdir -p "$build_dir"
    tar xzf "$KRATOS_SOURCE" -C "$build_dir" --strip-components=1
  else
    echo "real Kratos $version: KRATOS_SOURCE is not set; cloning the tag from github.com/ory/kratos…"
    GIT_TERMINAL_PROMPT=0 timeout 300 git clone -q --depth 1 --branch "$V26" \
      https://github.com/ory/kratos "$build_dir" 2>/dev/null ||
      skip "KRATOS_SOURCE is not set and cloning github.com/ory/kratos failed (no network?); set KRATOS_SOURCE to its source archive or a checkout of the tag"
    commit=$(git -C "$build_dir" rev-parse HEAD)
    [[ $commit == "$V26_COMMIT" ]] || skip "the clone of $V26 is commit $commit, expected $V26_COMMIT"
  fi
fi
if [[ $version == "$V26" ]]; then
  echo "real Kratos $version: building from $build_dir with $go_version (cold: ~1 min downloads + 5-9 min, warm: ~2 min)…"
fi
rm -f "$out/stamp"
# -mod=readonly: go.sum is given; a build that would change it fails instead of editing the tree.
if ! (cd "$build_dir" && go build -mod=readonly -buildvcs=false -tags "$tags" -ldflags "$ldflags" \
  -o "$binary.tmp" .); then
  echo "real Kratos $version: BUILD FAILED (see the Go output above)"
  exit 1
fi
mv "$binary.tmp" "$binary"
reported=$("$binary" version 2>/dev/null | sed -n 's/^Version:[[:space:]]*//p')
if [[ $reported != "$version" ]]; then
  echo "real Kratos $version: the built binary reports version '$reported'"
  exit 1
fi
echo "$want" >"$out/stamp"
echo "real Kratos $version: built $binary in $((SECONDS - started)) s"
