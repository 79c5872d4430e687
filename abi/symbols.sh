#!/bin/sh
# abi/symbols.sh - print one sorted set of function names, one a line.
# The ABI checks compare these sets; every set comes from here, so the
# checks cannot disagree about what a "symbol" is.
#
#   abi/symbols.sh headers INCDIR   GOVIDX_API declarations in INCDIR/govidx.h
#                                   and INCDIR/govidx/*.h (the public API)
#   abi/symbols.sh map FILE         names under global: in a version script
#   abi/symbols.sh exports LIB      defined dynamic symbols of a shared library
#                                   (nm -D; version suffix dropped, the
#                                   version-node symbols (type A) left out)
#   abi/symbols.sh versions LIB     the same as "NAME NODE" (NODE empty when
#                                   the symbol is unversioned)
#   abi/symbols.sh baseline FILE    elf-symbol names of an abidw XML
#                                   (functions and variables)
#
# SPDX-License-Identifier: MIT
set -eu

what=${1:?usage: abi/symbols.sh headers|map|exports|versions|baseline PATH}
path=${2:?usage: abi/symbols.sh $what PATH}
[ -e "$path" ] || { echo "abi/symbols.sh: $path: not found" >&2; exit 2; }

case $what in
headers)
    # A declaration runs from GOVIDX_API to its ';'; the function name is the
    # last identifier before the first '('.  Comments are dropped first.
    for h in "$path/govidx.h" "$path"/govidx/*.h; do
        [ -f "$h" ] && cat "$h"
    done | awk '
        function emit(s,   n, a, i) {
            sub(/\(.*/, "", s)
            n = split(s, a, /[^A-Za-z0-9_]+/)
            for (i = n; i > 0 && a[i] == ""; i--) ;
            if (i == 0 || a[i] == "GOVIDX_API") { print "abi/symbols.sh: cannot parse: " s > "/dev/stderr"; bad = 1; return }
            print a[i]
        }
        {
            line = $0
            gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, " ", line)   # one-line comments
            sub(/\/\/.*/, "", line)
        }
        line ~ /^[ \t]*#/ { next }
        collecting { buf = buf " " line; if (index(line, ";")) { emit(buf); collecting = 0 } ; next }
        line ~ /(^|[^A-Za-z0-9_])GOVIDX_API([^A-Za-z0-9_]|$)/ {
            buf = line; if (index(line, ";")) emit(buf); else collecting = 1
        }
        END { exit bad }' | LC_ALL=C sort -u
    ;;
map)
    # global: entries, comments (also multi-line ones) dropped first
    sed -e ':a' -e '/\/\*/{' -e '/\*\//!{' -e 'N' -e 'ba' -e '}' -e '}' -e 's:/\*[^*]*\*\+\([^/*][^*]*\*\+\)*/::g' "$path" | awk '
        /global:/ { g = 1; next }
        /local:/ { g = 0; next }
        /}/ { g = 0 }
        g { gsub(/[ \t;]/, ""); if ($0 != "") print }' | LC_ALL=C sort -u
    ;;
exports | versions)
    nm -D --defined-only "$path" | awk -v what="$what" '
        $2 ~ /^[TDBRVWiGSu]$/ {
            name = $3; node = ""
            if (match(name, /@@?/)) { node = substr(name, RSTART + RLENGTH); name = substr(name, 1, RSTART - 1) }
            print (what == "exports") ? name : name " " node
        }' | LC_ALL=C sort -u
    ;;
baseline)
    awk '/<elf-(function|variable)-symbols>/ { s = 1; next }
         /<\/elf-(function|variable)-symbols>/ { s = 0 }
         s && /<elf-symbol / { if (match($0, /name=.[^"'"'"']*/)) print substr($0, RSTART + 6, RLENGTH - 6) }' \
        "$path" | LC_ALL=C sort -u
    ;;
*)
    echo "abi/symbols.sh: unknown set '$what'" >&2
    exit 2
    ;;
esac
