#!/bin/bash
# build-bighost.sh - issue #18's big host, made once and cached: a pool `tank` with 200 filesystems
# (`tank/guests/vm NNN:zone`), 2,000 small sparse zvols (10 per filesystem, `.../disk-K`) and 500
# snapshots of every zvol: 1,000,000 snapshots, on one 8 GiB disk of the OpenZFS 2.3 guest.
#
# Usage (as root):  ./build-bighost.sh            # build or resume; a no-op once complete
#                   MAX_MINUTES=30 ./build-bighost.sh   # stop generating after 30 min (default 60)
# Env: ZFS_TESTBED_CACHE (default /var/cache/zfs-testbed), BIG_NAME (instance, default big),
#      BIG_PORT (default 10241), ROUNDS (default 500: snapshots per zvol), FORCE=1 (start over).
#
# Snapshots are made in rounds: one `zfs snapshot` call per round naming all 2,000 zvols (one txg,
# atomic), so an interrupted build resumes at the next round: the round count is the number of
# snapshots of the last zvol. Names are sanoid / zfs-auto-snapshot style, one hour apart, ending
# 2026-12-01, with a manual "before upgrade N" (a space) every 50th round.
#
# Output: $CACHE/bighost/<hash>/tank.qcow2 (the pool's disk; <hash> = sha256 of this script),
#         counts.txt, timings.txt; $CACHE/bighost/current -> it. Work in $CACHE/build/bighost-<hash>/.
# start-bighost.sh boots a guest on a throwaway overlay of it.
set -euo pipefail

HERE=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
SELF=$(readlink -f "${BASH_SOURCE[0]}")
CACHE=${ZFS_TESTBED_CACHE:-/var/cache/zfs-testbed}
NAME=${BIG_NAME:-big} PORT=${BIG_PORT:-10241} ROUNDS=${ROUNDS:-500} MAX_MINUTES=${MAX_MINUTES:-60}
[ "$(id -u)" = 0 ] || { echo "build-bighost.sh must run as root" >&2; exit 1; }
export ZFS_CHANNEL=backports

HASH=$( { cat "$SELF"; echo "rounds=$ROUNDS"; } | sha256sum | cut -c1-12)
OUT="$CACHE/bighost/$HASH"
BUILD="$CACHE/build/bighost-$HASH"
if [ -f "$OUT/.complete" ] && [ "${FORCE:-0}" != 1 ]; then
  ln -sfn "$HASH" "$CACHE/bighost/current"
  echo "cached big host: $OUT"; exit 0
fi
[ "${FORCE:-0}" = 1 ] && rm -rf "$OUT" "$BUILD"
mkdir -p "$BUILD" "$CACHE/bighost"
exec > >(tee -a "$BUILD/build.log") 2>&1
echo "== bighost $HASH: session started $(date -Is); load: $(cut -d' ' -f1-3 /proc/loadavg)"

# the base image (built by build-image.sh if missing), then a fresh root overlay and the work disk
flock "$CACHE/.build-backports.lock" "$HERE/build-image.sh" >/dev/null
IMG=$(readlink -f "$CACHE/images/backports-current")
echo "base image: $IMG" > "$BUILD/base-image.txt"
STATE="$CACHE/run/$NAME"
if [ -f "$STATE/qemu.pid" ] && kill -0 "$(cat "$STATE/qemu.pid")" 2>/dev/null; then
  echo "instance '$NAME' is already running; stop it first: ./stop.sh -n $NAME" >&2; exit 1
fi
mkdir -p "$STATE"
[ -f "$BUILD/disk1.qcow2" ] || qemu-img create -q -f qcow2 "$BUILD/disk1.qcow2" 8G
rm -f "$STATE/root.qcow2" "$STATE"/disk*.qcow2
qemu-img create -q -f qcow2 -F qcow2 -b "$IMG/rootfs.qcow2" "$STATE/root.qcow2"
ln -s "$BUILD/disk1.qcow2" "$STATE/disk1.qcow2" # stop.sh removes the link, not the work disk
trap '"$HERE/stop.sh" -n "$NAME" >/dev/null 2>&1 || true' EXIT
t0=$(date +%s)
"$HERE/start.sh" -n "$NAME" -p "$PORT" -d 1 -s 8G -m 4096 -t 900 -k > "$BUILD/env"
SSH="$STATE/ssh"
echo "boot $(( $(date +%s) - t0 ))s" | tee -a "$BUILD/timings.txt"

