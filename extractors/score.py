"""Score the extractors against hand-made gold: precision, recall and F1 per field.

    python -m extractors.score [GOLD_DIR ...] [-v]

A gold directory holds ``dNN.txt`` texts with ``dNN.json`` annotations
(``doc_numbers``, ``titles``, ``articles``, ``pairs``, ``replacements``; see
``tests/fixtures/dev/README.md``).  A ``seeds-gold.json`` file (the sample
corpus's project-level gold) is scored at document level.  Titles compare by
:func:`~extractors.normalize.title_key`; numbers by their canonical form.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import extract
from .normalize import title_key
from .resolve import Extraction
from .statements import own_identity

__all__ = ["FIELDS", "DocSets", "predicted_sets", "gold_sets", "score_dir", "Score", "main"]

FIELDS = ("doc_numbers", "titles", "articles", "pairs", "replacements")


@dataclass
class DocSets:
    doc_numbers: set = field(default_factory=set)
    titles: set = field(default_factory=set)
    articles: set = field(default_factory=set)
    pairs: set = field(default_factory=set)
    replacements: set = field(default_factory=set)
    optional: set = field(default_factory=set)


def predicted_sets(ex: Extraction) -> DocSets:
    """The document-level sets an extraction yields, in gold terms."""
    d = DocSets()
    d.doc_numbers = {n.number for n in ex.numbers}
    d.titles = {t.key for t in ex.cited_titles}
    d.articles = {(a.law_key, a.article) for a in ex.cited_articles}
    d.pairs = {(p.title.key, p.number.number) for p in ex.pairs}
    for r in ex.repeals:
        old = r.old_number.number if r.old_number else (r.old_title.key if r.old_title else None)
        own_n, own_t = own_identity(ex, at=ex.ct.to_clean(r.start))
        new = own_n.number if own_n else (title_key(own_t) if own_t else None)
        if old and new and old != new:
            d.replacements.add((old, new))
    return d


def _key_or_number(s: str) -> str:
    return s if s.endswith("号") or s.endswith("号令") else title_key(s)


def gold_sets(gold: dict) -> DocSets:
    """Sets from one ``dNN.json`` annotation."""
    d = DocSets()
    d.doc_numbers = {n["canonical"] for n in gold.get("doc_numbers", [])}
    d.titles = {title_key(t) for t in gold.get("titles", [])}
    d.articles = {(title_key(a["law"]), str(a["article"])) for a in gold.get("articles", [])}
    d.pairs = {(title_key(p["title"]), p["number"]) for p in gold.get("pairs", [])}
    d.replacements = {(_key_or_number(r["old"]), _key_or_number(r["new"])) for r in gold.get("replacements", [])}
    return d


def seeds_gold_sets(doc: dict) -> DocSets:
    """Document-level sets from one document of ``seeds-gold.json``."""
    d = DocSets()
    for p in doc["projects"]:
        d.doc_numbers |= set(p["doc_numbers"])
        d.titles |= {title_key(t) for t in p["titles"]}
        d.articles |= {(title_key(a["law"]), str(a["article"])) for a in p["articles"]}
        d.pairs |= {(title_key(x["title"]), x["number"]) for x in p["pairs"]}
        d.optional |= set(p.get("optional", []))
    return d


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _compare(pred: DocSets, gold: DocSets, scores: dict[str, Score], errors: list[str], name: str) -> None:
    for f in FIELDS:
        p, g = getattr(pred, f), getattr(gold, f)
        if f == "doc_numbers":
            p = p - gold.optional
        tp, fp, fn = p & g, p - g, g - p
        scores[f].tp += len(tp)
        scores[f].fp += len(fp)
        scores[f].fn += len(fn)
        for x in sorted(map(str, fp)):
            errors.append(f"{name} {f} EXTRA   {x}")
        for x in sorted(map(str, fn)):
            errors.append(f"{name} {f} MISSING {x}")


def score_dir(paths: list[Path]) -> tuple[dict[str, Score], list[str]]:
    """Score every gold document under ``paths`` (dirs of dNN.json, or seeds-gold.json files)."""
    scores = {f: Score() for f in FIELDS}
    errors: list[str] = []
    for path in paths:
        if path.is_file() and path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            base = _samples_dir(path)
            for doc in data["documents"]:
                text = (base / doc["file"]).read_text(encoding="utf-8")
                ex = extract(text, source=doc["file"])
                pred = predicted_sets(ex)
                pred.replacements = set()
                _compare(pred, seeds_gold_sets(doc), scores, errors, doc["file"])
            continue
        for gj in sorted(path.glob("d*.json")):
            gold = json.loads(gj.read_text(encoding="utf-8"))
            text = (path / gold["doc"]).read_text(encoding="utf-8")
            ex = extract(text, source=gold["doc"])
            _compare(predicted_sets(ex), gold_sets(gold), scores, errors, gj.stem)
    return scores, errors


def _samples_dir(gold_file: Path) -> Path:
    from kg.samples import SAMPLES_DIR

    return SAMPLES_DIR


def format_scores(scores: dict[str, Score]) -> str:
    lines = [f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>5}{'fn':>5}"]
    for f, s in scores.items():
        lines.append(f"{f:<14}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>5}{s.fn:>5}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractors.score", description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, help="gold directories or seeds-gold.json files (default: the project's dev set)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every extra and missing item")
    args = ap.parse_args(argv)
    paths = args.paths or [Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "dev"]
    scores, errors = score_dir(paths)
    print(format_scores(scores))
    if args.verbose:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
