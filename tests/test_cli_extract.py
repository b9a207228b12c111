"""`policykg extract`: the JSONL contract, the other formats, and bad files."""

from __future__ import annotations

import json
import os
import sys

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.samples import SAMPLES_DIR

TEXT = "根据《云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知》（云医保〔2019〕128号）和《中华人民共和国社会保险法》第七十七条、第七十八条规定。"


def _run(*args):
    return CliRunner().invoke(cli, ["extract", *args])


def test_jsonl_contract(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    for r in records:
        assert r["source"] == str(path)
        assert TEXT[r["start"]:r["end"]] == r["text"]
    got = [(r["kind"], r.get("number"), r.get("title"), r.get("law"), r.get("article")) for r in records]
    assert got == [
        ("title", "云医保〔2019〕128号", "云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知", None, None),
        ("document_number", "云医保〔2019〕128号", "云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知", None, None),
        ("title", None, "中华人民共和国社会保险法", None, None),
        ("article", None, None, "中华人民共和国社会保险法", "77"),
        ("article", None, None, "中华人民共和国社会保险法", "78"),
    ]


def test_default_is_the_bundled_samples():
    result = _run()
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert {os.path.basename(r["source"]) for r in records} == {p.name for p in SAMPLES_DIR.glob("*.txt")}
    assert len(records) == 44
    numbers = {r["number"] for r in records if r["kind"] == "document_number"}
    assert "玉溪市人民政府公告第49号" in numbers and "玉政规〔2021〕4号" in numbers


def test_json_and_table_formats(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(TEXT, encoding="utf-8")
    as_json = json.loads(_run("--format", "json", str(path)).output)
    assert len(as_json) == 5 and as_json[3]["article"] == "77"
    table = _run("--format", "table", str(path)).output.splitlines()
    assert table[1].split("\t") == ["notice.txt", "34-47", "document_number", "云医保〔2019〕128号"]
    assert table[3].split("\t")[-1] == "中华人民共和国社会保险法 第77条"


def test_a_bad_file_is_one_line_after_the_others(tmp_path):
    good = tmp_path / "a-good.txt"
    good.write_text(TEXT, encoding="utf-8")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c-binary.txt").write_bytes(bytes(range(256)) * 8)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])  # click ≥ 8.2 keeps stderr apart
    assert result.exit_code == 1
    stdout_lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(stdout_lines) == 5  # the good file's mentions were all printed
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert any("b-empty.txt" in e and "empty" in e for e in errors)
    assert any("c-binary.txt" in e for e in errors)
    assert all(e.startswith("policykg: error: ") for e in errors)
    assert "Traceback" not in result.output


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    result = _run(str(path))
    assert result.exit_code == 1
    assert "secret.txt" in result.output and "Traceback" not in result.output


def test_a_missing_path(tmp_path):
    result = _run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert result.output.strip().startswith("policykg: error: ") and "nope.txt" in result.output
