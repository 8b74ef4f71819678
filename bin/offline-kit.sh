#!/usr/bin/env bash
# Makes everything an offline machine needs to install Tagger Workstation from source, on a connected machine:
#   npm run offline-kit -- DIR
# DIR/tagger-workstation.tar.gz   the repository at HEAD (git archive)
# DIR/npm-cache/                  every npm package of package-lock.json (filled by a real `npm ci`)
# DIR/SHA256SUMS                  a SHA-256 of every file above, to check what was carried (sha256sum -c)
# On the offline machine: see "Offline install" in README.md.
set -euo pipefail
out="${1:?usage: npm run offline-kit -- DIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
git -C "$root" archive --format=tar.gz --prefix=tagger-workstation/ -o "$out/tagger-workstation.tar.gz" HEAD
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$out/tagger-workstation.tar.gz" -C "$work"
# A real install into a scratch copy fills the cache with exactly the lockfile's packages (and proves they install).
(cd "$work/tagger-workstation" && npm ci --cache "$out/npm-cache" --no-audit --no-fund --loglevel=error)
(cd "$out" && find . -type f ! -name SHA256SUMS -print0 | LC_ALL=C sort -z | xargs -0 sha256sum > SHA256SUMS)
echo "Offline kit in $out: $(wc -l < "$out/SHA256SUMS") files, $(du -sh "$out" | cut -f1). Carry the whole folder."
