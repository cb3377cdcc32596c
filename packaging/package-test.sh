#!/usr/bin/env bash
# Checks a built Debian package the way a lead's machine would meet it: unpacked into an empty
# root, run with nothing of the project's around it (env -i, a fresh HOME).
# Usage: packaging/package-test.sh dist/mentorapp_<version>_<arch>.deb [PYTHON-FOR-PYTEST]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
deb="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
python="${2:-$here/.venv/bin/python}"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
fail() { echo "package-test: $*" >&2; exit 1; }

dpkg-deb -x "$deb" "$root/tree"
dpkg-deb -e "$deb" "$root/control"
for script in preinst postinst prerm postrm; do
    [ ! -e "$root/control/$script" ] || fail "the package has a $script script; it must install by copying files alone"
done
size_kb="$(sed -n 's/^Installed-Size: //p' "$root/control/control")"
[ "$size_kb" -le $((250 * 1024)) ] || fail "installed size $((size_kb / 1024)) MB is over the 250 MB budget"
owners="$(dpkg-deb -c "$deb" | awk '{print $2}' | sort -u)"
[ "$owners" = "root/root" ] || fail "files not owned by root: $owners"
[ "$(readlink "$root/tree/usr/bin/mentorapp")" = /opt/mentorapp/mentorapp ] || fail "/usr/bin/mentorapp does not lead to the bundle"
desktop-file-validate "$root/tree/usr/share/applications/mentorapp.desktop"
appstreamcli validate --no-net "$root/tree/usr/share/metainfo/org.mentorapp.MentorApp.metainfo.xml"
for size in 16 32 48 64 128 256; do
    [ -s "$root/tree/usr/share/icons/hicolor/${size}x${size}/apps/mentorapp.png" ] || fail "no ${size}px icon"
done
[ -s "$root/tree/usr/share/icons/hicolor/scalable/apps/mentorapp.svg" ] || fail "no scalable icon"

# Every library the bundle needs and does not carry comes from a package the control file depends on.
depends=" $(sed -n '/^Depends:/,/^[A-Z]/p' "$root/control/control" | sed -e 's/^Depends://' -e '/^[A-Z]/d' \
    | tr ',|' '\n\n' | sed -e 's/(.*)//' -e 's/ //g' | tr '\n' ' ') "
bundle="$root/tree/opt/mentorapp"
carried="$(find "$bundle" -name '*.so*' -printf '%f\n' | sort -u)"
find "$bundle" -type f \( -name '*.so*' -o -path "$bundle/mentorapp" \) -exec objdump -p {} + 2>/dev/null \
    | awk '$1 == "NEEDED" {print $2}' | sort -u > "$root/needed"
for soname in $(grep -vxF "$carried" "$root/needed"); do
    owner="$(dpkg -S "*/$soname" 2>/dev/null | head -1 | cut -d: -f1)"
    if [ -z "$owner" ]; then
        echo "package-test: note: $soname is not installed here, so its package in Depends is not checked" >&2
    elif [[ "$depends" != *" $owner "* && "$depends" != *" ${owner%t64} "* ]]; then
        fail "the bundle needs $soname (from $owner), which the package does not depend on"
    fi
done

# The program alone: no PATH into the project, no PYTHONPATH, a HOME it has never seen.
program="$root/tree/opt/mentorapp/mentorapp"
home="$root/home"
mkdir -p "$home"
bare() { env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 MENTORAPP_PASSPHRASE=package-test "$@"; }
cd "$root"
version="$(bare "$program" --version)"
[ "$version" = "mentorapp $(sed -n 's/^Version: //p' "$root/control/control")" ] || fail "--version said: $version"
bare "$program" mentee add "Ada Lovelace" >/dev/null
bare "$program" note Ada "Ran the release retro; asked for a quieter on-call week — ünïcode and 👍 too" >/dev/null
bare "$program" mentee list | grep -q "Ada Lovelace" || fail "the mentee added is not listed"
bare "$program" packet Ada -o "$root/packet.pdf" >/dev/null
pdffonts "$root/packet.pdf" > "$root/fonts.txt"
grep -q DejaVuSans "$root/fonts.txt" || fail "the packet does not use the bundled DejaVu fonts"
# Every font in the packet is embedded (the "emb" column is yes on every row).
awk 'NR > 2 && $(NF-4) != "yes" {bad = 1} END {exit bad}' "$root/fonts.txt" || { cat "$root/fonts.txt"; fail "a font is not embedded"; }
bare QT_QPA_PLATFORM=offscreen MENTORAPP_FIRST_PAINT_PNG="$root/desk.png" "$program" \
    || fail "the desk did not open to its first paint"
[ "$(head -c 8 "$root/desk.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the desk's first paint is not a PNG"
echo "package-test: $(basename "$deb"): $version; installed $((size_kb / 1024)) MB; CLI, packet fonts and desk checked"

# The bundle's contents and a journal that goes from the source tree to the bundle and back.
cd "$here"
MENTORAPP_BUNDLE="$root/tree/opt/mentorapp" QT_QPA_PLATFORM=offscreen \
    "$python" -m pytest -q -n 0 -p no:cacheprovider tests/test_bundle.py
