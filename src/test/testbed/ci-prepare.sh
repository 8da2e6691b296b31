#!/bin/bash
# ci-prepare.sh - make this machine ready for `./mvnw -Ptestbed test`: the host packages the
# testbed needs, then both guest images (OpenZFS 2.3 and 2.1). Images are cached under
# $ZFS_TESTBED_CACHE/images, keyed by build-image.sh's content: with the cache warm this is
# a no-op that takes a second. A cold build takes ~6-7 min per image on 2 cores.
#
# Usage (as root on Debian 12):  src/test/testbed/ci-prepare.sh [CHANNEL...]
#   CHANNEL: backports (OpenZFS 2.3) and/or bookworm (OpenZFS 2.1); default both.
# Exit status: non-zero when a package install or an image build fails (build log tail printed).
set -euo pipefail

HERE=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
CACHE=${ZFS_TESTBED_CACHE:-/var/cache/zfs-testbed}
CHANNELS=("$@")
[ ${#CHANNELS[@]} -gt 0 ] || CHANNELS=(backports bookworm)
[ "$(id -u)" = 0 ] || { echo "ci-prepare.sh must run as root (debootstrap, chroot, mkfs)" >&2; exit 1; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
T0=$(now)

# qemu-system-x86/qemu-utils: run the guest and make its disks; debootstrap + keyring + e2fsprogs:
# build the image; openssh-client: the harness and Sluice's SSH transport reach the guest with it.
PKGS=(qemu-system-x86 qemu-utils debootstrap debian-archive-keyring e2fsprogs openssh-client)
MISSING=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || MISSING+=("$p")
done
t=$(now)
if [ ${#MISSING[@]} -gt 0 ]; then
  echo "installing: ${MISSING[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${MISSING[@]}"
fi
echo "timing host-packages $(since "$t") s"

mkdir -p "$CACHE"
# A build killed with SIGKILL (its EXIT trap never ran) leaves /proc, /sys and a bind mount of the
# host's /dev inside its chroot; the next build's `rm -rf` of that chroot would then delete host
# device nodes. Unmount whatever is left under the build trees first, deepest first.
if [ -d "$CACHE/build" ]; then
  awk -v root="$CACHE/build/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
    echo "unmounting leftover $m"; umount -l "$m" || true
  done
fi
for ch in "${CHANNELS[@]}"; do
  case "$ch" in backports|bookworm) ;; *) echo "unknown channel '$ch' (backports|bookworm)" >&2; exit 2 ;; esac
  t=$(now)
  log="$CACHE/ci-prepare-$ch.log"
  # one build per channel at a time, even if two CI jobs share the cache
  if ! ZFS_CHANNEL=$ch flock "$CACHE/.build-$ch.lock" "$HERE/build-image.sh" >"$log" 2>&1; then
    echo "image build for $ch failed; last lines of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  img=$(readlink -f "$CACHE/images/$ch-current")
  echo "timing image-$ch $(since "$t") s ($(tail -n 1 "$log"))"
  sed "s/^/  $ch: /" "$img/versions.txt"
done
echo "timing total $(since "$T0") s"
