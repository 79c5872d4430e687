"""Locations for the tests: the source tree (shipped datasets) and the
govidx CLI to compare with.  `make check` sets GOVIDX_SRCDIR, GOVIDX_BUILDDIR
and GOVIDX_LIBRARY; run by hand from the source tree they default to it and
to build/."""
import os
import pathlib

import pytest

HERE = pathlib.Path(__file__).resolve().parent
SRCDIR = pathlib.Path(os.environ.get("GOVIDX_SRCDIR", HERE.parents[2]))
BUILDDIR = pathlib.Path(os.environ.get("GOVIDX_BUILDDIR", SRCDIR / "build"))


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
