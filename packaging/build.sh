#!/usr/bin/env bash
# Build the desktop bundle, dist/linkworker-desktop/, on this platform from a fresh clone.
#
# It makes its own build environment (build/venv) with the app and its runtime libraries only
# (no test or development packages, so none can be bundled) plus PyInstaller, then builds
# packaging/linkworker-desktop.spec. Run from anywhere: bash packaging/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export PIP_DISABLE_PIP_VERSION_CHECK=1
python="${PYTHON:-python3}"
venv="build/venv"
bin="$venv/bin"
if [ -d "$venv/Scripts" ]; then bin="$venv/Scripts"; fi  # Windows (Git Bash)

if [ ! -x "$bin/python" ] && [ ! -x "$bin/python.exe" ]; then
    "$python" -m venv "$venv"
    if [ -d "$venv/Scripts" ]; then bin="$venv/Scripts"; fi
fi
# The app as a user gets it (no [test] or [hub] extras), and the bundler.
"$bin/python" -m pip install -q . "pyinstaller>=6.10,<7"

rm -rf dist/linkworker-desktop dist/"Linkworker Desktop.app"
"$bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/linkworker-desktop.spec

echo "Bundle size: $(du -sh dist/linkworker-desktop | cut -f1) dist/linkworker-desktop"
