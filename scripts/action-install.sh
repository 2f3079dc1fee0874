#!/usr/bin/env bash
# Installs the awesome-lint release binary for the action's ref and this runner into
# "$INSTALL_ROOT/bin", after checking its SHA-256 against the release's SHA256SUMS.
#
#   REF=v0.1.0 INSTALL_ROOT=/opt/awesome-lint RUNNER_OS=Linux RUNNER_ARCH=X64 action-install.sh
#
# Exit status: 0 installed; 3 there is no release for this ref or runner (a branch, a commit, an
# unsupported platform: the action then builds from source); anything else is a failure to
# report, never a reason to run an unverified binary.
set -euo pipefail

releases="${AWESOME_LINT_RELEASES:-https://github.com/awesome-lint/awesome-lint/releases/download}"

# The release target for a runner, as `RUNNER_OS RUNNER_ARCH` name it.
target_for() {
  case "$1/$2" in
    Linux/X64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64) echo aarch64-unknown-linux-musl ;;
    macOS/X64) echo x86_64-apple-darwin ;;
    macOS/ARM64) echo aarch64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
    *) return 1 ;;
  esac
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# Downloads $1 to $2; prints the HTTP status. curl's own failures (DNS, TLS, a reset) fail here.
fetch() {
  curl --silent --show-error --location --retry 3 --retry-connrefused \
    --output "$2" --write-out '%{http_code}' "$1"
}

ref="${REF:?REF is the action ref, e.g. v0.1.0}"
root="${INSTALL_ROOT:?INSTALL_ROOT is where bin/awesome-lint goes}"

# Releases are tagged vMAJOR.MINOR.PATCH; a branch or a commit has none.
if ! [[ "$ref" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]]; then
  echo "awesome-lint: $ref is not a release tag; building from source" >&2
  exit 3
fi
if ! target=$(target_for "${RUNNER_OS:-}" "${RUNNER_ARCH:-}"); then
  echo "awesome-lint: no release binary for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}; building from source" >&2
  exit 3
fi
ext=tar.gz
[ "$RUNNER_OS" = Windows ] && ext=zip
asset="awesome-lint-$ref-$target.$ext"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Downloads $1 to $2; a 404 means there is nothing to download ($3 says what), so the action
# builds from source; any other answer is a failure.
download() {
  local status
  status=$(fetch "$1" "$2")
  if [ "$status" = 404 ]; then
    echo "awesome-lint: $3; building from source" >&2
    exit 3
  elif [ "$status" != 200 ]; then
    echo "::error title=awesome-lint::downloading $1 answered $status" >&2
    exit 1
  fi
}

download "$releases/$ref/SHA256SUMS" "$work/SHA256SUMS" "no release $ref"
download "$releases/$ref/$asset" "$work/$asset" "release $ref has no $asset"

expected=$(awk -v a="$asset" '$2 == a || $2 == "*" a { print $1 }' "$work/SHA256SUMS")
actual=$(sha256 "$work/$asset")
if [ -z "$expected" ]; then
  echo "::error title=awesome-lint::SHA256SUMS of $ref does not list $asset; refusing to install it" >&2
  exit 1
fi
if [ "$expected" != "$actual" ]; then
  echo "::error title=awesome-lint::checksum mismatch for $asset: expected $expected, got $actual; refusing to install it" >&2
  exit 1
fi

mkdir -p "$work/unpacked" "$root/bin"
if [ "$ext" = zip ]; then
  unzip -q "$work/$asset" -d "$work/unpacked"
else
  tar -xzf "$work/$asset" -C "$work/unpacked"
fi
dir="$work/unpacked/awesome-lint-$ref-$target"
bin=awesome-lint
[ "$RUNNER_OS" = Windows ] && bin=awesome-lint.exe
cp "$dir/$bin" "$root/bin/$bin"
chmod +x "$root/bin/$bin"
echo "awesome-lint: installed $asset (sha256 $actual)" >&2
