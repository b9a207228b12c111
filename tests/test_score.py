"""The extractors against the hand-made dev set: the scorer and the quality floor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from extractors.score import score_dir

DEV = Path(__file__).parent / "fixtures" / "dev"
SEEDS = Path(__file__).parent / "fixtures" / "seeds-gold.json"

FLOOR = {"doc_numbers": 0.97, "titles": 0.95, "articles": 0.95, "pairs": 0.90}


def test_dev_set_quality_floor():
    scores, errors = score_dir([DEV])
    for field, floor in FLOOR.items():
        assert scores[field].f1 >= floor, (field, scores[field].f1, [e for e in errors if f" {field} " in e])


def test_seed_documents_are_read_exactly():
    scores, errors = score_dir([SEEDS])
    assert errors == []
    # distinct per document: 8 + 2 numbers, 12 + 5 titles, 3 + 4 articles, 8 + 2 pairs
    assert [scores[f].tp for f in ("doc_numbers", "titles", "articles", "pairs")] == [10, 17, 7, 10]


def test_scorer_counts_extra_and_missing(tmp_path):
    (tmp_path / "d01.txt").write_text("依据《甲办法》（国发〔2019〕1号）和乙发〔2020〕2号。", encoding="utf-8")
    (tmp_path / "d01.json").write_text(
        '{"doc": "d01.txt", "doc_numbers": [{"raw": "国发〔2019〕1号", "canonical": "国发〔2019〕1号"},'
        ' {"raw": "x", "canonical": "丙发〔2021〕3号"}], "titles": ["甲办法"], "articles": [], "pairs": [], "replacements": []}',
        encoding="utf-8",
    )
    scores, errors = score_dir([tmp_path])
    n = scores["doc_numbers"]
    assert (n.tp, n.fp, n.fn) == (1, 1, 1)
    assert round(n.f1, 3) == 0.5
    p = scores["pairs"]
    assert (p.tp, p.fp, p.fn) == (0, 1, 0)
    assert "d01 doc_numbers MISSING 丙发〔2021〕3号" in errors


def test_scorer_runs_by_hand():
    out = subprocess.run([sys.executable, "-m", "extractors.score", str(DEV)], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[0].split() == ["field", "P", "R", "F1", "tp", "fp", "fn"]
    assert any(line.startswith("doc_numbers") for line in out.stdout.splitlines())
