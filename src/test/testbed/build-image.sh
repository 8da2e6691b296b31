#!/bin/bash
# build-image.sh - build (once, cached) a small Debian bookworm guest image with
# real OpenZFS (DKMS-compiled for the *guest* kernel), openssh-server with a
# generated root key, for ZFS integration tests run inside QEMU/KVM.
# Sluice's copy of ../shared/testbed, with qemu and sudo added to the guest.
#
# Usage (as root on Debian 12):  ./build-image.sh            # OpenZFS 2.3 (bookworm-backports)
#                                ZFS_CHANNEL=bookworm ./build-image.sh   # OpenZFS 2.1.11
# Env:
#   ZFS_TESTBED_CACHE  cache root (default /var/cache/zfs-testbed)
#   ZFS_CHANNEL        backports (default, zfs 2.3.x) | bookworm (zfs 2.1.x)
#   MIRROR, SECMIRROR  Debian and Debian-security mirrors (default: the first matching URI in this
#                      host's own apt sources)
#   FORCE=1            rebuild even if a cached image exists
#
# Output: $ZFS_TESTBED_CACHE/images/<channel>-<hash>/{rootfs.qcow2,vmlinuz,initrd.img,id_ed25519,...}
#         and symlink $ZFS_TESTBED_CACHE/images/<channel>-current -> that dir.
# The <hash> is the sha256 of this script + channel, so editing the script
# invalidates the cache; re-running an unchanged script is a no-op.
set -euo pipefail

CACHE=${ZFS_TESTBED_CACHE:-/var/cache/zfs-testbed}
CHANNEL=${ZFS_CHANNEL:-backports}
# The mirror this host's apt already uses: first URI whose path ends in /$1.
apt_uri() {
  grep -hoE '^(URIs:|deb) +[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
      /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' | grep -E "/$1/?\$" | head -n 1 || true
}
MIRROR=${MIRROR:-$(apt_uri debian)}
SECMIRROR=${SECMIRROR:-$(apt_uri debian-security)}
[ -n "$MIRROR" ] || { echo "no Debian mirror in this host's apt sources; set MIRROR" >&2; exit 2; }
[ -n "$SECMIRROR" ] || SECMIRROR=${MIRROR%/debian}/debian-security
SUITE=bookworm
SELF=$(readlink -f "${BASH_SOURCE[0]}")

case "$CHANNEL" in
  backports) ZFS_TARGET=(-t bookworm-backports) ;;
  bookworm)  ZFS_TARGET=() ;;
  *) echo "ZFS_CHANNEL must be 'backports' or 'bookworm'" >&2; exit 2 ;;
esac

[ "$(id -u)" = 0 ] || { echo "build-image.sh must run as root" >&2; exit 1; }

HASH=$( { cat "$SELF"; echo "channel=$CHANNEL"; } | sha256sum | cut -c1-12)
NAME="$CHANNEL-$HASH"
IMG="$CACHE/images/$NAME"
BUILD="$CACHE/build/$NAME"
ROOT="$BUILD/rootfs"
TIMINGS="$BUILD/timings.txt"
mkdir -p "$CACHE/images" "$CACHE/build"

if [ -f "$IMG/.complete" ] && [ "${FORCE:-0}" != 1 ]; then
  ln -sfn "$NAME" "$CACHE/images/$CHANNEL-current"
  echo "cached image: $IMG"
  exit 0
fi
[ "${FORCE:-0}" = 1 ] && rm -rf "$IMG" "$BUILD"
mkdir -p "$BUILD"
# a half-finished build whose rootfs was removed restarts from debootstrap
[ -d "$ROOT" ] || rm -f "$BUILD"/.stage-debootstrap "$BUILD"/.stage-base "$BUILD"/.stage-zfs \
  "$BUILD"/.stage-configure "$BUILD"/.stage-image "$BUILD/timings.txt"
exec > >(tee -a "$BUILD/build.log") 2>&1
echo "== build $NAME started $(date -Is)"

# ---------------------------------------------------------------- helpers
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

# ---------------------------------------------------------------- stages
s_host_deps() {
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    debootstrap debian-archive-keyring qemu-system-x86 qemu-utils e2fsprogs openssh-client
}

s_debootstrap() {
  rm -rf "$ROOT"; mkdir -p "$ROOT"
  debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$ROOT" "$MIRROR"
}

s_base() {
  # apt sources for the guest: main+contrib, updates, security, backports
  rm -f "$ROOT/etc/apt/sources.list"
  cat > "$ROOT/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates $SUITE-backports
Components: main contrib
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECMIRROR
Suites: $SUITE-security
Components: main contrib
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
  # never start services inside the chroot
  printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"; chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  echo 'zfs-testbed' > "$ROOT/etc/hostname"
  printf '127.0.0.1 localhost\n127.0.1.1 zfs-testbed\n' > "$ROOT/etc/hosts"
  mount_chroot
  apt_in update
  apt_in install systemd systemd-sysv udev kmod dbus iproute2 procps less \
    openssh-server initramfs-tools linux-image-cloud-amd64 linux-headers-cloud-amd64
  # Sluice: qemu inside the guest (image import, a QEMU VM on a zvol for migration tests),
  # sudo for privilege tests, coreutils' sha256sum is already there.
  apt_in install qemu-utils qemu-system-x86 sudo
  # Sluice: libvirt on the OpenZFS 2.3 guest (LibvirtIT: libvirt guests with type='qemu' on zvols)
  if [ "$CHANNEL" = backports ]; then
    apt_in install libvirt-daemon-system libvirt-clients
    # no dnsmasq here: the default NAT network would only fail at every libvirtd start
    rm -f "$ROOT/etc/libvirt/qemu/networks/autostart/default.xml"
  fi
}

