#!/bin/bash
# guest-fixtures-names.sh - runs INSIDE the test guest (as root, fresh empty disks), after
# guest-capture-lib.sh. Issue 13's cases, for the parser tests: a zvol whose name has spaces (its
# udev links and partition link), property values holding tabs and newlines, a rollback blocked
# by more newer snapshots than zfs lists, and a busy pool (raidz1, special, dedup, log, cache,
# spare; checksum errors repaired by a scrub; one leg offline: DEGRADED).
# Usage: SCENARIO=guest-fixtures-names.sh ./capture-fixtures.sh OUTDIR
D1=/dev/disk/by-id/virtio-tb-disk1
VOL='tank/vm disks/web 1'
DEV='/dev/zvol/tank/vm+disks/web+1'
B=/var/tmp/sluice-busy

out zfs-version                 'zfs version'
out zpool-create-tank           "zpool create -f tank $D1"

# ------------------------------------------------------------------ a zvol with spaces, and its links
q zfs create -p 'tank/vm disks'
out zfs-create-zvol-spaces      "zfs create -V 16M '$VOL'"
q zfs create -V 16M tank/plain
q udevadm settle
# one MBR partition (sectors 2048..32767), so udev adds a -part1 link as it does for a guest's disk
q bash -c "printf '\x00\x00\x21\x00\x83\x00\x00\x00\x00\x08\x00\x00\x00\x78\x00\x00' | dd of='$DEV' bs=1 seek=446 conv=notrunc status=none && printf '\x55\xaa' | dd of='$DEV' bs=1 seek=510 conv=notrunc status=none && blockdev --rereadpt '$DEV'; udevadm settle"
out find-dev-zvol-spaces        "find /dev/zvol -type l -printf '%p\t%l\n' | sort"
out ls-dev-zvol-spaces          'ls -lR /dev/zvol/tank'
out test-b-space-path           "test -b '/dev/zvol/$VOL' && echo exists || echo 'no such device'"
out test-b-plus-path            "test -b '$DEV' && echo exists || echo 'no such device'"
out proc-diskstats-zd-spaces    "grep -E ' zd[0-9]+(p[0-9]+)? ' /proc/diskstats"
out zfs-list-Hp-spaces          'zfs list -Hp -t volume -o name,volsize -r tank'

# ------------------------------------------------------------------ property values with a tab and a newline
q zfs create 'tank/props'
q zfs create 'tank/props/child'
q zfs set "com.example:note=$(printf 'before\tafter')" tank/props
q zfs set "com.example:lines=$(printf 'line one\nline two\twith a tab')" tank/props
out zfs-get-Hp-tab-newline      "zfs get -Hp -o name,property,value,source com.example:note,com.example:lines,compression tank/props tank/props/child"
out zfs-get-Hp-all-inherits-tab 'zfs get -Hp -o name,property,value,source all tank/props/child'

# ------------------------------------------------------------------ rollback past more newer snapshots than zfs lists
q zfs create -V 8M tank/rb
q bash -c 'for i in $(seq -w 0 39); do zfs snapshot tank/rb@s$i || exit 1; done; zfs bookmark tank/rb@s39 tank/rb#mark'
err zfs-rollback-newer-limited  'zfs rollback tank/rb@s00'
err zfs-rollback-newer-few      'zfs rollback tank/rb@s36'
q zfs clone tank/rb@s38 tank/rb-clone
err zfs-rollback-r-clones       'zfs rollback -r tank/rb@s36'

# ------------------------------------------------------------------ a busy pool: every vdev class, errors, DEGRADED
q rm -rf $B
q mkdir -p $B
q truncate -s 256M $B/r1 $B/r2 $B/r3
q truncate -s 128M $B/special $B/dedup $B/log $B/cache $B/spare
out zpool-create-busy           "zpool create -f busy raidz1 $B/r1 $B/r2 $B/r3 special $B/special dedup $B/dedup log $B/log cache $B/cache spare $B/spare"
q zfs create -V 64M busy/vol
q udevadm settle
q dd if=/dev/urandom of=/dev/zvol/busy/vol bs=1M count=48 oflag=direct conv=fsync status=none
q zpool sync busy
out zpool-list-Hpv-busy-online  'zpool list -Hpv busy'
[ "$V23" = 1 ] && out zpool-status-j-json-int-busy-online 'zpool status -j --json-int busy'
# damage one leg behind ZFS's back; the scrub repairs it from parity and counts the errors
q dd if=/dev/urandom of=$B/r3 bs=1M seek=8 count=32 conv=notrunc,fsync status=none
q zpool scrub -w busy
q zpool offline busy $B/r2
out zpool-list-Hpv-busy-degraded 'zpool list -Hpv busy'
out zpool-list-Hp-busy-degraded 'zpool list -Hp -o name,size,alloc,free,frag,cap,dedup,health,altroot,guid busy'
[ "$V23" = 1 ] && out zpool-status-j-json-int-busy-degraded 'zpool status -j --json-int busy'
out zpool-status-busy-degraded  'zpool status busy'
