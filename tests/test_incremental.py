"""Incremental builds (issue 7): the cache of analyses, the stat index of the inputs, and the
reuse of the previous output's graphs (TriG/Turtle text, store checkpoint + patch).

An unchanged corpus analyses nothing; adding, changing or removing one file
analyses at most that file and rewrites only the graphs that changed; the
result equals a ``--no-cache`` build except the run graph.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/

B = importlib.import_module("kg.build")  # the module (kg.build is also the function)
from bench.generate import generate  # noqa: E402
from kg import build  # noqa: E402
from kg.cache import RACY_SECONDS, AnalysisCache, FileIndex  # noqa: E402

RUN = "https://w3id.org/policykg/id/graph/run"
N = 12
PAST = time.time() - 3600  # files older than the racy window: their stat can be trusted


def _age(root: Path) -> None:
    for p in root.rglob("*"):
        if p.is_file():
            os.utime(p, (PAST, PAST))


@pytest.fixture()
def corpus(tmp_path) -> tuple[Path, Path]:
    """``N`` generated disclosures in tmp/c and one more held back in tmp/extra."""
    generate(tmp_path / "g", N + 1, 5)
    (tmp_path / "g" / "gold.json").unlink()
    files = sorted((tmp_path / "g").rglob("*.txt"))
    held = files[-1]
    extra = tmp_path / "extra" / held.relative_to(tmp_path / "g")
    extra.parent.mkdir(parents=True)
    held.rename(extra)
    (tmp_path / "g").rename(tmp_path / "c")
    _age(tmp_path / "c")
    return tmp_path / "c", extra


def _build(c: Path, out: Path, **kw):
    return build([str(c)], out, html=False, **kw)


def _graphs(nq: Path) -> dict[str, bytes]:
    """graph IRI → its N-Quads lines, as written."""
    out: dict[str, list[bytes]] = defaultdict(list)
    for line in nq.read_bytes().splitlines(keepends=True):
        out[line[line.rindex(b" <") + 2: line.rindex(b">")].decode()].append(line)
    return {g: b"".join(lines) for g, lines in out.items()}


def _store(out: Path) -> dict[str, set[str]]:
    """graph IRI → its quads, from the store."""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(out / "store"))
    try:
        got: dict[str, set[str]] = defaultdict(set)
        for q in s.quads_for_pattern(None, None, None, None):
            got[q.graph_name.value].add(str(q))
        assert {g.value for g in s.named_graphs()} == set(got)  # no empty graph left behind
        return got
    finally:
        del s


def _nq_quads(out: Path) -> dict[str, set[str]]:
    """graph IRI → its quads, from graph.nq through an in-memory store (which canonicalises
    literals as the on-disk one does: xsd:nonNegativeInteger comes back as xsd:integer)."""
    import pyoxigraph as ox

    s = ox.Store()
    s.bulk_load(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    got: dict[str, set[str]] = defaultdict(set)
    for q in s.quads_for_pattern(None, None, None, None):
        got[q.graph_name.value].add(str(q))
    return got


def _manifest(out: Path) -> dict:
    return json.loads((out / B.MANIFEST).read_text(encoding="utf-8"))


def _without_run_span(out: Path, name: str) -> bytes:
    """A TriG/Turtle file without the run graph's text (located by the manifest)."""
    m = _manifest(out)
    row = next(r for r in m["graphs"] if r[0] == RUN)
    off, n = (row[6], row[7]) if name == "graph.trig" else (row[8], row[9])
    data = (out / name).read_bytes()
    return data[:off] + data[off + n:]


def _assert_same_as_full_build(c: Path, out: Path, tmp: Path) -> None:
    full = tmp / "full"
    shutil.rmtree(full, ignore_errors=True)
    _build(c, full, use_cache=False)
    a, b = _graphs(out / "graph.nq"), _graphs(full / "graph.nq")
    a.pop(RUN), b.pop(RUN)
    assert a == b
    for name in ("graph.trig", "graph.ttl"):
        assert _without_run_span(out, name) == _without_run_span(full, name), name
    for name in ("citations.csv", "changes.json"):
        assert (out / name).read_bytes() == (full / name).read_bytes(), name
    sa, sb = _store(out), _store(full)
    sa.pop(RUN), sb.pop(RUN)
    assert sa == sb
    assert _store(out) == _nq_quads(out)  # the patched store is exactly its graph.nq


