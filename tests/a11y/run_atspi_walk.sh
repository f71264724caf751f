#!/usr/bin/env bash
# Walk the link worker's day through AT-SPI, as a Linux screen reader reads the app.
#
#   tests/a11y/run_atspi_walk.sh [WORKTREE] [OUT_DIR]
#
# WORKTREE is the checkout whose app is read (default: this one); OUT_DIR receives walk.log,
# app.log and table.txt (default: a new temporary folder). Needs, on Debian or Ubuntu:
#   apt-get install at-spi2-core python3-pyatspi dbus-x11 openbox xdotool xvfb
# The app runs with the project's virtual environment (PYTHON, default /work/main/.venv/bin/python
# or .venv/bin/python), the walker with the system's python3 (pyatspi is a system package).
# Everything runs on a private D-Bus session and its own X display (DISPLAY_NUMBER, default 97),
# with a new demo caseload in OUT_DIR, so nothing of the desktop it is started from is read.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
TREE="$(cd "${1:-$HERE/../..}" && pwd)"
OUT="${2:-$(mktemp -d /tmp/atspi-walk.XXXXXX)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
if [ -z "${PYTHON:-}" ]; then
    PYTHON="$TREE/.venv/bin/python"
    [ -x "$PYTHON" ] || PYTHON=/work/main/.venv/bin/python
fi
DISPLAY_NUMBER="${DISPLAY_NUMBER:-97}"
PASSPHRASE="kettle river purple lamp"

if [ -z "${WALK_INSIDE_BUS:-}" ]; then
    # Start again inside a private session bus that the app and the walker share.
    export PYTHON DISPLAY_NUMBER WALK_INSIDE_BUS=1
    exec dbus-run-session -- "$0" "$TREE" "$OUT"
fi

PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

/usr/libexec/at-spi-bus-launcher --launch-immediately >"$OUT/bus.log" 2>&1 &
PIDS+=($!)
Xvfb ":$DISPLAY_NUMBER" -screen 0 1280x720x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=":$DISPLAY_NUMBER"
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
openbox >"$OUT/openbox.log" 2>&1 &
PIDS+=($!)

# A demo caseload, made by the command line of the checkout being read.
export LINKWORKER_DATA_DIR="$OUT/data"
rm -rf "$LINKWORKER_DATA_DIR"
cd "$TREE"
printf '%s\n' "$PASSPHRASE" | "$PYTHON" -m linkworker_desktop.cli.main --passphrase-stdin \
    init --worker "Sam Patel" --team "North PCN" >/dev/null
printf '%s\n' "$PASSPHRASE" | "$PYTHON" -m linkworker_desktop.cli.main --passphrase-stdin \
    demo-data --patients 40 >/dev/null
# The first patient of the caseload with a session booked later: searched for, opened, booked.
FAMILY="$(printf '%s\n' "$PASSPHRASE" | "$PYTHON" -m linkworker_desktop.cli.main \
    --passphrase-stdin patients --status contacted | awk -F'[ ,]' 'NR > 1 && $0 ~ /20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9]/ {print $1; exit}')"

rm -f "$OUT/cmd" "$OUT/ans" "$OUT/labels.json" "$OUT/labels.request"
mkfifo "$OUT/cmd" "$OUT/ans"
PYTHONPATH="$TREE" QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 \
    LABELS_REQUEST="$OUT/labels.request" LABELS_OUT="$OUT/labels.json" \
    "$PYTHON" "$HERE/screen_text.py" >"$OUT/app.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do xdotool search --name "Linkworker Desktop" >/dev/null 2>&1 && break; sleep 0.2; done
sleep 2
WALK_SECRET="$PASSPHRASE" /usr/bin/python3 "$HERE/atspi_walk.py" \
    "$OUT/cmd" "$OUT/ans" "$OUT/walk.log" "$OUT/labels.json" >"$OUT/table.txt" 2>"$OUT/walker.err" &
WALKER=$!
PIDS+=("$WALKER")
read -r _ <"$OUT/ans"

# Talking to the walker: one command a line, one answer back.
ask() { echo "$1" >"$OUT/cmd"; read -r answer <"$OUT/ans"; echo "$answer"; }
screen() { ask "screen $1" >/dev/null; }
labels() {
    rm -f "$OUT/labels.json"
    touch "$OUT/labels.request"
    for _ in $(seq 50); do [ -e "$OUT/labels.json" ] && return; sleep 0.1; done
}
dump() { sleep "${1:-1.5}"; labels; ask dump >/dev/null; }
key() { xdotool key --delay 120 "$@"; sleep 0.4; }
type_in() { xdotool type --delay 80 "$1"; sleep 0.4; }
# Tab until the focused object's role and name contain PATTERN, as a person tabs to a control.
tab_to() {
    for _ in $(seq 30); do
        case "$(ask focused)" in *"$1"*) return 0 ;; esac
        key Tab
    done
    echo "could not Tab to $1" >>"$OUT/driver.log"
}

screen "Unlock: wrong passphrase"
type_in "lamp purple river kettle"
key Return
dump 3
screen "Unlock"
type_in "$PASSPHRASE"
key Return
dump 4

screen "Caseload: search"
key ctrl+2
type_in "$FAMILY"
dump 2

screen "Record: Summary"
tab_to "[table]"
key Return
dump 2
tab_to "[page tab"
for tab in Sessions Measures Goals "Goal plan" Services; do
    screen "Record: $tab"
    key Right
    dump 1
done

screen "Book session dialog"
key Left Left Left Left Left
tab_to "Book session"
key space
dump 2
key Escape
sleep 1

screen "Today"
key ctrl+1
dump 2

screen "Session: first stage"
key alt+s
sleep 2
key Return  # a question about starting (a past time or consent) takes its default answer
dump 2
for stage in 2 3; do
    screen "Session: stage $stage"
    key alt+Right
    dump 1
done
screen "Session: notes typed"
key alt+n
type_in "Likes walking with a friend"
dump 2
screen "Session: end"
tab_to "End session"
key space
dump 1
tab_to "Yes, end the session"
key space
dump 2

screen "Goal plan"
key ctrl+2
tab_to "[table]"
key Return
sleep 1.5
key alt+n
tab_to "What matters to me"
type_in "Getting out of the house"
key alt+l
dump 2

screen "Print preview"
key alt+p
dump 4
screen "Print preview: text version"
key alt+t
dump 2
key Escape
sleep 1

screen "Directory: search"
key ctrl+3
type_in "walk"
dump 2

screen "Settings"
key ctrl+6
dump 2

screen "Sync"
key ctrl+5
key alt+s
dump 3

screen "Lock"
key ctrl+l
dump 2

ask quit >/dev/null
wait "$WALKER" || true
cat "$OUT/table.txt"
echo "log: $OUT/walk.log"
