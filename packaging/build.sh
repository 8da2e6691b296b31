#!/usr/bin/env bash
# build.sh - package Sluice with jpackage: an app image, a .deb and an .rpm, under packaging/out/.
#
# Usage: packaging/build.sh [app-image|deb|rpm ...]   (default: all three)
# Needs a JDK >= 21 with jpackage (the newest under /usr/lib/jvm is used, like ./mvnw does),
# fakeroot + dpkg-deb for .deb, rpmbuild (Debian package `rpm`) for .rpm; missing ones are
# installed with apt-get when running as root.
set -euo pipefail
HERE=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
ROOT=$(dirname "$HERE")
OUT="$HERE/out"
TYPES=("$@"); [ ${#TYPES[@]} -gt 0 ] || TYPES=(app-image deb rpm)

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jpackage" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    jdk=${jdk%/}
    if [ -x "$jdk/bin/jpackage" ] && [ "$(java_major "$jdk")" -ge 21 ]; then export JAVA_HOME=$jdk; break; fi
  done
fi
[ -x "${JAVA_HOME:-}/bin/jpackage" ] || { echo "no JDK >= 21 with jpackage found; set JAVA_HOME" >&2; exit 1; }

need=()
for t in "${TYPES[@]}"; do
  case $t in
    deb) command -v fakeroot >/dev/null || need+=(fakeroot); command -v dpkg-deb >/dev/null || need+=(dpkg) ;;
    rpm) command -v rpmbuild >/dev/null || need+=(rpm) ;;
  esac
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} (install them, e.g. sudo apt-get install ${need[*]})" >&2; exit 1
  fi
fi

VERSION=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$ROOT/pom.xml" | head -n1)
APPVER=${VERSION%-SNAPSHOT}
cd "$ROOT"
./mvnw -q -B -DskipTests -Dsluice.setup.skip=true package dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory=target/jpackage-input
cp target/sluice-"$VERSION".jar target/jpackage-input/sluice.jar

rm -rf "$OUT"; mkdir -p "$OUT"
# what the app image and the packages made from it both say
META=(--name Sluice --app-version "$APPVER" --vendor "Sluice developers"
      --description "Desktop console for virtual machines on ZFS: pools, zvols, snapshots, migration, throughput"
      --icon "$ROOT/assets/icon/sluice-256.png" --dest "$OUT")
COMMON=("${META[@]}"
        --input target/jpackage-input --main-jar sluice.jar --main-class dev.sluice.app.Launcher
        --java-options "--enable-native-access=ALL-UNNAMED"
        # the start-up archive (an AOT cache on Java 25, else AppCDS) is the launcher's: linux/launcher.sh
        # AppCDS and the AOT cache need the runtime's own base archive, which jlink makes only with bin/java present
        --jlink-options "--strip-debug --no-man-pages --no-header-files --generate-cds-archive")
LINUX=(--linux-package-name sluice --linux-app-category System --linux-menu-group "System;Monitor;"
       --linux-shortcut --resource-dir "$HERE/linux" --install-dir /opt
       --linux-deb-maintainer "sluice@sluice.dev" --license-file "$HERE/LICENSE.txt")
# the app image first, with Sluice's own launcher in place of jpackage's native one (linux/launcher.sh says why);
# the .deb and .rpm are made from that image
echo "== jpackage --type app-image"
"$JAVA_HOME/bin/jpackage" --type app-image "${COMMON[@]}"
install -m 755 "$HERE/linux/launcher.sh" "$OUT/Sluice/bin/Sluice"
PKG=(--app-image "$OUT/Sluice" "${META[@]}")
for t in "${TYPES[@]}"; do
  case $t in
    app-image) ;;
    deb) echo "== jpackage --type deb"
         "$JAVA_HOME/bin/jpackage" --type deb "${PKG[@]}" "${LINUX[@]}" \
           --linux-package-deps "libgtk-3-0, libgl1, libxtst6, libxxf86vm1" ;;
    rpm) echo "== jpackage --type rpm"
         "$JAVA_HOME/bin/jpackage" --type rpm "${PKG[@]}" "${LINUX[@]}" \
           --linux-package-deps "gtk3, mesa-libGL, libXtst, libXxf86vm" --linux-rpm-license-type "Apache-2.0" ;;
  esac
done
ls -la "$OUT"