def test_an_unchanged_corpus_analyses_and_reads_nothing(corpus, tmp_path):
    c, _ = corpus
    first = _build(c, tmp_path / "out")
    assert (first.documents, first.analysed, first.reused, first.read) == (N, N, 0, N)
    before = _graphs(tmp_path / "out" / "graph.nq")
    again = _build(c, tmp_path / "out")
    assert (again.documents, again.analysed, again.reused, again.read) == (N, 0, N, 0)
    assert again.graphs_written <= 1  # at most the run graph (its times)
    assert again.graphs_copied == N  # every source graph's lines copied, none made again
    after = _graphs(tmp_path / "out" / "graph.nq")
    before.pop(RUN), after.pop(RUN)
    assert before == after
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["reused_from_cache"] == N


def test_adding_one_file_analyses_exactly_that_file(corpus, tmp_path):
    c, extra = corpus
    first = _build(c, tmp_path / "out")
    shutil.copy2(extra, c / extra.relative_to(extra.parents[1]))
    added = _build(c, tmp_path / "out")
    assert (added.documents, added.analysed, added.reused) == (N + 1, 1, N)
    new = set(_graphs(tmp_path / "out" / "graph.nq"))
    ids = {s.id for s in added.corpus.sources} - {s.id for s in first.corpus.sources}
    assert len(ids) == 1
    g = f"https://w3id.org/policykg/id/graph/source/{ids.pop()}"
    assert g in new and g in _store(tmp_path / "out")
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)


def test_changing_one_file_rewrites_only_its_graph(corpus, tmp_path):
    c, _ = corpus
    first = _build(c, tmp_path / "out")
    before_nq, before_store = _graphs(tmp_path / "out" / "graph.nq"), _store(tmp_path / "out")
    victim = sorted(c.rglob("*.txt"))[3]
    with open(victim, "a", encoding="utf-8") as f:
        f.write("\n本项目按计划实施。\n")  # no citation, no new identity: only this source's graph changes
    changed = _build(c, tmp_path / "out")
    assert (changed.analysed, changed.reused, changed.read) == (1, N - 1, 1)
    sid = next(s.id for s in changed.corpus.sources if s.path == str(victim))
    g = f"https://w3id.org/policykg/id/graph/source/{sid}"
    after_nq, after_store = _graphs(tmp_path / "out" / "graph.nq"), _store(tmp_path / "out")
    assert after_nq[g] != before_nq[g] and after_store[g] != before_store[g]
    differs = {k for k in after_nq if after_nq[k] != before_nq.get(k)}
    assert differs <= {g, RUN} and g in differs
    assert {k for k in after_store if after_store[k] != before_store.get(k)} <= {g, RUN}
    assert changed.graphs_written == len(differs)
    assert first.documents == changed.documents == N
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)


def test_removing_one_file_removes_its_graph(corpus, tmp_path):
    c, _ = corpus
    first = _build(c, tmp_path / "out")
    victim = sorted(c.rglob("*.txt"))[0]
    sid = next(s.id for s in first.corpus.sources if s.path == str(victim))
    g = f"https://w3id.org/policykg/id/graph/source/{sid}"
    assert g in _graphs(tmp_path / "out" / "graph.nq") and g in _store(tmp_path / "out")
    victim.unlink()
    removed = _build(c, tmp_path / "out")
    assert (removed.documents, removed.analysed, removed.reused) == (N - 1, 0, N - 1)
    assert g not in _graphs(tmp_path / "out" / "graph.nq")
    assert g not in _store(tmp_path / "out")
    assert g.encode() not in (tmp_path / "out" / "graph.trig").read_bytes()
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)