s_zfs() {
  mount_chroot
  local kver; kver=$(guest_kver)
  echo "guest kernel: $kver (host: $(uname -r))"
  # the license note of zfs-dkms is informational; pre-seed it anyway
  echo 'zfs-dkms zfs-dkms/note-incompatible-licenses note true' | in_chroot debconf-set-selections
  apt_in "${ZFS_TARGET[@]}" install zfs-dkms zfsutils-linux
  # DKMS' postinst builds for `uname -r` (the HOST kernel, no headers -> skipped)
  # and the newest kernel in /lib/modules. Make sure the guest kernel is built:
  if ! ls "$ROOT/lib/modules/$kver/updates/dkms/"zfs.ko* >/dev/null 2>&1; then
    in_chroot dkms autoinstall -k "$kver"
  fi
  ls -l "$ROOT/lib/modules/$kver/updates/dkms/"
  in_chroot dkms status
  in_chroot depmod -a "$kver"
  in_chroot modinfo -k "$kver" zfs | grep -E '^(filename|version|vermagic)'
}

s_configure() {
  mount_chroot
  local kver; kver=$(guest_kver)
  # networking: static address on QEMU user-net (no DHCP wait); fixed iface name eth0
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
  in_chroot systemctl disable systemd-networkd-wait-online.service 2>/dev/null || true
  in_chroot systemctl mask systemd-networkd-wait-online.service apt-daily.timer \
    apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer 2>/dev/null || true
  in_chroot systemctl enable ssh.service
  # zfs module at boot + the normal zfs units (import/mount/volume wait)
  echo zfs > "$ROOT/etc/modules-load.d/zfs.conf"
  printf 'LABEL=zfs-testbed / ext4 rw,errors=remount-ro 0 1\n' > "$ROOT/etc/fstab"
  # ssh: root login with a generated key only; fast logins
  install -d -m 700 "$ROOT/root/.ssh" "$BUILD/ssh"
  [ -f "$BUILD/ssh/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C zfs-testbed -f "$BUILD/ssh/id_ed25519"
  install -m 600 "$BUILD/ssh/id_ed25519.pub" "$ROOT/root/.ssh/authorized_keys"
  cat > "$ROOT/etc/ssh/sshd_config.d/testbed.conf" <<'EOF'
PermitRootLogin prohibit-password
PasswordAuthentication no
UseDNS no
GSSAPIAuthentication no
EOF
  # serial console root login without password (debug only; guest is reachable
  # only via the host's serial log / 127.0.0.1 hostfwd)
  in_chroot passwd -d root
  # an unprivileged user for permission-denied tests
  in_chroot sh -c 'id tester >/dev/null 2>&1 || useradd -m -s /bin/bash tester'
  in_chroot systemd-machine-id-setup
  [ -f "$ROOT/etc/hostid" ] || in_chroot zgenhostid || true
  rm -f "$ROOT/usr/sbin/policy-rc.d"
  in_chroot update-initramfs -u -k "$kver"
  in_chroot apt-get clean
  rm -rf "$ROOT/var/lib/apt/lists/"* "$ROOT/var/lib/dkms/"*/*/build "$ROOT/usr/share/doc/"* \
         "$ROOT/usr/share/man/"* "$ROOT/var/log/"*.log "$ROOT/var/cache/debconf/"*-old
  # record versions
  {
    echo "guest_kernel=$kver"
    echo "zfs_pkg=$(in_chroot dpkg-query -W -f '${Version}' zfsutils-linux)"
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
  # ext4 root = used size + 50% + 768 MiB headroom (guest writes go to a qcow2 overlay)
  sz_mb=$(( $(du -sm "$ROOT" | cut -f1) * 3 / 2 + 768 ))
  rm -f "$BUILD/rootfs.ext4"
  mkfs.ext4 -q -F -L zfs-testbed -E root_owner=0:0 -d "$ROOT" "$BUILD/rootfs.ext4" "${sz_mb}M"
  qemu-img convert -O qcow2 "$BUILD/rootfs.ext4" "$out/rootfs.qcow2"
  rm -f "$BUILD/rootfs.ext4"
  cp "$BUILD/ssh/id_ed25519" "$BUILD/ssh/id_ed25519.pub" "$BUILD/versions.txt" "$out/"
  chmod 600 "$out/id_ed25519"
  echo "kernel_cmdline=root=/dev/vda rw console=ttyS0 net.ifnames=0 (root disk must be the first virtio disk)" >> "$out/versions.txt"
}

stage host-deps s_host_deps
stage debootstrap s_debootstrap
stage base s_base
stage zfs s_zfs
stage configure s_configure
stage image s_image

cp "$TIMINGS" "$BUILD/out/timings.txt"
rm -rf "$IMG"; mv "$BUILD/out" "$IMG"
touch "$IMG/.complete"
ln -sfn "$NAME" "$CACHE/images/$CHANNEL-current"
# keep the rootfs dir only if asked (it is ~1.5 GB)
[ "${KEEP_ROOTFS:-0}" = 1 ] || rm -rf "$ROOT"
echo "== build $NAME done $(date -Is)"
cat "$IMG/timings.txt"
ls -lsh "$IMG"
