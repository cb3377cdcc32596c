#!/usr/bin/env bash
# Builds MentorApp's self-contained bundle (PyInstaller, onedir) from this checkout in a fresh
# virtualenv, then wraps it as dist/mentorapp_<version>_<arch>.deb and dist/mentorapp-<version>-linux-<arch>.tar.gz.
# Usage: packaging/build.sh   (from anywhere; `make package` runs it). Needs python3 (3.11+) with venv and
# dpkg-deb; reaches only the package index pip is set up for.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
PYTHON="${PYTHON:-python3}"
venv="$root/build/package-venv"
work="$root/build/package"
dist="$root/dist"
started=$SECONDS

# A clean environment of its own: only MentorApp (installed as a wheel would be, not editable) and PyInstaller.
rm -rf "$venv" "$work"
"$PYTHON" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "$root[package]"
version="$("$venv/bin/python" -c 'import mentorapp; print(mentorapp.__version__)')"
arch="$(dpkg --print-architecture 2>/dev/null || uname -m)"

# Run from the work folder so the checkout's own mentorapp/ is not the one found.
mkdir -p "$work"
(cd "$work" && "$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$work/pyinstaller" --workpath "$work/pyinstaller-work" "$root/packaging/mentorapp.spec")

# The Debian tree: the bundle under /opt, the terminal's command, desktop entry, metainfo, icons.
deb="$work/deb"
mkdir -p "$deb/opt" "$deb/usr/bin" "$deb/usr/share/applications" "$deb/usr/share/metainfo" \
         "$deb/usr/share/icons" "$deb/usr/share/doc/mentorapp" "$deb/DEBIAN"
cp -a "$work/pyinstaller/mentorapp" "$deb/opt/mentorapp"
ln -s /opt/mentorapp/mentorapp "$deb/usr/bin/mentorapp"
install -m 644 packaging/mentorapp.desktop "$deb/usr/share/applications/mentorapp.desktop"
install -m 644 packaging/org.mentorapp.MentorApp.metainfo.xml "$deb/usr/share/metainfo/"
QT_QPA_PLATFORM=offscreen "$venv/bin/python" packaging/render_icons.py resources/icons/mentorapp.svg "$work/icons"
cp -r "$work/icons/hicolor" "$deb/usr/share/icons/"
install -m 644 README.md "$deb/usr/share/doc/mentorapp/README.md"
find "$deb" -type d -exec chmod 755 {} +
size_kb="$(du -sk --exclude=DEBIAN "$deb" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE_KB@/$size_kb/" \
    packaging/debian/control.in > "$deb/DEBIAN/control"

mkdir -p "$dist"
package="$dist/mentorapp_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz -z3 --build "$deb" "$package" >/dev/null

# The tarball: the package's own tree (opt/ and usr/), for `tar -xzf … -C /` or to run from anywhere.
tarball="$dist/mentorapp-${version}-linux-${arch}.tar.gz"
tar --owner=0 --group=0 -C "$deb" -czf "$tarball" opt usr
echo "package: $package ($(du -h "$package" | cut -f1); installed $((size_kb / 1024)) MB)"
echo "package: $tarball ($(du -h "$tarball" | cut -f1))"
echo "package: built in $((SECONDS - started)) s"
