#!/bin/bash
# vbox-fixtures.sh - runs INSIDE the unstable test guest (OpenZFS 2.4 + VirtualBox 7.2, as root, fresh
# disks). The seed scenario's VBoxManage commands on real zvols, saving real outputs the way
# guest-fixtures.sh does (MANIFEST.tsv: file, exit code, stream, exact command). VBoxManage runs
# without its kernel module, so every call may warn on stderr; running a VM is the only thing that fails.
# Usage: SCENARIO=vbox-fixtures.sh ZFS_CHANNEL=unstable ./capture-fixtures.sh OUTDIR
set -u
FX=${FX:-/root/fixtures}
rm -rf "$FX" /vms; mkdir -p "$FX" /vms
D1=/dev/disk/by-id/virtio-tb-disk${FIX_DISK:-1}   # FIX_DISK=4: beside guest-fixtures.sh on disks 1-3
PASS='correct horse battery'
out() {
  local name=$1; shift; local cmd="$*" rc
  bash -c "$cmd" >"$FX/$name.txt" 2>"$FX/$name.stderr.txt"; rc=$?
  [ -s "$FX/$name.stderr.txt" ] || rm -f "$FX/$name.stderr.txt"
  printf '%s\t%s\t%s\t%s\n' "$name.txt" "$rc" stdout "$cmd" >>"$FX/MANIFEST.tsv"
  [ -f "$FX/$name.stderr.txt" ] && printf '%s\t%s\t%s\t%s\n' "$name.stderr.txt" "$rc" stderr "$cmd" >>"$FX/MANIFEST.tsv"
  return 0
}
err() {
  local name=$1; shift; local cmd="$*" rc
  bash -c "$cmd" >"$FX/$name.stdout.txt" 2>"$FX/$name.txt"; rc=$?
  [ -s "$FX/$name.stdout.txt" ] || rm -f "$FX/$name.stdout.txt"
  printf '%s\t%s\t%s\t%s\n' "$name.txt" "$rc" stderr "$cmd" >>"$FX/MANIFEST.tsv"
  [ -f "$FX/$name.stdout.txt" ] && printf '%s\t%s\t%s\t%s\n' "$name.stdout.txt" "$rc" stdout "$cmd" >>"$FX/MANIFEST.tsv"
  return 0
}
V=VBoxManage

out vboxmanage-version "$V --version"
# every VM state name this VBoxManage can print (its machineStateToName table)
out vboxmanage-state-names "grep -aoE '\\b(poweroff|saved|teleported|aborted|aborted-saved|running|paused|gurumeditation|teleporting|livesnapshotting|starting|stopping|saving|restoring|teleportingpausedvm|teleportingin|deletingsnapshotlive|deletingsnapshotlivepaused|onlinesnapshotting|restoringsnapshot|deletingsnapshot|settingup|snapshotting)\\b' /usr/lib/virtualbox/VBoxManage | sort -u"
zpool create -f vfix "$D1"
zfs create vfix/vm
zfs create -V 64M "vfix/vm/seed disk"
udevadm settle
out zvol-links-name-with-space "ls -l /dev/zvol/vfix/vm/"
DEV=$(ls -d /dev/zvol/vfix/vm/seed* | head -n 1)
echo "$DEV" > "$FX/seed-device-path.txt"

