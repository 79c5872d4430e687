#!/bin/bash
# Install the Debian 12 packages govidx needs to build, test and benchmark.
# Skips apt when everything is already there.
set -euo pipefail
pkgs=(build-essential autoconf automake libtool pkg-config autoconf-archive
      libhdf5-dev hdf5-tools libopenblas-dev liblapacke-dev coinor-libclp-dev
      libcsv-dev libjansson-dev libdouble-conversion-dev libcairo2-dev fonts-noto-cjk libcunit1-dev python3 python3-venv python3-pip python3-setuptools python3-wheel
      python3-numpy python3-pytest python3-h5py python3-pandas abigail-tools valgrind clang gcovr
      libxlsxwriter-dev nettle-dev chromium python3-openpyxl)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
