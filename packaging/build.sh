#!/usr/bin/env bash
# `make package`: the device bundle, built by PyInstaller from packaging/plaza-kiosk.spec (one
# folder: one-file would unpack itself at every start), then
#   dist/plaza-kiosk-VERSION/            the app (plaza-kiosk, _internal/) and share/ (install
#                                        script, systemd units, session, example config, guide)
#   dist/plaza-kiosk-VERSION-linux-ARCH.tar.gz and .sha256, and install.sh beside them
#   dist/plaza_kiosk-VERSION-py3-none-any.whl   the same code for the city API's server (pip)
# and prints the sizes. It fails, with no tarball, when the bundle is over its budget: 120 MB
# (decimal, 10^6 bytes) unpacked, issue 12. PyInstaller's work folder (build/pyinstaller) is
# kept between builds.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}

version=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
name=plaza-kiosk-$version
tarball=$name-linux-$(uname -m).tar.gz

"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath build/pyinstaller/dist \
  --workpath build/pyinstaller/work packaging/plaza-kiosk.spec

rm -rf "dist/$name" "dist/$tarball" "dist/$tarball.sha256"
mkdir -p dist
mv build/pyinstaller/dist/plaza-kiosk "dist/$name"
share=dist/$name/share
mkdir -p "$share"
cp -r packaging/linux/systemd "$share/"
cp packaging/linux/install.sh packaging/linux/plaza-session packaging/config.example.toml \
  packaging/README.md "$share/"
echo "$version" >"$share/VERSION"

# The budget, checked before the tarball is made: a dependency that grows the bundle past it
# fails the build (and CI), instead of shipping.
budget=120000000
mib() { awk -v bytes="$1" 'BEGIN { printf "%.1f MiB (%.1f MB)", bytes / 1048576, bytes / 1e6 }'; }
unpacked=$(du -sb "dist/$name" | cut -f1)
if [ "$unpacked" -gt "$budget" ]; then
  echo "build.sh: FAILED: the bundle is $(mib "$unpacked"), over its budget of $(mib "$budget")" \
    "unpacked (issue 12); see what grew: du -sh dist/$name/_internal/* | sort -h" >&2
  exit 1
fi

# Reproducible order, owners and times: the same sources give the same tarball listing.
stamp=$(git log -1 --format=%ct 2>/dev/null || echo 0)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" -C dist -czf "dist/$tarball" "$name"
(cd dist && sha256sum "$tarball" >"$tarball.sha256")
cp packaging/linux/install.sh dist/install.sh
# The city API's server installs the same code as a wheel (pip), not this bundle.
rm -f dist/plaza_kiosk-"$version"-*.whl
"$PY" -m pip wheel --quiet --no-deps --wheel-dir dist .

packed=$(stat -c %s "dist/$tarball")
echo "bundle  dist/$name: $(mib "$unpacked") unpacked, budget $(mib "$budget")"
echo "tarball dist/$tarball: $(mib "$packed")"
cat "dist/$tarball.sha256"
