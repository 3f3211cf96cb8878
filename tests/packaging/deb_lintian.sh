#!/usr/bin/env bash
# Builds the .deb (CPack) and checks it against Debian's conventions: lintian must report no
# error and no warning, and the AppStream metainfo must validate. Exits 77 (CTest: skipped)
# when lintian or appstreamcli is not installed (scripts/setup.sh --with-tests installs both).
# Usage: deb_lintian.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"
src="$2"
for tool in lintian appstreamcli dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
done
appstreamcli validate --no-net "$src/packaging/org.emoscope.emoscope.metainfo.xml"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; exit 1; }
deb="$(ls "$out"/*.deb)"
echo "package: $deb"

# What the package must hold besides the binaries.
listing="$(dpkg-deb -c "$deb")"
for need in ./usr/share/doc/emoscope/copyright ./usr/share/doc/emoscope/changelog.gz \
            ./usr/share/man/man1/emoscope-cli.1.gz ./usr/share/metainfo/org.emoscope.emoscope.metainfo.xml; do
  grep -q " $need\$" <<<"$listing" || { echo "missing from the package: $need"; exit 1; }
done

# --fail-on is in lintian >= 2.78 (Debian 12 has 2.116).
lintian --fail-on error,warning --no-tag-display-limit "$deb" | tee "$out/lintian.txt"
echo "lintian: $(grep -c '^E:' "$out/lintian.txt" || true) errors, $(grep -c '^W:' "$out/lintian.txt" || true) warnings"