# the generator runs in the guest; it stops at the end or when its time is up
$SSH 'cat > /root/bighost-gen.sh' <<'GEN'
set -euo pipefail
ROUNDS=$1 DEADLINE=$(( $(date +%s) + $2 ))
DISK=/dev/disk/by-id/virtio-tb-disk1
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
if ! zpool list -H tank >/dev/null 2>&1; then
  # -f: a session that was killed never exported it. Create only on a disk that holds no pool tank.
  if zpool import -d /dev/disk/by-id 2>/dev/null | grep -q '^ *pool: tank$'; then
    zpool import -f -N -d /dev/disk/by-id tank
  else
    zpool create -f -o ashift=12 -O compression=lz4 -O atime=off tank "$DISK"
  fi
fi
declare -A have
while IFS= read -r n; do have[$n]=1; done < <(zfs list -H -o name -r tank)
mapfile -t fs < <(for g in $(seq 0 199); do printf 'tank/guests/vm %03d:zone\n' "$g"; done)
[ -n "${have[tank/guests]:-}" ] || zfs create tank/guests
t=$(date +%s%N)
for f in "${fs[@]}"; do [ -n "${have[$f]:-}" ] || zfs create -u "$f"; done
echo "filesystems: 201 ($(ms "$t") ms)"
# volmode=none: no /dev/zd* nodes and udev work for 2,000 zvols at every boot; zfs lists them the same
t=$(date +%s%N)
zvols=()
for k in $(seq 0 9); do
  todo=()
  for f in "${fs[@]}"; do
    zvols+=("$f/disk-$k")
    [ -n "${have[$f/disk-$k]:-}" ] || todo+=("$f/disk-$k")
  done
  # several at once: concurrent creates share txgs
  [ ${#todo[@]} = 0 ] || printf '%s\0' "${todo[@]}" | xargs -0 -P 8 -n 1 zfs create -s -V 1G -o volmode=none
  echo "zvols: $(( (k + 1) * 200 )) at $(ms "$t") ms"
done
done_rounds=$(zfs list -H -o name -t snapshot "${zvols[-1]}" | wc -l)
echo "rounds done: $done_rounds of $ROUNDS"
END=1796083200 # 2026-12-01 00:00:00 UTC: the last round's time
for (( r = done_rounds; r < ROUNDS; r++ )); do
  [ "$(date +%s)" -lt "$DEADLINE" ] || { echo "time is up after round $r"; break; }
  ts=$(( END - (ROUNDS - 1 - r) * 3600 + 1 ))
  if (( r % 50 == 49 )); then snap="before upgrade $(( r / 50 + 1 ))"
  elif (( r % 24 == 0 )); then snap="zfs-auto-snap_daily-$(date -u -d @"$ts" +%F-%H%M)"
  else snap="autosnap_$(date -u -d @"$ts" +%F_%T)_hourly"; fi
  args=(); for z in "${zvols[@]}"; do args+=("$z@$snap"); done
  t=$(date +%s%N)
  zfs snapshot "${args[@]}"
  echo "round $((r + 1)) ($snap): $(ms "$t") ms; alloc $(zpool list -Hp -o alloc tank); $(date -u +%T)"
done
GEN
t0=$(date +%s)
$SSH "bash /root/bighost-gen.sh $ROUNDS $(( MAX_MINUTES * 60 ))" | tee -a "$BUILD/generate.log"
echo "generation session $(( $(date +%s) - t0 ))s" | tee -a "$BUILD/timings.txt"

# rounds x zvols, not `zfs list -t snapshot | wc -l`: under TCG that lists about 50 snapshots a second
zvols=$($SSH 'zfs list -H -o name -t volume -r tank | wc -l')
rounds=$($SSH "zfs list -H -o name -t snapshot 'tank/guests/vm 199:zone/disk-9' | wc -l")
snaps=$(( rounds * zvols ))
fss=$($SSH 'zfs list -H -o name -t filesystem -r tank | wc -l')
echo "counts: filesystems=$fss zvols=$zvols snapshots=$snaps ($rounds rounds)" | tee "$BUILD/counts.txt"
$SSH 'zpool list -Hp tank; zfs version' >> "$BUILD/counts.txt"
t0=$(date +%s)
$SSH 'zpool export tank'
echo "export $(( $(date +%s) - t0 ))s" | tee -a "$BUILD/timings.txt"
"$HERE/stop.sh" -n "$NAME"
trap - EXIT
if [ "$snaps" -ge $(( ROUNDS * 2000 )) ]; then
  mkdir -p "$OUT"
  mv "$BUILD/disk1.qcow2" "$OUT/tank.qcow2"
  cp "$BUILD/counts.txt" "$BUILD/timings.txt" "$BUILD/base-image.txt" "$OUT/"
  touch "$OUT/.complete"
  ln -sfn "$HASH" "$CACHE/bighost/current"
  echo "== complete: $OUT"
else
  echo "== not complete yet ($snaps snapshots); run build-bighost.sh again to continue"
fi
