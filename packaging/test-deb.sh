#!/usr/bin/env bash
# test-deb.sh - the packaging test CI runs: build the .deb, install it into a scratch root with
# `dpkg -x`, validate its desktop entry, and start the installed launcher under Xvfb until the
# main window shows (a top-level X window of class dev.sluice.app.SluiceApp).
set -euo pipefail
HERE=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
command -v xwininfo >/dev/null || need+=(x11-utils)
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

"$HERE/build.sh" deb
DEB=$(ls "$HERE"/out/sluice_*_amd64.deb | head -n1)
ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
dpkg-deb -x "$DEB" "$ROOT"
echo "installed $(basename "$DEB") into $ROOT ($(du -sh "$ROOT" | cut -f1))"
dpkg-deb -f "$DEB" Depends Recommends Suggests

DESKTOP=$(find "$ROOT/opt/sluice/lib" -maxdepth 1 -name '*.desktop' | head -n1)
desktop-file-validate "$DESKTOP"
echo "desktop entry valid: $DESKTOP"

# two starts: the first writes the start-up archive (an AOT cache) at its exit, the second maps it
cat > "$ROOT/smoke.sh" <<SMOKE
#!/bin/bash
export HOME=\$(mktemp -d) JAVA_TOOL_OPTIONS=-Dsluice.startupProbe=true
start() {
  "$ROOT/opt/sluice/bin/Sluice" > "$ROOT/app.log" 2>&1 &
  pid=\$!
  for i in \$(seq 1 240); do
    if xwininfo -root -tree 2>/dev/null | grep -q '"dev.sluice.app.SluiceApp"'; then
      echo "\$1: main window shown after \$(( i / 2 )) s:"; xwininfo -root -tree | grep '"dev.sluice.app.SluiceApp"'
      sleep 1; grep -m1 'sluice startup' "$ROOT/app.log" | cut -d';' -f1 || true
      kill \$pid
      for j in \$(seq 1 120); do kill -0 \$pid 2>/dev/null || return 0; sleep 0.5; done
      echo "\$1: still running 60 s after it was asked to quit"; exit 1
    fi
    kill -0 \$pid 2>/dev/null || { echo "the installed launcher exited:"; tail -n 30 "$ROOT/app.log"; exit 1; }
    sleep 0.5
  done
  echo "no main window after 120 s:"; tail -n 30 "$ROOT/app.log"; kill \$pid; exit 1
}
start "first start"
ls -l \$HOME/.cache/sluice/
ls \$HOME/.cache/sluice/sluice-*.aot >/dev/null 2>&1 || { echo "no start-up archive after the first run:"; tail -n 30 "$ROOT/app.log"; exit 1; }
start "second start (start-up archive mapped)"
ls \$HOME/.cache/sluice/sluice-*.aot >/dev/null 2>&1 || { echo "the start-up archive was not usable"; exit 1; }
SMOKE
chmod +x "$ROOT/smoke.sh"
xvfb-run -a -s "-screen 0 1440x900x24" "$ROOT/smoke.sh"
echo "packaging test: passed"
