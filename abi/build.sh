# abi/build.sh - shared by abi/update.sh and abi/check.sh (sourced, not run).
#
# abi_build DIR: configure this tree in DIR with CFLAGS='-g -O0', build,
# `make install DESTDIR=DIR/inst` and set ABI_INC (installed include dir)
# and ABI_LIB (the real file of the installed shared library).
#
# SPDX-License-Identifier: MIT

abi_build()
{
    abi_dir=$1
    mkdir -p "$abi_dir"
    (
        cd "$abi_dir"
        # a govidx build directory configured from another source tree starts afresh
        if [ -f Makefile ] && grep -qx "PACKAGE_NAME = govidx" Makefile &&
        ! grep -qx "abs_top_srcdir = $srcdir" Makefile; then
            rm -rf ./* ./.[!.]* 2>/dev/null || true
        fi
        if [ ! -f Makefile ]; then
            "$srcdir/configure" -q --prefix=/usr/local CFLAGS='-g -O0'
        fi
        make -j"${JOBS:-2}" lib/libgovidx.la >/dev/null
        rm -rf inst
        make install-libLTLIBRARIES install-includeHEADERS install-govidxincHEADERS \
            DESTDIR="$abi_dir/inst" >/dev/null
    )
    ABI_INC=$abi_dir/inst/usr/local/include
    ABI_LIB=
    for f in "$abi_dir"/inst/usr/local/lib/libgovidx.so.*.*.*; do
        [ -f "$f" ] && [ ! -L "$f" ] && ABI_LIB=$f
    done
    if [ -z "$ABI_LIB" ]; then
        echo "abi: no installed libgovidx.so.X.Y.Z under $abi_dir/inst" >&2
        exit 2
    fi
}