def test_no_cache_forces_a_full_build(corpus, tmp_path):
    c, _ = corpus
    _build(c, tmp_path / "out")
    full = _build(c, tmp_path / "out", use_cache=False)
    assert (full.analysed, full.reused, full.read) == (N, 0, N)
    assert full.graphs_written == len(_manifest(tmp_path / "out")["graphs"])  # every graph, empty ones too


def test_a_touched_but_unchanged_file_is_read_again_not_analysed(corpus, tmp_path):
    c, _ = corpus
    _build(c, tmp_path / "out")
    f = sorted(c.rglob("*.txt"))[2]
    os.utime(f, (PAST + 10, PAST + 10))
    again = _build(c, tmp_path / "out")
    assert (again.read, again.analysed, again.reused) == (1, 0, N)


def test_a_file_changed_just_now_is_not_trusted_by_its_stat(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("x", encoding="utf-8")
    index = FileIndex(tmp_path / "files.json")
    index.record(str(f), os.stat(f), "0" * 64, "txt", "utf-8", ())
    assert len(index) == 0  # modified within RACY_SECONDS: a same-tick change would go unseen
    os.utime(f, (time.time() - RACY_SECONDS - 1,) * 2)
    index.record(str(f), os.stat(f), "0" * 64, "txt", "utf-8", ())
    index.save()
    assert FileIndex(tmp_path / "files.json").lookup(str(f), os.stat(f)).sha256 == "0" * 64


def test_a_broken_cache_or_manifest_is_a_full_build(corpus, tmp_path):
    c, _ = corpus
    first = _build(c, tmp_path / "out")
    cache = AnalysisCache(tmp_path / ".policykg-cache", B.ANALYSIS_VERSION)
    for p in cache.dir.rglob("*.pkl"):
        p.write_bytes(b"not a pickle")
    (cache.dir / "files.json").write_text("{", encoding="utf-8")
    (tmp_path / "out" / B.MANIFEST).write_text("[]", encoding="utf-8")
    again = _build(c, tmp_path / "out")
    assert (again.analysed, again.reused, again.read) == (N, 0, N)
    assert again.graphs_written == len(_manifest(tmp_path / "out")["graphs"])
    assert first.quads == again.quads
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)


def test_a_failed_incremental_build_leaves_the_previous_output_and_store_intact(corpus, tmp_path, monkeypatch):
    c, _ = corpus
    _build(c, tmp_path / "out")
    before = _store(tmp_path / "out")
    nq = (tmp_path / "out" / "graph.nq").read_bytes()
    with open(sorted(c.rglob("*.txt"))[1], "a", encoding="utf-8") as f:
        f.write("\n本项目按计划实施。\n")

    def broken(result, tmp):
        time.sleep(0.3)  # the store is being patched meanwhile
        raise RuntimeError("disk full")

    monkeypatch.setattr(B, "_write_changes", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        _build(c, tmp_path / "out")
    assert (tmp_path / "out" / "graph.nq").read_bytes() == nq
    assert _store(tmp_path / "out") == before
    assert not list(tmp_path.glob(".out.tmp-*"))


def test_incremental_output_equals_a_full_build_after_several_edits(corpus, tmp_path):
    c, extra = corpus
    _build(c, tmp_path / "out")
    shutil.copy2(extra, c / extra.relative_to(extra.parents[1]))
    files = sorted(c.rglob("*.txt"))
    files[0].unlink()
    with open(files[5], "a", encoding="utf-8") as f:
        f.write("\n本项目按计划实施。\n")
    inc = _build(c, tmp_path / "out")
    assert (inc.documents, inc.analysed, inc.reused) == (N, 2, N - 2)  # +1 -1, and one changed
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)


def test_many_changes_load_a_fresh_store_instead_of_patching(corpus, tmp_path, monkeypatch):
    c, _ = corpus
    _build(c, tmp_path / "out")
    patched = []
    monkeypatch.setattr(B, "_patch_store", lambda *a: patched.append(a))
    for f in sorted(c.rglob("*.txt"))[::2]:  # half the corpus: more than STORE_PATCH_MAX_SHARE of the quads
        with open(f, "a", encoding="utf-8") as fh:
            fh.write("\n本项目按计划实施。\n")
    again = _build(c, tmp_path / "out")
    assert again.analysed == (N + 1) // 2 and not patched
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)


