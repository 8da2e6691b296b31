#!/bin/bash
# Sluice's launcher (replaces jpackage's native bin/Sluice, see packaging/build.sh). The native one asks rpm and
# then dpkg which package owns it, twice, before it starts the JVM: 0.4-0.9 s of every start on a Debian
# machine (a `dpkg -S` reads every package's file list). This one starts the bundled runtime straight away,
# with what jpackage wrote into lib/app/Sluice.cfg: the class path, the JVM options and the main class.
set -e
self=$(readlink -f "${BASH_SOURCE[0]}")
root=$(dirname "$(dirname "$self")")
cfg="$root/lib/app/Sluice.cfg"
# the cfg's own substitutions: $APPDIR, $BINDIR, $ROOTDIR and ${HOME}
expand() {
  local v=$1
  v=${v//'$APPDIR'/$root/lib/app}; v=${v//'$BINDIR'/$root/bin}; v=${v//'$ROOTDIR'/$root}; v=${v//'${HOME}'/$HOME}
  printf '%s' "$v"
}
opts=() cp="" main=""
while IFS= read -r line || [ -n "$line" ]; do
  case $line in
    java-options=*) opts+=("$(expand "${line#java-options=}")") ;;
    app.classpath=*) cp+="${cp:+:}$(expand "${line#app.classpath=}")" ;;
    app.mainclass=*) main=${line#app.mainclass=} ;;
  esac
done < "$cfg"
[ -n "$main" ] || { echo "Sluice: no main class in $cfg" >&2; exit 1; }

# The start-up archive, in the user's cache: the classes a run loaded (and, on Java 25, linked and profiled), mapped
# at the next start instead of loaded, verified and linked again. Java 25's AOT cache took the first frame from
# 1.6 s to 1.4 s here; older runtimes get an AppCDS archive. The first run writes it at its exit (an AOT cache takes
# its JVM about 5 s more to exit, once); its name carries the installed jars and runtime, so an upgrade writes a
# new one (and the old ones go). Sluice itself drops one a handed-over run wrote, or one the JVM could not map
# (CdsArchive). Never through a link: a link where the cache would be means no archive.
archive=()
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$root/lib/runtime/release" 2>/dev/null)
cache="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/sluice"
if mkdir -p -m 700 "$cache" 2>/dev/null && [ ! -L "$cache" ] && [ -w "$cache" ]; then
  if [ "${major:-0}" -ge 25 ]; then
    key=$(stat -L -c '%n %s %Y' "$root"/lib/app/*.jar "$root/lib/runtime/lib/modules" 2>/dev/null | cksum | cut -d' ' -f1)
    aot="$cache/sluice-$key.aot"
    if [ -L "$aot" ] || { [ -e "$aot" ] && [ ! -f "$aot" ]; }; then
      :
    elif [ -f "$aot" ]; then
      archive=("-XX:AOTCache=$aot" -Xlog:aot=off -Xlog:cds=off)
    else
      find "$cache" -maxdepth 1 -type f \( -name 'sluice-*.aot' -o -name 'sluice.jsa' \) -delete 2>/dev/null || true
      archive=("-XX:AOTCacheOutput=$aot" -Xlog:aot=off -Xlog:cds=off)
    fi
  elif [ ! -L "$cache/sluice.jsa" ]; then
    archive=(-XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$cache/sluice.jsa" -Xlog:cds=off)
  fi
fi
exec "$root/lib/runtime/bin/java" "${opts[@]}" "${archive[@]}" "-Djpackage.app-path=$self" -cp "$cp" "$main" "$@"
