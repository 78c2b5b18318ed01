#!/usr/bin/env bash
# Makes Debian's faketime (libfaketime) available for the moved-clock test runs. Idempotent: a fast no-op when it is
# installed. Prints the path of the preload library. The plain libfaketime, not libfaketimeMT: the latter's lock around
# every clock read deadlocked a test host now and then (.NET suspends threads with signals, which can land inside it).
set -euo pipefail

find_library() { ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1; }

if [ -z "$(find_library)" ]; then
  echo "faketime not found: installing Debian's faketime" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo -E"; fi
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq faketime >/dev/null
fi

library=$(find_library)
[ -n "$library" ] || { echo "libfaketime.so.1 not found after installing faketime" >&2; exit 1; }
echo "$library"
