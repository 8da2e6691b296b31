#!/bin/sh
# ensure-host-packages.sh - install the Debian packages Sluice's run and tests need, once.
# Maven runs this in its `initialize` phase (so `./mvnw javafx:run` and `./mvnw test` work on a
# fresh machine). It only installs what is missing, only as root with apt-get; otherwise it prints
# the apt line to run and carries on. Skip with -Dsluice.setup.skip=true.
set -u
# what `./mvnw javafx:run` needs (JavaFX unpacks its natives at run time and loads GTK and GL)
# a TrueType CJK font: JavaFX does not fall back to CFF-outline fonts such as Noto Sans CJK (Chinese showed as boxes)
RUN_PKGS="libgtk-3-0 libgl1 libxtst6 libxxf86vm1 fonts-noto-cjk fonts-wqy-microhei"
# what the test suite needs: a real sshd for the SSH transport tests, sudo for the privilege tests,
# real qemu for the QEMU tests, socat for QMP over a stream, Xvfb for screenshots
TEST_PKGS="openssh-server openssh-client sudo tcsh fish procps qemu-utils qemu-system-x86 socat xvfb"

missing=""
for p in $RUN_PKGS $TEST_PKGS; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "sluice setup: missing packages:$missing (no apt-get here: install their equivalents by hand)" >&2
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "sluice setup: missing packages:$missing" >&2
  echo "sluice setup: run: sudo apt-get install -y$missing" >&2
  exit 0
fi
echo "sluice setup: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null 2>&1 || true
apt-get install -y -q --no-install-recommends $missing >/dev/null || {
  echo "sluice setup: apt-get install failed for:$missing" >&2
}
exit 0
