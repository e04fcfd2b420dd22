#!/bin/sh
# Installs Debian's Java 17 runtime for Spark (`unspun batch` and its tests), when it is missing.
set -e
if command -v java >/dev/null 2>&1 && java -version 2>&1 | grep -q 'version "\(1[7-9]\|2[0-9]\)'; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "install-java: Java 17 is missing; run as root (apt-get install openjdk-17-jre-headless)" >&2
    echo "install-java: the Spark tests will be skipped" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-java: no apt-get here; the Spark tests will be skipped" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# the JRE's post-install step expects the man page folders that slim images leave out
mkdir -p /usr/share/man/man1
apt-get update -qq
apt-get install -y -qq openjdk-17-jre-headless >/dev/null
echo "install-java: installed $(java -version 2>&1 | head -1)"
