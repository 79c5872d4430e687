"""The in-tree PEP 517 build backend of the govidx Python package.

Why not setuptools: pip builds a project in an isolated environment and
first downloads the backend named in pyproject.toml's `requires`, so with
setuptools `pip install ./bindings/python` fails without network (Debian's
pip has no index to fetch it from).  This package is two pure-Python files
and needs no compilation, so its wheel is simple enough to write directly
with the standard library (zipfile), following the wheel format (PEP 427,
the RECORD hashes of PEP 376) and the core metadata specification 2.1.
`requires = []`: the isolated build needs nothing, and
`pip install ./bindings/python` works offline.
"""
import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bindings/python
PACKAGE = "govidx"


def _project():
    """name, version, summary and requires-python from pyproject.toml's
    [project] table (the one place they are written)."""
    with open(os.path.join(HERE, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    project = text.split("[project]", 1)[1].split("\n[", 1)[0]
    fields = dict(re.findall(r'^(name|version|description|requires-python)\s*=\s*"([^"]*)"', project, re.M))
    return fields["name"], fields["version"], fields.get("description", ""), fields.get("requires-python")


def _metadata():
    name, version, summary, python = _project()
    lines = ["Metadata-Version: 2.1", "Name: " + name, "Version: " + version, "Summary: " + summary,
             "License: MIT"]
    if python:
        lines.append("Requires-Python: " + python)
    lines += ["Requires-Dist: numpy", "Provides-Extra: pandas", 'Requires-Dist: pandas; extra == "pandas"']
    return "\n".join(lines) + "\n"


def _package_files():
    """(archive name, path) of every .py file of the package, sorted."""
    out = []
    root = os.path.join(HERE, PACKAGE)
    for fn in sorted(os.listdir(root)):
        # _build_config.py is written by `make install` only, for that libdir
        if fn.endswith(".py") and fn != "_build_config.py":
            out.append((PACKAGE + "/" + fn, os.path.join(root, fn)))
    return out


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return "%s,sha256=%s,%d" % (arcname, digest, len(data))


def _write_wheel(wheel_directory, editable=False):
    name, version, _, _ = _project()
    dist_info = "%s-%s.dist-info" % (name, version)
    wheel_name = "%s-%s-py3-none-any.whl" % (name, version)
    entries = []
    if editable:  # PEP 660: a .pth file putting the source folder on sys.path
        entries.append((name + ".pth", (HERE + "\n").encode("utf-8")))
    else:
        for arcname, path in _package_files():
            with open(path, "rb") as f:
                entries.append((arcname, f.read()))
    entries.append((dist_info + "/METADATA", _metadata().encode("utf-8")))
    entries.append((dist_info + "/WHEEL", ("Wheel-Version: 1.0\nGenerator: govidx_build\n"
                                           "Root-Is-Purelib: true\nTag: py3-none-any\n").encode("ascii")))
    record = [_record_line(a, d) for a, d in entries] + [dist_info + "/RECORD,,"]
    entries.append((dist_info + "/RECORD", ("\n".join(record) + "\n").encode("utf-8")))
    path = os.path.join(wheel_directory, wheel_name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for arcname, data in entries:
            info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))  # reproducible
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return wheel_name


# -- PEP 517 hooks -----------------------------------------------------------

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, editable=True)


def build_sdist(sdist_directory, config_settings=None):
    name, version, _, _ = _project()
    base = "%s-%s" % (name, version)
    path = os.path.join(sdist_directory, base + ".tar.gz")
    members = [("pyproject.toml", os.path.join(HERE, "pyproject.toml")),
               ("_build/govidx_build.py", os.path.abspath(__file__))] + _package_files()
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as t:
        for arcname, src in members:
            with open(src, "rb") as f:
                data = f.read()
            info = tarfile.TarInfo(base + "/" + arcname)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            t.addfile(info, io.BytesIO(data))
        pkg_info = _metadata().encode("utf-8")
        info = tarfile.TarInfo(base + "/PKG-INFO")
        info.size, info.mode, info.mtime = len(pkg_info), 0o644, 0
        t.addfile(info, io.BytesIO(pkg_info))
    return base + ".tar.gz"
