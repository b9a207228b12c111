"""Per-document analysis in parallel (kg/parallel.py) and the executors of ``policykg build``.

Every executor gives the same analyses in input order; one bad document (an
exception, or a worker process that dies) costs only that document; the
process and Dask builds give the serial build's graph except the run graph.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/

import kg.parallel as P  # noqa: E402
from kg.parallel import FileTask, TextTask  # noqa: E402
from bench.generate import generate  # noqa: E402
from kg import build  # noqa: E402
from kg.analyse import DocAnalysis, analyse_text  # noqa: E402
from kg.cli import cli  # noqa: E402
from kg.samples import SAMPLES_DIR  # noqa: E402

RUN_GRAPH = "<https://w3id.org/policykg/id/graph/run> .\n"
FORK = sys.platform.startswith("linux")  # monkeypatched analysers reach the workers through fork


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A generated corpus of 70 disclosures: more than two chunks of work."""
    root = tmp_path_factory.mktemp("corpus")
    generate(root / "c", 70, 11)
    (root / "c" / "gold.json").unlink()
    return root / "c"


@pytest.fixture(scope="module")
def docs(corpus) -> list[TextTask]:
    files = sorted(corpus.rglob("*.txt"))
    return [TextTask(p.read_text(encoding="utf-8"), str(p), f"{i:064x}") for i, p in enumerate(files)]


def _without_run(nq: Path) -> list[str]:
    return [line for line in nq.read_text(encoding="utf-8").splitlines(keepends=True) if not line.endswith(RUN_GRAPH)]


def _plain(o):
    """An outcome as comparable data (DocAnalysis holds dataclasses: == compares them)."""
    r = o.analysis if isinstance(o, P.Outcome) else o
    if r is None:
        return o.failure
    return (r.text, r.disclosure, r.numbers, r.titles, r.articles, r.pairs, r.repeals, r.dates, r.own_number,
            r.own_title, r.placement, r.raw_titles)


def test_chunks_amortise_ipc_and_keep_order(docs):
    chunks = list(P._chunks((i, d) for i, d in enumerate(docs)))
    assert len(chunks) >= 3
    assert [i for c in chunks for i, _ in c] == list(range(len(docs)))
    assert all(len(c) <= P.CHUNK_DOCS for c in chunks)
    assert all(sum(len(d.text) for _, d in c[:-1]) < P.CHUNK_CHARS for c in chunks)


def test_serial_and_process_give_the_same_analyses_in_input_order(docs):
    serial = list(P.analyse_all(((i, d) for i, d in enumerate(docs)), executor="serial"))
    proc = list(P.analyse_all(((i, d) for i, d in enumerate(docs)), jobs=2, executor="process"))
    assert [k for k, _ in serial] == [k for k, _ in proc] == list(range(len(docs)))
    assert all(isinstance(o.analysis, DocAnalysis) and o.failure is None for _, o in proc)
    assert [_plain(o) for _, o in serial] == [_plain(o) for _, o in proc]
    # the text travels one way only, and is put back
    assert all(o.analysis.text == d.text for (_, o), d in zip(proc, docs))


def test_a_few_documents_do_not_start_a_pool(monkeypatch, docs):
    def no_pool(*a, **k):
        raise AssertionError("a pool was started for two documents")

    monkeypatch.setattr(P, "_process", no_pool)
    out = list(P.analyse_all([(0, docs[0]), (1, docs[1])], jobs=4, executor="process"))
    assert [k for k, _ in out] == [0, 1]


def test_unknown_executor_and_dask_without_a_scheduler_are_errors(docs):
    with pytest.raises(ValueError, match="unknown executor"):
        list(P.analyse_all([(0, docs[0])], executor="threads"))
    with pytest.raises(ValueError, match="--scheduler"):
        list(P.analyse_all([(0, docs[0])], executor="dask"))


def _failing(text: str, *, source: str | None = None) -> DocAnalysis:
    if "BOOM" in text:
        raise RuntimeError("bad\ninput")
    return analyse_text(text, source=source)


def _dying(text: str, *, source: str | None = None) -> DocAnalysis:
    if "DIE" in text:
        os._exit(3)  # a worker killed from under us (segfault, OOM killer)
    return analyse_text(text, source=source)


@pytest.mark.parametrize("executor", ["serial", pytest.param("process", marks=pytest.mark.skipif(not FORK, reason="fork"))])
def test_an_analysis_that_raises_costs_only_its_document(monkeypatch, docs, executor):
    monkeypatch.setattr(P, "analyse_text", _failing)
    todo = [(i, d) for i, d in enumerate(docs)]
    todo[5] = (5, TextTask(docs[5].text + "BOOM", docs[5].path, docs[5].sha256))
    out = dict(P.analyse_all(todo, jobs=2, executor=executor))
    assert out[5].failure == "analysis failed (RuntimeError: bad input)" and out[5].analysis is None  # one line
    assert all(isinstance(out[i].analysis, DocAnalysis) for i in out if i != 5)
    assert len(out) == len(docs)


