#!/usr/bin/env bash
# Installs what is missing on a Debian/Ubuntu machine, then restores and builds. Safe to run again.
# `./testbed` and `./test.sh` run it themselves when needed; --packages installs the Debian packages only; --tests adds the
# checkers only the tests use (silx: large, so the main job does not install it).
set -euo pipefail
cd "$(dirname "$0")"
packages_only=0 tests=0
for a in "$@"; do
  case "$a" in
    --packages) packages_only=1 ;;
    --tests) tests=1 ;;
    *) echo "setup.sh: unknown option '$a'; use --packages and/or --tests" >&2; exit 2 ;;
  esac
done

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v h5dump >/dev/null 2>&1 || missing+=(hdf5-tools)
# The dashboard's browser test drives Debian's headless Chromium over the DevTools protocol.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The independent checkers run under Debian's own interpreter, where python3-* packages install.
/usr/bin/python3 -c 'import h5py' >/dev/null 2>&1 || missing+=(python3-h5py)
/usr/bin/python3 -c 'import serial' >/dev/null 2>&1 || missing+=(python3-serial)
# Scenario files are checked against their JSON Schema by Debian's jsonschema (an editor's view of the format).
/usr/bin/python3 -c 'import jsonschema, yaml' >/dev/null 2>&1 || missing+=(python3-jsonschema python3-yaml)
# The scan files are also read by ESRF's silx (its default-plot and NXdata rules), as beamline users view them.
if ((tests)); then /usr/bin/python3 -c 'import silx.io.nxdata' >/dev/null 2>&1 || missing+=(python3-silx); fi

if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else sudo=(none); fi
  if [ "${sudo[0]:-}" = none ]; then
    echo "setup.sh: missing Debian packages: ${missing[*]}" >&2
    echo "setup.sh: run as root or install sudo, or ask an administrator for: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup.sh: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  # Installing redis-server may also start a system Redis on port 6379; testbed never uses it unless told to (--redis).
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
((packages_only)) && exit 0

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup.sh: the .NET 10 SDK is not installed; install the package dotnet-sdk-10.0 and run ./setup.sh again." >&2
  exit 1
fi

dotnet restore Testbed.sln
dotnet build Testbed.sln -c Release --no-restore -nologo -v quiet
mkdir -p artifacts && touch artifacts/.built
echo "setup.sh: built. Next: ./testbed demo   (tests: ./test.sh)"
