"""Locations for the tests: the source tree (shipped datasets) and the
govidx CLI to compare with.  `make check` sets GOVIDX_SRCDIR, GOVIDX_BUILDDIR
and GOVIDX_LIBRARY; run by hand from the source tree they default to it and
to build/."""
import os
import pathlib

import pytest
import sys

HERE = pathlib.Path(__file__).resolve().parent
SRCDIR = pathlib.Path(os.environ.get("GOVIDX_SRCDIR", HERE.parents[2]))
BUILDDIR = pathlib.Path(os.environ.get("GOVIDX_BUILDDIR", SRCDIR / "build"))

# Run as `pytest` in a clone built per the README (build/ next to the
# sources): test that build's library and validator helper unless told
# otherwise.  Set before the tests import govidx.
_built = BUILDDIR / "lib" / ".libs" / "libgovidx.so.0"
if "GOVIDX_LIBRARY" not in os.environ and _built.exists():
    os.environ["GOVIDX_LIBRARY"] = str(_built)
if "GOVIDX_LIBEXECDIR" not in os.environ and (BUILDDIR / "tools" / "govidx-validate-helper").exists():
    os.environ["GOVIDX_LIBEXECDIR"] = str(BUILDDIR / "tools")

# the installed package when there is one (pip, make install), else this
# source tree's (so a plain `pytest` works without installing)
try:
    import govidx  # noqa: F401
except ImportError:
    sys.path.insert(0, str(HERE.parent))


def _cli():
    for p in (BUILDDIR / "tools" / "govidx",):
        if p.exists():
            return str(p)
    import shutil
    return shutil.which("govidx")


@pytest.fixture(scope="session")
def srcdir():
    return SRCDIR


@pytest.fixture(scope="session")
def cli():
    c = _cli()
    if not c:
        pytest.skip("the govidx command is neither built in %s nor installed" % BUILDDIR)
    return c


@pytest.fixture(scope="session")
def demo(srcdir):
    return str(srcdir / "datasets" / "demo-cities.h5")
