# abi/build.sh - shared by abi/update.sh, abi/check.sh and tests/abi-break.tap
# (sourced, not run).  Needs $srcdir (the source tree to build) and
# $abi_top (the tree holding abi/symbols.sh).
#
# abi_build DIR: configure $srcdir in DIR with CFLAGS='-g -O0' and the
# source and build paths mapped to /govidx and /govidx-build (once; later
# calls reuse the configured DIR and let make rebuild what changed), build
# only lib/libgovidx.la, `make install DESTDIR=DIR/inst` of the library and
# headers, and set ABI_INC (installed include dir) and ABI_LIB (the real file
# of the installed shared library).
#
# abi_compare BASELINE INC LIB: the gate.  Fails (returns 1) when the
# exported function set of LIB differs from BASELINE's in either direction
# (the names are printed), or when `abidiff --headers-dir2 INC BASELINE LIB`
# exits non-zero.  abidiff's status is a bit field (1 error, 2 usage, 4 ABI
# change, 8 incompatible change); a signature or struct-layout change sets
# only bit 4 and an added function only bit 4, so ANY non-zero status fails
# (docs/ENGINEERING.md section 2).  No --no-added-syms: additions fail too.
#
# SPDX-License-Identifier: MIT

abi_build()
{
    abi_dir=$1
    mkdir -p "$abi_dir"
    (
        cd "$abi_dir"
        # the source and build paths mapped, so the baseline abidw records
        # from DWARF does not change with the directories it was built in
        cflags="-g -O0 -fdebug-prefix-map=$srcdir=/govidx -fdebug-prefix-map=$abi_dir=/govidx-build"
        # a govidx build directory configured from another source tree or
        # with other flags starts afresh
        if [ -f Makefile ] && grep -qx "PACKAGE_NAME = govidx" Makefile &&
        { ! grep -qxF "abs_top_srcdir = $srcdir" Makefile || ! grep -qxF "CFLAGS = $cflags" Makefile; }; then
            rm -rf ./* ./.[!.]* 2>/dev/null || true
        fi
        if [ ! -f Makefile ]; then
            "$srcdir/configure" -q --prefix=/usr/local CFLAGS="$cflags" >/dev/null
        fi
        make -j"${JOBS:-2}" lib/libgovidx.la >/dev/null
        rm -rf inst
        # quiet (libtool's "remember to run libtool --finish"), but shown on failure
        make install-libLTLIBRARIES install-includeHEADERS install-govidxincHEADERS \
            DESTDIR="$abi_dir/inst" >install.log 2>&1 || { cat install.log >&2; exit 1; }
    ) || return 2
    ABI_INC=$abi_dir/inst/usr/local/include
    ABI_LIB=
    for f in "$abi_dir"/inst/usr/local/lib/libgovidx.so.*.*.*; do
        [ -f "$f" ] && [ ! -L "$f" ] && ABI_LIB=$f
    done
    if [ -z "$ABI_LIB" ]; then
        echo "abi: no installed libgovidx.so.X.Y.Z under $abi_dir/inst" >&2
        return 2
    fi
}

# Names in the file $1 and not in the file $2, on one line.
abi_only_in()
{
    LC_ALL=C comm -23 "$1" "$2" | tr '\n' ' ' | sed 's/ $//'
}

abi_compare()
{
    abi_base=$1 abi_inc=$2 abi_lib=$3
    abi_tmp=$(mktemp -d "${TMPDIR:-/tmp}/govidx-abi.XXXXXX")
    sh "$abi_top/abi/symbols.sh" baseline "$abi_base" >"$abi_tmp/base"
    sh "$abi_top/abi/symbols.sh" exports "$abi_lib" >"$abi_tmp/lib"
    abi_fail=0
    abi_added=$(abi_only_in "$abi_tmp/lib" "$abi_tmp/base")
    abi_removed=$(abi_only_in "$abi_tmp/base" "$abi_tmp/lib")
    rm -rf "$abi_tmp"
    if [ -n "$abi_added" ]; then
        echo "abi: exported but not in the baseline: $abi_added" >&2
        abi_fail=1
    fi
    if [ -n "$abi_removed" ]; then
        echo "abi: in the baseline but not exported: $abi_removed" >&2
        abi_fail=1
    fi
    abi_status=0
    abidiff --headers-dir2 "$abi_inc" "$abi_base" "$abi_lib" || abi_status=$?
    if [ "$abi_status" -ne 0 ]; then
        echo "abi: abidiff exit status $abi_status (ABI differs from $abi_base)" >&2
        abi_fail=1
    fi
    return $abi_fail
}