out createvm "$V createvm --name 'seed vm' --register --basefolder /vms"
out storagectl-sata "$V storagectl 'seed vm' --name SATA --add sata --controller IntelAhci --portcount 4 --bootable on"
out createmedium-rawdisk "$V createmedium disk --filename '/vms/seed vm/seed disk.vmdk' --format VMDK --variant RawDisk --property 'RawDrive=$DEV'"
cp "/vms/seed vm/seed disk.vmdk" "$FX/rawvmdk-7.2-fullDevice.vmdk"
out storageattach-writethrough "$V storageattach 'seed vm' --storagectl SATA --port 0 --device 0 --type hdd --medium '/vms/seed vm/seed disk.vmdk' --mtype writethrough"
out showvminfo-one-controller "$V showvminfo 'seed vm' --machinereadable"
out storagectl-ide "$V storagectl 'seed vm' --name IDE --add ide"
out storageattach-dvd-empty "$V storageattach 'seed vm' --storagectl IDE --port 1 --device 0 --type dvddrive --medium emptydrive"
truncate -s 1M /vms/tools.iso
out storageattach-dvd-iso "$V storageattach 'seed vm' --storagectl IDE --port 0 --device 0 --type dvddrive --medium /vms/tools.iso"
out showvminfo-two-controllers-dvd "$V showvminfo 'seed vm' --machinereadable"
out modifyvm-description "$V modifyvm 'seed vm' --description \"\$(printf 'Seed VM for Sluice.\\nVMState=\"running\"\\n\"SATA-0-0\"=\"/not/a/disk.vmdk\"\\nname=\"not the name\"')\""
out showvminfo-description "$V showvminfo 'seed vm' --machinereadable"
out snapshot-take "$V snapshot 'seed vm' take s1 --description 'before the upgrade'"
out snapshot-take-2 "$V snapshot 'seed vm' take s2"
out showvminfo-snapshots "$V showvminfo 'seed vm' --machinereadable"
out snapshot-list "$V snapshot 'seed vm' list --machinereadable"
out list-vms "$V list vms"
out list-hdds "$V list hdds"
err controlvm-poweroff-not-running "$V controlvm 'seed vm' poweroff"
err controlvm-acpi-not-running "$V controlvm 'seed vm' acpipowerbutton"
err startvm-no-kernel-module "$V startvm 'seed vm' --type headless"
out showvminfo-after-failed-start "$V showvminfo 'seed vm' --machinereadable"
out storageattach-none "$V storageattach 'seed vm' --storagectl SATA --port 0 --device 0 --medium none"
err closemedium-delete-snapshot-in-use "$V closemedium disk '/vms/seed vm/seed disk.vmdk' --delete"
err createmedium-path-exists "$V createmedium disk --filename '/vms/seed vm/seed disk.vmdk' --format VMDK --variant RawDisk --property 'RawDrive=$DEV'"
out createrawvmdk-6x-syntax "$V internalcommands createrawvmdk -filename /vms/old-syntax.vmdk -rawdisk '$DEV'"
err createmedium-missing-device "$V createmedium disk --filename /vms/gone.vmdk --format VMDK --variant RawDisk --property RawDrive=/dev/zvol/vfix/vm/no-such-disk"
out gone-vmdk-left-behind "ls -l /vms/gone.vmdk 2>&1 || true"

# a raw VMDK whose zvol is destroyed, then closed with --delete: what stays behind
out createvm-plain "$V createvm --name plain --register --basefolder /vms"
out storagectl-plain "$V storagectl plain --name SATA --add sata --portcount 2"
zfs create -V 32M vfix/vm/doomed; udevadm settle
out createmedium-doomed "$V createmedium disk --filename /vms/plain/doomed.vmdk --format VMDK --variant RawDisk --property RawDrive=/dev/zvol/vfix/vm/doomed"
zfs destroy vfix/vm/doomed; udevadm settle
out list-hdds-device-destroyed "$V list hdds"
err closemedium-delete-device-gone "$V closemedium disk /vms/plain/doomed.vmdk --delete"
out descriptor-after-delete-device-gone "ls -l /vms/plain/; cat /vms/plain/doomed.vmdk"
out list-hdds-after-delete-device-gone "$V list hdds"

# an encrypted zvol whose key is unloaded: on Linux its device node goes away
echo "$PASS" | zfs create -o encryption=on -o keyformat=passphrase -o keylocation=prompt vfix/crypt
zfs create -V 32M vfix/crypt/disk; udevadm settle
out createmedium-crypt "$V createmedium disk --filename /vms/plain/crypt.vmdk --format VMDK --variant RawDisk --property RawDrive=/dev/zvol/vfix/crypt/disk"
out storageattach-crypt "$V storageattach plain --storagectl SATA --port 0 --device 0 --type hdd --medium /vms/plain/crypt.vmdk --mtype writethrough"
zfs unmount vfix/crypt; zfs unload-key vfix/crypt; udevadm settle   # a mounted encryption root keeps its key
out zvol-device-key-unloaded "ls -l /dev/zvol/vfix/crypt/ 2>&1; zfs get -Hp -o name,property,value keystatus,encryptionroot vfix/crypt/disk"
out list-hdds-key-unloaded "$V list hdds"
err showmediuminfo-key-unloaded "$V showmediuminfo disk /vms/plain/crypt.vmdk"
err createmedium-key-unloaded "$V createmedium disk --filename /vms/plain/crypt2.vmdk --format VMDK --variant RawDisk --property RawDrive=/dev/zvol/vfix/crypt/disk"
echo "$PASS" | zfs load-key vfix/crypt; udevadm settle
out list-hdds-key-loaded-again "$V list hdds"
$V list runningvms >/dev/null 2>&1; sleep 1
exit 0