def test_turtle_taken_from_the_trig_is_what_pyoxigraph_would_write(corpus, tmp_path):
    """graph.ttl reuses each graph's TriG text (one tab less) when the graph repeats no earlier
    triple: byte for byte what serialising its union lines gives."""
    import pyoxigraph as ox

    from kg.rdf import PREFIXES

    c, _ = corpus
    _build(c, tmp_path / "out")
    out = tmp_path / "out"
    nq, ttl = (out / "graph.nq").read_bytes(), (out / "graph.ttl").read_bytes()
    m = _manifest(out)
    seen: set[bytes] = set()
    derived = 0
    for iri, off, n, *_rest in m["graphs"]:
        lines = nq[off:off + n].splitlines(keepends=True)
        union = []
        for line in lines:
            triple = line[: line.rindex(b" <")] + b" .\n"
            if b"/citation/" not in line[: line.index(b" ")]:
                if triple in seen:
                    continue
                seen.add(triple)
            union.append(triple)
        text = ox.serialize(ox.parse(b"".join(union), format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                            prefixes=PREFIXES) if union else b""
        while text.startswith(b"@prefix "):
            text = text[text.index(b"\n") + 1:]
        row = next(r for r in m["graphs"] if r[0] == iri)
        assert ttl[row[8]:row[8] + row[9]] == text, iri
        derived += not row[5]
    assert derived > N  # most graphs took their Turtle from their TriG


def test_a_previous_store_that_cannot_be_copied_is_built_afresh(corpus, tmp_path):
    c, _ = corpus
    _build(c, tmp_path / "out")
    for p in (tmp_path / "out" / "store").glob("*"):
        if p.name.startswith(("CURRENT", "MANIFEST")):
            p.unlink()  # a broken store
    with open(sorted(c.rglob("*.txt"))[1], "a", encoding="utf-8") as f:
        f.write("\n本项目按计划实施。\n")
    again = _build(c, tmp_path / "out")
    assert again.analysed == 1
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)


def test_a_source_graph_is_made_again_when_a_work_it_cites_changes_identity(tmp_path):
    """A new document that pairs a title with its number gives the work a new identity
    (t:<title> → n:<number>): the unchanged document citing that title must get new lines,
    not the previous build's copy."""
    c = tmp_path / "c"
    c.mkdir()
    (c / "a.txt").write_text("关于做好救助工作的通知\n根据《城乡医疗救助资金管理办法》的规定，做好救助工作。\n", encoding="utf-8")
    (c / "b.txt").write_text("关于开展检查的通知\n按照工作安排，开展专项检查。\n", encoding="utf-8")
    _age(c)
    first = _build(c, tmp_path / "out")
    assert any(w.startswith("t:") for w in first.corpus.works)
    (c / "d.txt").write_text("关于印发资金管理办法的通知\n现将《城乡医疗救助资金管理办法》（云财社〔2020〕1号）印发给你们。\n",
                             encoding="utf-8")
    _age(c)
    again = _build(c, tmp_path / "out")
    assert "n:云财社〔2020〕1号" in again.corpus.works and not any(w.startswith("t:城乡") for w in again.corpus.works)
    a = next(s.id for s in again.corpus.sources if s.name == "a.txt")
    g = f"https://w3id.org/policykg/id/graph/source/{a}"
    m = {r[0]: r for r in _manifest(tmp_path / "out")["graphs"]}
    assert again.graphs_copied == 1  # b.txt only: a.txt's citation now names another work
    assert m[g][-1] is not None
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)


