#!/bin/bash
# start-bighost.sh - boot the OpenZFS 2.3 guest on a throwaway overlay of build-bighost.sh's cached pool
#                    (1,000,000 snapshots) and import it; prints start.sh's env (TESTBED_PORT, ...).
#
# Usage (as root): ./start-bighost.sh [-n NAME] [-p PORT]     (default: -n big -p 10241)
#                  ./stop.sh -n big                          # drops the overlays; the cached pool stays as it was
# Env: ZFS_TESTBED_CACHE (default /var/cache/zfs-testbed);
#      PARTIAL=1 boots an unfinished build's disk (build-bighost.sh stopped by its time limit) to measure at the
#      count it reached; do not run build-bighost.sh while such a guest runs.
set -euo pipefail

HERE=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
CACHE=${ZFS_TESTBED_CACHE:-/var/cache/zfs-testbed}
NAME=big PORT=10241
while getopts "n:p:" o; do
  case $o in n) NAME=$OPTARG ;; p) PORT=$OPTARG ;; *) sed -n '2,10p' "$0" >&2; exit 2 ;; esac
done
export ZFS_CHANNEL=backports

if [ -f "$CACHE/bighost/current/.complete" ]; then
  DISK=$(readlink -f "$CACHE/bighost/current/tank.qcow2")
elif [ "${PARTIAL:-0}" = 1 ]; then
  DISK=$(ls -t "$CACHE"/build/bighost-*/disk1.qcow2 2>/dev/null | head -n 1)
  [ -n "$DISK" ] || { echo "no big host disk, not even a partial one: run build-bighost.sh" >&2; exit 1; }
  echo "note: partial big host: $DISK ($(cat "$(dirname "$DISK")/counts.txt" 2>/dev/null | head -n 1))" >&2
else
  echo "no cached big host: run build-bighost.sh (or PARTIAL=1 for an unfinished one)" >&2; exit 1
fi

STATE="$CACHE/run/$NAME"
if [ -f "$STATE/qemu.pid" ] && kill -0 "$(cat "$STATE/qemu.pid")" 2>/dev/null; then
  echo "instance '$NAME' already running" >&2
else
  flock "$CACHE/.build-backports.lock" "$HERE/build-image.sh" >/dev/null
  IMG=$(readlink -f "$CACHE/images/backports-current")
  mkdir -p "$STATE"
  rm -f "$STATE/root.qcow2" "$STATE"/disk*.qcow2
  qemu-img create -q -f qcow2 -F qcow2 -b "$IMG/rootfs.qcow2" "$STATE/root.qcow2"
  # the guest writes (import, the benchmark's snapshots) go to this overlay, which stop.sh removes
  qemu-img create -q -f qcow2 -F qcow2 -b "$DISK" "$STATE/disk1.qcow2"
  "$HERE/start.sh" -n "$NAME" -p "$PORT" -d 1 -s 8G -m 4096 -t 900 -k >/dev/null
fi
t0=$(date +%s)
"$STATE/ssh" 'zpool list -H tank >/dev/null 2>&1 || zpool import -N -d /dev/disk/by-id tank'
echo "# zpool import: $(( $(date +%s) - t0 )) s" >&2
cat "$STATE/env"
