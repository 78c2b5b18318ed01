#!/usr/bin/env bash
# Makes the openssl command available (Debian's openssl), for scripts that make a throwaway certificate for the data
# protection key ring. Idempotent: a fast no-op when it is installed.
set -euo pipefail
if ! command -v openssl >/dev/null 2>&1; then
  echo "openssl not found: installing Debian's openssl" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo -E"; fi
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq openssl >/dev/null
fi
command -v openssl >/dev/null 2>&1 || { echo "openssl not found after installing it" >&2; exit 1; }