def test_a_rebuild_folds_cached_parts_without_loading_analyses(corpus, tmp_path, monkeypatch):
    """The unchanged documents' parts of the model come from the cache: their analyses are not
    even loaded (here they are removed), and the model is the same."""
    c, extra = corpus
    _build(c, tmp_path / "out")
    cache = AnalysisCache(tmp_path / ".policykg-cache", B.ANALYSIS_VERSION)
    parts = list(cache.dir.glob("parts-*/*/*.pkl"))
    assert len(parts) == N
    for p in cache.dir.glob("[0-9a-f][0-9a-f]/*.pkl"):
        p.unlink()  # the analyses
    loaded = []
    monkeypatch.setattr(AnalysisCache, "get", lambda self, sha: loaded.append(sha))
    shutil.copy2(extra, c / extra.relative_to(extra.parents[1]))
    again = _build(c, tmp_path / "out")
    assert (again.documents, again.analysed, again.reused) == (N + 1, 1, N)
    assert len(loaded) == 1  # only the new file's analysis was asked for (and missed)
    monkeypatch.undo()
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)


def test_without_parts_the_analyses_make_them_again(corpus, tmp_path):
    c, _ = corpus
    first = _build(c, tmp_path / "out")
    cache = AnalysisCache(tmp_path / ".policykg-cache", B.ANALYSIS_VERSION)
    for p in cache.dir.glob("parts-*/*/*.pkl"):
        p.write_bytes(b"damaged")
    again = _build(c, tmp_path / "out")
    assert (again.analysed, again.reused, again.read) == (0, N, 0)  # from the cached analyses
    assert len(list(cache.dir.glob("parts-*/*/*.pkl"))) == N
    assert again.quads == first.quads
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)


def test_two_inputs_with_one_name_get_parts_of_their_own(tmp_path):
    """The same relative name under two arguments: the second is renamed (name#hash), and its
    part of the model is made under that name, whatever the workers made."""
    a, b = tmp_path / "a", tmp_path / "b"
    for d, text in ((a, "关于做好救助工作的通知\n根据《城乡医疗救助资金管理办法》做好工作。\n"),
                    (b, "关于开展检查的通知\n依据云医保〔2019〕45号开展检查。\n")):
        d.mkdir()
        (d / "x.txt").write_text(text, encoding="utf-8")
        _age(d)
    for _ in range(2):  # the second build takes both from the cache
        r = build([str(a), str(b)], tmp_path / "out", html=False)
        names = sorted(s.name for s in r.corpus.sources)
        assert names[0] == "x.txt" and names[1].startswith("x.txt#")
        assert len({s.id for s in r.corpus.sources}) == 2
        assert {c.exact for c in r.corpus.citations} == {"《城乡医疗救助资金管理办法》", "云医保〔2019〕45号"}


def test_a_source_whose_cited_work_is_retitled_gets_new_rows_in_the_csv(tmp_path):
    """A new document can change a cited work's preferred title without changing its identity:
    the unchanged document's graph is copied, but its rows in citations.csv carry the new title."""
    c = tmp_path / "c"
    c.mkdir()
    (c / "a.txt").write_text("关于做好救助工作的通知\n根据《城乡医疗救助资金管理办法》（云财社〔2020〕1号）做好工作。\n",
                             encoding="utf-8")
    _age(c)
    _build(c, tmp_path / "out")
    for k in (1, 2):
        (c / f"n{k}.txt").write_text(f"关于第{k}批资金的通知\n按照《云南省城乡医疗救助资金管理办法》（云财社〔2020〕1号）执行。\n",
                                     encoding="utf-8")
    _age(c)
    again = _build(c, tmp_path / "out")
    assert again.corpus.works["n:云财社〔2020〕1号"].title == "云南省城乡医疗救助资金管理办法"
    assert again.graphs_copied == 1  # a.txt's graph: the work it cites is the same work
    rows = (tmp_path / "out" / "citations.csv").read_text(encoding="utf-8-sig").splitlines()
    a_rows = [r for r in rows if r.startswith("a.txt,")]
    assert a_rows and all("云南省城乡医疗救助资金管理办法" in r for r in a_rows)
    _assert_same_as_full_build(c, tmp_path / "out", tmp_path)
