#!/usr/bin/env bash
# ci-prepare.sh - host packages and both testbed images (cached: a no-op when present).
set -euo pipefail
HERE=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
for ch in backports bookworm; do
  t0=$(date +%s)
  ZFS_CHANNEL=$ch "$HERE/build-image.sh" | tail -n 3
  echo "testbed image $ch ready in $(( $(date +%s) - t0 )) s"
done
