#!/usr/bin/env bash
# Makes Debian's faketime (libfaketime) available for the moved-clock test runs. Idempotent: a fast no-op when it is
# installed. Prints the path of the multi-threaded preload library (libfaketimeMT), which .NET's threads need.
set -euo pipefail

find_library() { ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -1; }

if [ -z "$(find_library)" ]; then
  echo "faketime not found: installing Debian's faketime" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo -E"; fi
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq faketime >/dev/null
fi

library=$(find_library)
[ -n "$library" ] || { echo "libfaketimeMT.so.1 not found after installing faketime" >&2; exit 1; }
echo "$library"
