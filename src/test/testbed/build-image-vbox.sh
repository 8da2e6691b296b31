#!/bin/bash
# build-image-vbox.sh - build (once, cached) the third testbed guest: Debian unstable with
# OpenZFS 2.4 (zfs-dkms built for the guest kernel) and VirtualBox 7.2's VBoxManage, so the
# VirtualBox support meets the real tool. VMs cannot run in it (TCG has no VT-x); everything
# else VBoxManage does works without its kernel module, which is built only if DKMS manages.
#
# A separate script on purpose: build-image.sh's content is the cache key of the 2.3 and 2.1
# images, so this one repeats its few helpers instead of sharing them (see README).
#
# Usage (as root on Debian 12):  ./build-image-vbox.sh      (channel `unstable`)
# Env: ZFS_TESTBED_CACHE (default /var/cache/zfs-testbed), MIRROR (default: this host's own
#      Debian mirror), FORCE=1 (rebuild), KEEP_ROOTFS=1 (keep the build chroot)
# Output: $ZFS_TESTBED_CACHE/images/unstable-<hash>/ and the symlink images/unstable-current;
#         <hash> covers this script only, so editing it rebuilds this image and no other.
set -euo pipefail

CACHE=${ZFS_TESTBED_CACHE:-/var/cache/zfs-testbed}
CHANNEL=unstable
apt_uri() {
  grep -hoE '^(URIs:|deb) +[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
      /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' | grep -E "/$1/?\$" | head -n 1 || true
}
MIRROR=${MIRROR:-$(apt_uri debian)}
[ -n "$MIRROR" ] || { echo "no Debian mirror in this host's apt sources; set MIRROR" >&2; exit 2; }
SUITE=sid
SELF=$(readlink -f "${BASH_SOURCE[0]}")
[ "$(id -u)" = 0 ] || { echo "build-image-vbox.sh must run as root" >&2; exit 1; }

HASH=$( { cat "$SELF"; echo "channel=$CHANNEL"; } | sha256sum | cut -c1-12)
NAME="$CHANNEL-$HASH"
IMG="$CACHE/images/$NAME"
BUILD="$CACHE/build/$NAME"
ROOT="$BUILD/rootfs"
TIMINGS="$BUILD/timings.txt"
STAGES=(debootstrap base zfs vbox configure image)
mkdir -p "$CACHE/images" "$CACHE/build"

if [ -f "$IMG/.complete" ] && [ "${FORCE:-0}" != 1 ]; then
  ln -sfn "$NAME" "$CACHE/images/$CHANNEL-current"
  echo "cached image: $IMG"
  exit 0
fi
[ "${FORCE:-0}" = 1 ] && rm -rf "$IMG" "$BUILD"
mkdir -p "$BUILD"
if [ ! -d "$ROOT" ]; then for s in "${STAGES[@]}"; do rm -f "$BUILD/.stage-$s"; done; rm -f "$TIMINGS"; fi
exec > >(tee -a "$BUILD/build.log") 2>&1
echo "== build $NAME started $(date -Is)"

umount_chroot() {
  local m
  for m in dev/pts dev sys proc; do
    if mountpoint -q "$ROOT/$m" 2>/dev/null; then umount -l "$ROOT/$m" || true; fi
  done
}
mount_chroot() {
  mountpoint -q "$ROOT/proc"    || mount -t proc proc "$ROOT/proc"
  mountpoint -q "$ROOT/sys"     || mount -t sysfs sysfs "$ROOT/sys"
  mountpoint -q "$ROOT/dev"     || mount --bind /dev "$ROOT/dev"
  mountpoint -q "$ROOT/dev/pts" || mount --bind /dev/pts "$ROOT/dev/pts"
}
trap umount_chroot EXIT
in_chroot() {
  LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true \
    PATH=/usr/sbin:/usr/bin:/sbin:/bin chroot "$ROOT" "$@"
}
apt_in() {
  in_chroot apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    --no-install-recommends "$@"
}
stage() { # stage NAME FUNC : run once, record wall time
  local name=$1 fn=$2 t0 t1
  if [ -f "$BUILD/.stage-$name" ]; then echo "== stage $name: already done"; return 0; fi
  echo "== stage $name: start $(date -Is)"
  t0=$(date +%s)
  "$fn"
  t1=$(date +%s)
  echo "$name $((t1 - t0))s" >> "$TIMINGS"
  touch "$BUILD/.stage-$name"
  echo "== stage $name: done in $((t1 - t0))s"
}
guest_kver() { ls "$ROOT/lib/modules" | sort -V | tail -n1; }
# the host packages (debootstrap, qemu-utils, e2fsprogs ...) are ci-prepare.sh's job
command -v debootstrap >/dev/null && command -v qemu-img >/dev/null && command -v mkfs.ext4 >/dev/null \
  || { echo "missing host tools: run ci-prepare.sh (or install debootstrap qemu-utils e2fsprogs)" >&2; exit 1; }

