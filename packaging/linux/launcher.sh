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
exec "$root/lib/runtime/bin/java" "${opts[@]}" "-Djpackage.app-path=$self" -cp "$cp" "$main" "$@"