@pytest.mark.skipif(not FORK, reason="the dying analyser reaches the workers through fork")
def test_a_worker_that_dies_costs_only_its_document(monkeypatch, docs):
    monkeypatch.setattr(P, "analyse_text", _dying)
    todo = [(i, d) for i, d in enumerate(docs)]
    todo[40] = (40, TextTask(docs[40].text + "DIE", docs[40].path, docs[40].sha256))
    out = list(P.analyse_all(todo, jobs=2, executor="process"))
    assert [k for k, _ in out] == list(range(len(docs)))
    results = dict(out)
    assert results[40].analysis is None and results[40].failure.startswith("analysis failed (worker lost:")
    assert "\n" not in results[40].failure
    assert all(isinstance(results[i].analysis, DocAnalysis) for i in results if i != 40)
    expected = dict(P.analyse_all([(i, d) for i, d in enumerate(docs) if i != 40], executor="serial"))
    assert all(_plain(results[i]) == _plain(expected[i]) for i in expected)


def test_workers_fill_the_cache(tmp_path, docs):
    from kg.cache import AnalysisCache

    cache = AnalysisCache(tmp_path / "cache", "test")
    todo = list(enumerate(docs[:40]))
    out = dict(P.analyse_all(todo, jobs=2, executor="process", cache=cache))
    for i, d in todo:
        hit = cache.get(d.sha256)
        assert hit is not None and hit.text == d.text and _plain(hit) == _plain(out[i])


def test_file_tasks_read_in_the_worker_and_ask_the_cache_first(tmp_path, corpus, docs):
    from kg.cache import AnalysisCache

    cache = AnalysisCache(tmp_path / "cache", "test")
    files = sorted(corpus.rglob("*.txt"))
    (tmp_path / "empty.txt").write_bytes(b"")
    todo = [(i, FileTask(str(p), 10**6)) for i, p in enumerate(files)] + [(-1, FileTask(str(tmp_path / "empty.txt"), 10**6))]
    first = dict(P.analyse_all(todo, jobs=2, executor="process", cache=cache))
    assert str(first[-1].read_error) == f"{tmp_path / 'empty.txt'}: empty file" and first[-1].analysis is None
    serial = dict(P.analyse_all(list(enumerate(docs)), executor="serial"))
    for i, p in enumerate(files):
        o = first[i]
        assert o.source.path == str(p) and o.source.text == p.read_text(encoding="utf-8") and not o.cached
        assert _plain(o) == _plain(serial[i])
    again = dict(P.analyse_all(todo, jobs=2, executor="process", cache=cache))
    assert all(again[i].cached and _plain(again[i]) == _plain(first[i]) for i in range(len(files)))


def test_process_build_equals_serial_build(tmp_path, corpus):
    a = build([str(corpus)], tmp_path / "serial", use_cache=False, html=False, jobs=1, executor="serial")
    b = build([str(corpus)], tmp_path / "process", use_cache=False, html=False, jobs=2, executor="process")
    assert a.documents == b.documents == 70 and not a.skipped and not b.skipped
    assert _without_run(tmp_path / "serial" / "graph.nq") == _without_run(tmp_path / "process" / "graph.nq")
    assert (tmp_path / "serial" / "citations.csv").read_bytes() == (tmp_path / "process" / "citations.csv").read_bytes()


@pytest.mark.parametrize("processes, workers", [(False, 2), (True, 1)])
def test_dask_build_equals_serial_build(tmp_path, corpus, processes, workers):
    distributed = pytest.importorskip("distributed")
    paths = [str(corpus)] if not processes else [str(SAMPLES_DIR)]
    serial = build(paths, tmp_path / "serial", use_cache=False, html=False, store=False, executor="serial")
    with distributed.LocalCluster(n_workers=workers, processes=processes, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        res = build(paths, tmp_path / "dask", use_cache=False, html=False, store=False, executor="dask",
                    scheduler=cluster.scheduler_address)
    assert res.analysed == serial.analysed == serial.documents > 0 and not res.skipped
    assert _without_run(tmp_path / "dask" / "graph.nq") == _without_run(tmp_path / "serial" / "graph.nq")


def test_dask_build_fills_the_local_cache(tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None) as cluster:
        first = build(None, tmp_path / "out", html=False, store=False, executor="dask", scheduler=cluster.scheduler_address)
    again = build(None, tmp_path / "out", html=False, store=False, executor="serial")
    assert (first.analysed, again.analysed, again.reused) == (2, 0, 2)


def test_cli_dask_without_scheduler_is_one_line(tmp_path):
    r = CliRunner().invoke(cli, ["build", "-o", str(tmp_path / "o"), "--executor", "dask"])
    assert r.exit_code == 2
    assert r.output.strip().splitlines() == [
        "policykg: error: --executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)"]
