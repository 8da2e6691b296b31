#!/bin/bash
# ci-prepare.sh - make this machine ready for `./mvnw -Ptestbed test`: the host packages the
# testbed needs, then the three guest images, built in parallel: OpenZFS 2.3 and 2.1
# (build-image.sh) and OpenZFS 2.4 with VirtualBox 7.2 (build-image-vbox.sh). Images are cached
# under $ZFS_TESTBED_CACHE/images, keyed by their build script's content: with the cache warm this
# is a no-op that takes a second.
#
# Usage (as root on Debian 12):  src/test/testbed/ci-prepare.sh [CHANNEL...]
#   CHANNEL: backports (OpenZFS 2.3), bookworm (OpenZFS 2.1), unstable (OpenZFS 2.4 + VirtualBox
#            7.2); default all three.
# Exit status: non-zero when a package install or an image build fails (build log tail printed).
set -euo pipefail

HERE=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
CACHE=${ZFS_TESTBED_CACHE:-/var/cache/zfs-testbed}
CHANNELS=("$@")
[ ${#CHANNELS[@]} -gt 0 ] || CHANNELS=(backports bookworm unstable)
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
# The images build in parallel (most of a build is DKMS compiling on every core, the rest is
# downloads and disk): with three images this is far shorter than one after the other.
declare -A PID T LOG
for ch in "${CHANNELS[@]}"; do
  case "$ch" in
    backports|bookworm) builder="$HERE/build-image.sh"
      # the host packages s_host_deps would install are installed above; parallel builds would
      # race for apt's lock there, so that stage is marked done (build dir = channel + script hash)
      hash=$( { cat "$builder"; echo "channel=$ch"; } | sha256sum | cut -c1-12)
      if [ ! -f "$CACHE/images/$ch-$hash/.complete" ]; then
        mkdir -p "$CACHE/build/$ch-$hash"; touch "$CACHE/build/$ch-$hash/.stage-host-deps"
      fi ;;
    unstable) builder="$HERE/build-image-vbox.sh" ;;
    *) echo "unknown channel '$ch' (backports|bookworm|unstable)" >&2; exit 2 ;;
  esac
  T[$ch]=$(now)
  LOG[$ch]="$CACHE/ci-prepare-$ch.log"
  # one build per channel at a time, even if two CI jobs share the cache
  ZFS_CHANNEL=$ch flock "$CACHE/.build-$ch.lock" "$builder" >"${LOG[$ch]}" 2>&1 &
  PID[$ch]=$!
done
FAILED=0
for ch in "${CHANNELS[@]}"; do
  if ! wait "${PID[$ch]}"; then
    echo "image build for $ch failed; last lines of ${LOG[$ch]}:" >&2
    tail -n 40 "${LOG[$ch]}" >&2
    FAILED=1
    continue
  fi
  img=$(readlink -f "$CACHE/images/$ch-current")
  echo "timing image-$ch $(since "${T[$ch]}") s ($(tail -n 1 "${LOG[$ch]}"))"
  sed "s/^/  $ch: /" "$img/versions.txt"
done
[ "$FAILED" = 0 ] || exit 1
echo "timing total $(since "$T0") s"
