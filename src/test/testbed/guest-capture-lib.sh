#!/bin/bash
# guest-capture-lib.sh - helpers for the capture scenarios (guest-fixtures*.sh). capture-fixtures.sh
# sends this file first, then the scenario, to 'bash -s' in the guest. Each helper runs one command,
# keeps its real output under $FX and adds a line to $FX/MANIFEST.tsv:
# file <TAB> exit-code <TAB> stream <TAB> exact command.
set -u
FX=${FX:-/root/fixtures}
rm -rf "$FX"; mkdir -p "$FX"
V23=0; zfs version 2>/dev/null | grep -q '^zfs-2\.[3-9]' && V23=1

# out NAME CMD...  : stdout -> NAME.txt (stderr, if any, -> NAME.stderr.txt)
out() {
  local name=$1; shift; local cmd="$*" rc
  bash -c "$cmd" >"$FX/$name.txt" 2>"$FX/$name.stderr.txt"; rc=$?
  [ -s "$FX/$name.stderr.txt" ] || rm -f "$FX/$name.stderr.txt"
  printf '%s\t%s\t%s\t%s\n' "$name.txt" "$rc" stdout "$cmd" >>"$FX/MANIFEST.tsv"
  [ -f "$FX/$name.stderr.txt" ] && printf '%s\t%s\t%s\t%s\n' "$name.stderr.txt" "$rc" stderr "$cmd" >>"$FX/MANIFEST.tsv"
  return 0
}
# err NAME CMD...  : expected failure; stderr -> NAME.txt (stdout, if any, -> NAME.stdout.txt)
err() {
  local name=$1; shift; local cmd="$*" rc
  bash -c "$cmd" >"$FX/$name.stdout.txt" 2>"$FX/$name.txt"; rc=$?
  [ -s "$FX/$name.stdout.txt" ] || rm -f "$FX/$name.stdout.txt"
  printf '%s\t%s\t%s\t%s\n' "$name.txt" "$rc" stderr "$cmd" >>"$FX/MANIFEST.tsv"
  [ -f "$FX/$name.stdout.txt" ] && printf '%s\t%s\t%s\t%s\n' "$name.stdout.txt" "$rc" stdout "$cmd" >>"$FX/MANIFEST.tsv"
  return 0
}
# both NAME CMD... : stdout+stderr interleaved -> NAME.txt
both() {
  local name=$1; shift; local cmd="$*" rc
  bash -c "$cmd" >"$FX/$name.txt" 2>&1; rc=$?
  printf '%s\t%s\t%s\t%s\n' "$name.txt" "$rc" "stdout+stderr" "$cmd" >>"$FX/MANIFEST.tsv"
  return 0
}
q() { "$@" >/dev/null 2>&1; }   # setup step, output not kept

