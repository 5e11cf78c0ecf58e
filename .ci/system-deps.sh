#!/bin/sh
# Installs what Python's venv and Qt need from Debian/Ubuntu packages, and only what is missing.
# Used by `make` (with sudo when not root) and by CI (root). Each entry: a shared library Qt
# loads, then the packages that provide it (newer releases renamed some, e.g. the t64 suffix).
set -eu

missing=""
python3 -c 'import ensurepip, venv' 2>/dev/null || missing="$missing python3-venv"

have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

for entry in \
    "libEGL.so.1 libegl1" \
    "libGL.so.1 libgl1" \
    "libfontconfig.so.1 libfontconfig1" \
    "libfreetype.so.6 libfreetype6" \
    "libxkbcommon.so.0 libxkbcommon0" \
    "libglib-2.0.so.0 libglib2.0-0t64 libglib2.0-0" \
    "libdbus-1.so.3 libdbus-1-3" \
    "libX11-xcb.so.1 libx11-xcb1" \
    "libxkbcommon-x11.so.0 libxkbcommon-x11-0" \
    "libxcb-cursor.so.0 libxcb-cursor0" \
    "libxcb-icccm.so.4 libxcb-icccm4" \
    "libxcb-image.so.0 libxcb-image0" \
    "libxcb-keysyms.so.1 libxcb-keysyms1" \
    "libxcb-randr.so.0 libxcb-randr0" \
    "libxcb-render-util.so.0 libxcb-render-util0" \
    "libxcb-shape.so.0 libxcb-shape0" \
    "libxcb-xkb.so.1 libxcb-xkb1"
do
    set -- $entry
    lib=$1; shift
    have_lib "$lib" || missing="$missing $*"
done

[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Rapport needs these system packages (Debian names):$missing" >&2
    echo "Install their equivalents with your package manager, then run make again." >&2
    exit 1
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq

# Of alternative names, install the first this release knows.
chosen=""
skip=""
for pkg in $missing; do
    case " $skip " in *" $pkg "*) continue ;; esac
    if apt-cache show "$pkg" >/dev/null 2>&1; then
        chosen="$chosen $pkg"
        # Skip the older alternatives listed after it for the same library.
        [ "$pkg" = libglib2.0-0t64 ] && skip="$skip libglib2.0-0"
    fi
done
echo "Installing system packages:$chosen"
$SUDO apt-get install -y -qq --no-install-recommends $chosen
