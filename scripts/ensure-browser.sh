#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser tests (Playwright drives it; no browser is downloaded
# from anywhere else). Idempotent: a fast no-op when chromium is already on the PATH. Prints its path.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium not found: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo -E"; fi
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

command -v chromium
