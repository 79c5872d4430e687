#!/bin/sh
# Build each example against the staged installation with pkg-config only,
# then run it on the shipped data.  Called by `make check` (check-examples).
set -eu
pc="$STAGE$LIBDIR/pkgconfig"
# Only govidx.pc is visible (PKG_CONFIG_LIBDIR replaces the system
# directories): a consumer needs none of the dependencies' .pc files.
export PKG_CONFIG_LIBDIR="$pc" PKG_CONFIG_PATH= PKG_CONFIG_SYSROOT_DIR="$STAGE"
flags=$(pkg-config --cflags --libs govidx)
# The installed validator helper, not one of the build tree.
GOVIDX_LIBEXECDIR="$STAGE$PKGLIBEXECDIR"
export GOVIDX_LIBEXECDIR
if [ ! -x "$GOVIDX_LIBEXECDIR/govidx-validate-helper" ]; then
  echo "FAIL: govidx-validate-helper is not installed in $PKGLIBEXECDIR"; exit 1
fi
mkdir -p "$OUT"
fail=0

# What some examples must print: published numbers, or the shape of a table.
expected()
{
  case "$1" in
    dea_matrix) # CCR-I of the 12 hospitals, Cooper, Seiford & Tone (2007)
      awk 'NR > 1 { printf "%s %s\n", $1, $2 }' "$2" | tr '\n' ' ' |
        grep -q '^A 1.0000 B 1.0000 C 0.8827 D 1.0000 E 0.7635 F 0.8348 G 0.9020 H 0.7963 I 0.9604 J 0.8706 K 0.9551 L 0.9582 $' ;;
    headline_indices) # the year, two header lines and one ranked row per city of the demo (30)
      [ "$(awk 'NR > 3 && NF >= 7' "$2" | wc -l)" -eq 30 ] ;;
    *) true ;;
  esac
}
for src in "$@"; do
  name=$(basename "$src" .c)
  # shellcheck disable=SC2086
  if ! $CC -std=c11 -Wall -Werror "$SRCDIR/$src" $flags -o "$OUT/$name"; then
    echo "FAIL: example $name does not build against the installed library"; fail=1; continue
  fi
  args=""
  case "$name" in
    dataset_summary) args="$SRCDIR/datasets/demo-cities.h5" ;;
    dataset_index) cp "$SRCDIR/datasets/demo-cities.h5" "$OUT/city.h5"; chmod u+w "$OUT/city.h5"
                   args="$OUT/city.h5" ;;
    collaboration) args="$SRCDIR/datasets/demo-cities.h5 beijing" ;;
    headline_indices) args="$SRCDIR/datasets/demo-cities.h5" ;;
  esac
  if LD_LIBRARY_PATH="$STAGE$LIBDIR" "$OUT/$name" $args >"$OUT/$name.out" 2>&1 &&
     expected "$name" "$OUT/$name.out"; then
    echo "PASS: example $name"
  else
    echo "FAIL: example $name"; cat "$OUT/$name.out"; fail=1
  fi
done

# The Python package as `make install` put it: `import govidx` from the
# installed pythondir finds the package and its recorded libdir (the
# staged library through the loader path, as the staging moved it).
# A sanitizer build (tools/check-sanitizers.sh, check-tsan.sh) cannot be
# loaded by an uninstrumented python3: the plain build runs this check.
sanitized=0
for l in "$STAGE$LIBDIR"/libgovidx.so.*; do
  nm -D "$l" 2>/dev/null | grep -q ' U __[at]san_\| U __ubsan_' && sanitized=1
  break
done
if [ $sanitized = 1 ]; then
  echo "SKIP: import govidx after make install (the library is built with a sanitizer runtime)"
elif [ -n "${PYTHONDIR:-}" ] && [ -n "${PYTHON:-}" ] && [ "$PYTHON" != ":" ] &&
   "$PYTHON" -c "import numpy" 2>/dev/null; then
  if PYTHONPATH="$STAGE$PYTHONDIR" LD_LIBRARY_PATH="$STAGE$LIBDIR" "$PYTHON" -c "
import sys, govidx
from govidx import _build_config
assert govidx.__file__.startswith('$STAGE$PYTHONDIR/govidx/'), govidx.__file__
assert _build_config.LIBDIR == '$LIBDIR', _build_config.LIBDIR
ds = govidx.open('$SRCDIR/datasets/demo-cities.h5')
assert len(ds.units) == 30
print(govidx.version())" >"$OUT/python-import.out" 2>&1; then
    echo "PASS: import govidx after make install ($(cat "$OUT/python-import.out"))"
  else
    echo "FAIL: import govidx after make install"; cat "$OUT/python-import.out"; fail=1
  fi
fi
exit $fail
