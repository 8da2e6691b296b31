#!/bin/bash
# Sluice's launcher (replaces jpackage's native bin/Sluice, see packaging/build.sh). The native one asks rpm and
# then dpkg which package owns it, twice, before it starts the JVM: 0.4-0.9 s of every start on a Debian
# machine (a `dpkg -S` reads every package's file list). This one starts the bundled runtime straight away,
# with what jpackage wrote into lib/app/Sluice.cfg: the class path, the JVM options and the main class.
# It runs before every start, so it forks as little as it can (each fork is a few ms).
set -e
self=${BASH_SOURCE[0]}
[ -L "$self" ] && self=$(readlink -f "$self") # started through a link, e.g. /usr/bin/sluice
case $self in /*) ;; *) self=$PWD/$self ;; esac
bin=${self%/*}
root=${bin%/*}
cfg="$root/lib/app/Sluice.cfg"
# the cfg's own substitutions: $APPDIR, $BINDIR, $ROOTDIR and ${HOME}
expand() {
  REPLY=$1
  REPLY=${REPLY//'$APPDIR'/$root/lib/app}; REPLY=${REPLY//'$BINDIR'/$root/bin}
  REPLY=${REPLY//'$ROOTDIR'/$root}; REPLY=${REPLY//'${HOME}'/$HOME}
}
opts=() cp="" main=""
while IFS= read -r line || [ -n "$line" ]; do
  case $line in
    java-options=*) expand "${line#java-options=}"; opts+=("$REPLY") ;;
    app.classpath=*) expand "${line#app.classpath=}"; cp+="${cp:+:}$REPLY" ;;
    app.mainclass=*) main=${line#app.mainclass=} ;;
  esac
done < "$cfg"
[ -n "$main" ] || { echo "Sluice: no main class in $cfg" >&2; exit 1; }

# The start-up archive, in the user's cache: the classes a run loaded (and, on Java 25, linked and profiled), mapped
# at the next start instead of loaded, verified and linked again. Java 25's AOT cache took the first frame from
# 1.6 s to 1.4 s here; older runtimes get an AppCDS archive. The first run writes it at its exit (an AOT cache takes
# its JVM about 5 s more to exit, once); its name carries the installed jars and runtime, so an upgrade writes a
# new one (and the old ones go). Sluice itself drops one a handed-over run wrote, or one the JVM could not map
# (CdsArchive): a cache cut short, or spoilt, costs one slow start, never a failed one. Never through a link: a link
# where the cache would be means no archive.
archive=() major=0
while IFS= read -r line; do
  case $line in JAVA_VERSION=\"*) major=${line#JAVA_VERSION=\"}; major=${major%%[!0-9]*} ;; esac
done < "$root/lib/runtime/release" || true
cache="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/sluice"
[ -d "$cache" ] || mkdir -p -m 700 "$cache" 2>/dev/null || true
if [ -d "$cache" ] && [ ! -L "$cache" ] && [ -w "$cache" ]; then
  if [ "${major:-0}" -ge 25 ]; then
    key=$(stat -L -c '%n %s %Y' "$root"/lib/app/*.jar "$root/lib/runtime/lib/modules" 2>/dev/null | cksum)
    aot="$cache/sluice-${key%% *}.aot"
    if [ -L "$aot" ] || { [ -e "$aot" ] && [ ! -f "$aot" ]; }; then
      :
    elif [ -f "$aot" ]; then
      archive=("-XX:AOTCache=$aot")
    elif pgrep -u "$EUID" -f -- '-XX:AOTCacheOutput=' >/dev/null 2>&1; then
      : # another Sluice writes one now (this start most likely hands over to it): two at once spoil each other
    else
      find "$cache" -maxdepth 1 -type f \( -name 'sluice-*.aot' -o -name 'sluice.jsa' \) -delete 2>/dev/null || true
      archive=("-XX:AOTCacheOutput=$aot")
    fi
    [ ${#archive[@]} -eq 0 ] || archive+=(-Xlog:aot=off -Xlog:cds=off)
  elif [ ! -L "$cache/sluice.jsa" ]; then
    archive=(-XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$cache/sluice.jsa" -Xlog:cds=off)
  fi
fi
exec "$root/lib/runtime/bin/java" "${opts[@]}" "${archive[@]}" "-Djpackage.app-path=$self" -cp "$cp" "$main" "$@"