s_debootstrap() {
  rm -rf "$ROOT"; mkdir -p "$ROOT"
  debootstrap --variant=minbase --components=main,contrib --include=ca-certificates "$SUITE" "$ROOT" "$MIRROR"
}

s_base() {
  rm -f "$ROOT/etc/apt/sources.list"
  cat > "$ROOT/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE
Components: main contrib
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  # the mirror's unstable Release file can be older than its validity window
  echo 'Acquire::Check-Valid-Until "false";' > "$ROOT/etc/apt/apt.conf.d/99no-valid-until"
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"; chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  echo 'zfs-testbed' > "$ROOT/etc/hostname"
  printf '127.0.0.1 localhost\n127.0.1.1 zfs-testbed\n' > "$ROOT/etc/hosts"
  mount_chroot
  apt_in update
  apt_in install systemd systemd-sysv udev kmod dbus iproute2 procps less \
    openssh-server initramfs-tools linux-image-cloud-amd64 linux-headers-cloud-amd64 sudo qemu-utils
  # newer systemd ships networkd as its own package
  if in_chroot apt-cache show systemd-networkd >/dev/null 2>&1; then apt_in install systemd-networkd; fi
}

s_zfs() {
  mount_chroot
  local kver; kver=$(guest_kver)
  echo "guest kernel: $kver (host: $(uname -r))"
  echo 'zfs-dkms zfs-dkms/note-incompatible-licenses note true' | in_chroot debconf-set-selections
  apt_in install zfs-dkms zfsutils-linux
  if ! ls "$ROOT/lib/modules/$kver/updates/dkms/"zfs.ko* >/dev/null 2>&1; then
    in_chroot dkms autoinstall -k "$kver"
  fi
  ls -l "$ROOT/lib/modules/$kver/updates/dkms/"
  in_chroot depmod -a "$kver"
  in_chroot modinfo -k "$kver" zfs | grep -E '^(filename|version|vermagic)'
}

s_vbox() {
  mount_chroot
  local kver; kver=$(guest_kver)
  # virtualbox depends on virtualbox-dkms; if its module does not build for this kernel, the
  # package stays half-configured: keep VBoxManage (all the tests need) and note it.
  if ! apt_in install virtualbox; then
    echo "virtualbox-dkms did not configure for $kver; continuing without the vboxdrv module"
    in_chroot dkms remove virtualbox --all || true
    in_chroot dpkg --configure -a || true
  fi
  in_chroot test -x /usr/bin/VBoxManage
  if ls "$ROOT/lib/modules/$kver/updates/dkms/"vboxdrv.ko* >/dev/null 2>&1; then
    echo yes > "$BUILD/vbox-module"; else echo no > "$BUILD/vbox-module"; fi
  in_chroot dkms status || true
}

