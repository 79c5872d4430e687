"""docs/python.md runs as written: its Python blocks, in order, in a
scratch directory holding the shipped datasets/ the tutorial names."""
import os
import re

import pytest


def test_tutorial_runs(srcdir, tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    text = (srcdir / "docs" / "python.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 2
    os.symlink(srcdir / "datasets", tmp_path / "datasets")
    monkeypatch.chdir(tmp_path)
    scope = {}
    for code in blocks:
        exec(compile(code, "docs/python.md", "exec"), scope)
    assert (tmp_path / "scores.csv").exists() and (tmp_path / "mine.h5").exists()
