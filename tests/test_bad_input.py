"""A corpus with broken files still builds; a crash never damages the previous output."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.samples import SAMPLE_FILES
from test_reading import BAD_FILES


def _corpus_with_bad_files(root: Path) -> tuple[Path, dict[str, str]]:
    """The two samples plus one file of every kind of damage; name → expected reason."""
    corpus = root / "corpus"
    corpus.mkdir()
    for p in SAMPLE_FILES:
        shutil.copy(p, corpus / p.name)
    expected = {}
    for name, make, reason in BAD_FILES:
        make(corpus / name)
        expected[name] = reason
    shutil.copy(SAMPLE_FILES[0], corpus / "copy-of-2021.txt")  # a duplicate under another name
    expected["copy-of-2021.txt"] = "duplicate of"
    (corpus / "big.txt").write_bytes("预算".encode() * 400_000)  # 2.4 MB, over the limit below
    expected["big.txt"] = "file too large"
    (corpus / "sub").mkdir()
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    expected["loop"] = "directory loop"
    return corpus, expected


def _build(*args):
    return CliRunner().invoke(cli, ["build", "--no-cache", "--no-html", *args])


def test_bad_files_are_skipped_with_one_line_each(tmp_path):
    corpus, expected = _corpus_with_bad_files(tmp_path)
    out = tmp_path / "output"
    result = _build(str(corpus), "-o", str(out), "--max-bytes", str(2 * 1024 * 1024))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("policykg: skipped ")]
    assert len(skipped) == len(expected)
    for name, reason in expected.items():
        assert sum(1 for line in skipped if f"{name}: " in line and reason in line) == 1, (name, skipped)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 2 and summary["projects"] == 9
    assert summary["skipped"] == len(expected) == len(summary["skipped_files"])
    assert "2 documents" in result.stdout and f"{len(expected)} skipped" in result.stdout


def test_strict_fails_when_any_file_was_skipped(tmp_path):
    corpus, _ = _corpus_with_bad_files(tmp_path)
    result = _build(str(corpus), "-o", str(tmp_path / "output"), "--strict", "-q")
    assert result.exit_code == 1
    assert (tmp_path / "output" / "graph.trig").is_file()  # the build itself was written


def test_nothing_buildable_is_an_error_and_keeps_the_previous_output(tmp_path):
    out = tmp_path / "output"
    assert _build("-o", str(out), "-q").exit_code == 0
    before = (out / "graph.nq").read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    result = _build(str(bad), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "policykg: error: no document could be built (1 skipped)"
    assert (out / "graph.nq").read_bytes() == before


def test_a_missing_input_path(tmp_path):
    result = _build(str(tmp_path / "nope"), "-o", str(tmp_path / "output"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope'}: no such file or directory" in result.stderr


def test_a_crash_while_writing_leaves_the_previous_output_intact(tmp_path, monkeypatch):
    from kg import build

    out = tmp_path / "output"
    build(out_dir=out, use_cache=False, html=False)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    import kg.changes

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.changes, "write_changes", crash)
    with pytest.raises(KeyboardInterrupt):
        build(out_dir=out, use_cache=False, html=False)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]  # no temporary directory left


def test_ctrl_c_during_a_real_build(tmp_path):
    """SIGINT to `policykg build` once it is writing: exit 130, one line, the old output intact."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.generate import generate

    corpus = tmp_path / "corpus"
    generate(corpus, docs=150, seed=3)
    out = tmp_path / "output"
    assert _build("-o", str(out), "-q").exit_code == 0  # the previous output: the samples
    before = (out / "graph.nq").read_bytes()
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "--no-cache", "-j", "1", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.name.startswith(".output.tmp-") for p in tmp_path.iterdir()):
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "policykg: interrupted; the previous output is intact"
    assert "Traceback" not in err
    assert (out / "graph.nq").read_bytes() == before
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".output.")]
    assert not left, [str(q.relative_to(tmp_path)) for p in left for q in p.rglob("*")][:20]
