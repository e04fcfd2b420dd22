#!/bin/sh
# Installs Debian's Chromium (and its driver) for the browser tests, when it is missing.
# Playwright's own browser download cannot work here: the tests drive /usr/bin/chromium.
set -e
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "install-browser: /usr/bin/chromium is missing; run as root (apt-get install chromium chromium-driver)" >&2
    echo "install-browser: the browser tests will be skipped" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get here; the browser tests will be skipped" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
echo "install-browser: installed $(/usr/bin/chromium --version 2>/dev/null)"
