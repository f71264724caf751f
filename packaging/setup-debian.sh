#!/bin/sh
# Set up Linkworker Desktop on Debian or Ubuntu: first the system libraries Qt needs (without
# them the app stops with a Qt plugin error), then .venv with the app. With --test, also what
# the tests use. Works as root or, through sudo, as an ordinary user; needs no answers typed.
set -eu
cd "$(dirname "$0")/.."

lists="packaging/debian-packages.txt"
extra=""
if [ "${1:-}" = "--test" ]; then
    lists="$lists packaging/debian-test-packages.txt"
    extra="[test]"
fi

if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    # shellcheck disable=SC2046,SC2086
    packages=$(cat $lists | grep -v '^#' | tr '\n' ' ')
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends $packages >/dev/null
else
    echo "No apt-get here: install the packages in $lists with this system's tools." >&2
fi

python3 -m venv .venv
PIP_DISABLE_PIP_VERSION_CHECK=1 .venv/bin/pip install -q -e ".$extra"