s_configure() {
  mount_chroot
  local kver; kver=$(guest_kver)
  mkdir -p "$ROOT/etc/systemd/network"
  cat > "$ROOT/etc/systemd/network/10-eth.network" <<'EOF'
[Match]
Name=eth0 en*

[Network]
Address=10.0.2.15/24
Gateway=10.0.2.2
DNS=10.0.2.3
LinkLocalAddressing=no
IPv6AcceptRA=no
EOF
  : > "$ROOT/etc/resolv.conf"
  in_chroot systemctl enable systemd-networkd.service
  in_chroot systemctl mask systemd-networkd-wait-online.service apt-daily.timer \
    apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer 2>/dev/null || true
  in_chroot systemctl enable ssh.service
  echo zfs > "$ROOT/etc/modules-load.d/zfs.conf"
  printf 'LABEL=zfs-testbed / ext4 rw,errors=remount-ro 0 1\n' > "$ROOT/etc/fstab"
  install -d -m 700 "$ROOT/root/.ssh" "$BUILD/ssh"
  [ -f "$BUILD/ssh/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C zfs-testbed -f "$BUILD/ssh/id_ed25519"
  install -m 600 "$BUILD/ssh/id_ed25519.pub" "$ROOT/root/.ssh/authorized_keys"
  mkdir -p "$ROOT/etc/ssh/sshd_config.d"
  cat > "$ROOT/etc/ssh/sshd_config.d/testbed.conf" <<'EOF'
PermitRootLogin prohibit-password
PasswordAuthentication no
UseDNS no
GSSAPIAuthentication no
EOF
  in_chroot passwd -d root
  in_chroot sh -c 'id tester >/dev/null 2>&1 || useradd -m -s /bin/bash tester'
  in_chroot systemd-machine-id-setup
  [ -f "$ROOT/etc/hostid" ] || in_chroot zgenhostid || true
  rm -f "$ROOT/usr/sbin/policy-rc.d"
  in_chroot update-initramfs -u -k "$kver"
  in_chroot apt-get clean
  rm -rf "$ROOT/var/lib/apt/lists/"* "$ROOT/var/lib/dkms/"*/*/build "$ROOT/usr/share/doc/"* \
         "$ROOT/usr/share/man/"* "$ROOT/var/log/"*.log "$ROOT/var/cache/debconf/"*-old
  {
    echo "guest_kernel=$kver"
    echo "zfs_pkg=$(in_chroot dpkg-query -W -f '${Version}' zfsutils-linux)"
    echo "virtualbox_pkg=$(in_chroot dpkg-query -W -f '${Version}' virtualbox)"
    echo "vbox_module=$(cat "$BUILD/vbox-module")"
    echo "channel=$CHANNEL"
    echo "built=$(date -Is)"
  } > "$BUILD/versions.txt"
}

s_image() {
  umount_chroot
  local kver sz_mb; kver=$(guest_kver)
  local out="$BUILD/out"; rm -rf "$out"; mkdir -p "$out"
  cp "$ROOT/boot/vmlinuz-$kver" "$out/vmlinuz"
  cp "$ROOT/boot/initrd.img-$kver" "$out/initrd.img"
  sz_mb=$(( $(du -sm "$ROOT" | cut -f1) * 3 / 2 + 768 ))
  rm -f "$BUILD/rootfs.ext4"
  mkfs.ext4 -q -F -L zfs-testbed -E root_owner=0:0 -d "$ROOT" "$BUILD/rootfs.ext4" "${sz_mb}M"
  qemu-img convert -O qcow2 "$BUILD/rootfs.ext4" "$out/rootfs.qcow2"
  rm -f "$BUILD/rootfs.ext4"
  cp "$BUILD/ssh/id_ed25519" "$BUILD/ssh/id_ed25519.pub" "$BUILD/versions.txt" "$out/"
  chmod 600 "$out/id_ed25519"
  echo "kernel_cmdline=root=/dev/vda rw console=ttyS0 net.ifnames=0 (root disk must be the first virtio disk)" >> "$out/versions.txt"
}

stage debootstrap s_debootstrap
stage base s_base
stage zfs s_zfs
stage vbox s_vbox
stage configure s_configure
stage image s_image

cp "$TIMINGS" "$BUILD/out/timings.txt"
rm -rf "$IMG"; mv "$BUILD/out" "$IMG"
touch "$IMG/.complete"
ln -sfn "$NAME" "$CACHE/images/$CHANNEL-current"
[ "${KEEP_ROOTFS:-0}" = 1 ] || rm -rf "$ROOT"
echo "== build $NAME done $(date -Is)"
cat "$IMG/timings.txt"
ls -lsh "$IMG"
