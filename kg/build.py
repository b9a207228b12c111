"""``policykg build``: read a corpus, build the model, write every output atomically.

Outputs (in ``output/`` by default):

* ``graph.nq``  — every named graph as N-Quads (sorted; the run's provenance last)
* ``graph.trig`` — the same named graphs as TriG
* ``graph.ttl`` — the union of all graphs as Turtle
* ``citations.csv`` — one row per mention
* ``store/`` — an embedded Oxigraph store of ``graph.nq`` (what ``policykg query`` uses)
* ``texts/`` — the text extracted from PDF, DOCX and HTML inputs (offsets index it)
* ``summary.json`` — counts, skipped files and warnings

Everything is written to a temporary directory next to the output directory
and swapped in at the end, so an interrupted build leaves the previous output
intact.

How a build runs (see ``docs/performance.md`` for measurements):

1. Files are listed, then read and analysed in worker processes
   (:mod:`kg.parallel`), except a file unchanged since the last build by its
   ``stat`` (not even opened) or whose content hash has a cached analysis
   (:mod:`kg.cache`).
2. The corpus model and the inference are built in this process (the cyclic
   garbage collector paused: it would only walk the model again and again).
3. ``graph.nq`` is written graph by graph; as it grows, two threads bulk-load
   it into the store part by part (Rust, without the GIL) and a helper process
   writes ``graph.trig`` and ``graph.ttl`` graph by graph; meanwhile this
   process writes the CSV, texts, changes and HTML.
4. With the cache on, the output keeps a manifest of where every named graph
   is in each file (``.manifest.json``).  The next build compares each graph's
   N-Quads with the previous output's, copies the TriG and Turtle of the
   unchanged ones, and starts the store from a checkpoint of the previous one
   (hard links) to which it applies the changed graphs' quads.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import json
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from extractors.reading import DEFAULT_MAX_BYTES, ReadError, SourceText, read_source
from extractors.reading import _expand as _expand_path  # the walk of iter_corpus, without reading

from .analyse import ANALYSIS_VERSION, DocAnalysis, analyse_text
from .cache import AnalysisCache, FileEntry
from .corpus import SourceInfo, SourcePart, fold, h, source_part
from .fileio import copy_range
from .model import Corpus
from .rdf import PREFIXES, Iris, iter_keyed_graphs, run_quads
from .union import KEY_BYTES, UnionScreen, owned_prefixes, screen_keys, triple_of
from .samples import SAMPLE_FILES

__all__ = ["BuildResult", "build", "build_model", "write_outputs", "default_inputs", "TOOL_VERSION", "MANIFEST"]

TOOL_VERSION = "policykg 0.1.0"
MANIFEST = ".manifest.json"  # in the output: where each named graph is in each output file
_MANIFEST_FORMAT = 3
# Above this share of changed N-Quads bytes, bulk-loading a fresh store beats patching a copy.
STORE_PATCH_MAX_SHARE = 0.15
# N-Quads lines per bulk load: the loader holds about 1 KB per line of its part in memory.
STORE_PART_QUADS = 300_000
STORE_THREADS = 2  # parts loaded at once (each holds its part in memory)
_LINE_BYTES_ESTIMATE = 210  # bytes per N-Quads line, to cut parts of graph.nq without counting lines


@dataclass
class BuildResult:
    """What a build produced and what it skipped."""

    corpus: Corpus
    out_dir: Path | None
    skipped: list[str] = field(default_factory=list)  # one line per skipped file: 'path: reason'
    warnings: list[str] = field(default_factory=list)
    stale: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    changes_data: dict = field(default_factory=dict, repr=False)  # per-year data behind ``changes``
    seconds: float = 0.0
    quads: int = 0
    reused: int = 0  # analyses taken from the cache
    analysed: int = 0  # documents analysed in this build
    read: int = 0  # files opened and decoded in this build (the others were unchanged by their stat)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step (steps may overlap)
    graphs_written: int = 0  # named graphs serialised and loaded in this build (the others were copied)
    graphs_copied: int = 0  # source graphs whose N-Quads were copied from the previous output (their key unchanged)
    layout_reused: bool = False  # graph.html drew the same graph as the previous build: its layout was kept
    json_blocks_copied: int = 0  # sources whose part of graph.json was copied from the previous one

    @property
    def documents(self) -> int:
        return len(self.corpus.sources)

    def summary(self) -> dict:
        c = self.corpus
        return {
            "documents": len(c.sources),
            "disclosures": sum(1 for s in c.sources if s.kind == "disclosure"),
            "projects": len(c.project_years),
            "series": len(c.series),
            "mentions": len(c.citations),
            "works": len(c.works),
            "relations": len(c.relations),
            "stale_citations": len(self.stale),
            "quads": self.quads,
            "skipped": len(self.skipped),
            "warnings": len(self.warnings),
            "reused_from_cache": self.reused,
            "seconds": round(self.seconds, 3),
        }


def default_inputs() -> list[str]:
    """The bundled sample corpus."""
    return [str(p) for p in SAMPLE_FILES]


def _names(paths: Sequence[str]) -> Callable[[str], str]:
    """Map a file path to its name relative to the argument it came from."""
    roots = [(Path(p).resolve(), Path(p).is_dir()) for p in paths]

    def name(path: str) -> str:
        rp = Path(path).resolve()
        for root, is_dir in roots:
            if is_dir:
                try:
                    return rp.relative_to(root).as_posix()
                except ValueError:
                    continue
            elif rp == root:
                return rp.name
        return Path(path).name

    return name


def analyse_source(st: SourceText) -> DocAnalysis:
    return analyse_text(st.text, source=st.path)


def _list_inputs(paths: Sequence[str]) -> list[str | ReadError]:
    """Every input file (or the error that stands for it), in the order ``iter_corpus`` reads them."""
    visited: dict[tuple[int, int], str] = {}
    return [item for given in paths for item in _expand_path(os.fsdecode(os.fspath(given)), visited)]


@dataclass(frozen=True)
class _Known:
    """A file unchanged since the last build (by its stat), with its cached part of the model
    or, when the cache has no part under its name, its cached analysis."""

    entry: FileEntry
    analysis: DocAnalysis | None
    part: SourcePart | None = None


def build_model(
    paths: Sequence[str] | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: AnalysisCache | None = None,
    declared: str | os.PathLike | None = None,
    progress: bool = False,
    jobs: int = 1,
    executor: str = "process",
    scheduler: str | None = None,
    on_error: Callable[[str], None] | None = None,
) -> BuildResult:
    """Read and analyse ``paths`` (default: the sample corpus) into a corpus model.

    Workers read the files themselves (``serial`` and ``process``; for ``dask``
    this process reads them and sends the text).  With a ``cache``, a file whose
    ``stat`` is unchanged since the last build is not read, and a file whose
    content hash has an analysis is not analysed.  Outcomes are then taken in
    input order, as :func:`extractors.reading.iter_corpus` would give them:
    duplicates (the same bytes as an earlier file) and names are decided there."""
    from .parallel import FileTask, Outcome, TextTask, analyse_all

    t0 = time.perf_counter()
    paths = list(paths) if paths else default_inputs()
    name_of = _names(paths)
    files = _list_inputs(paths)
    # A document's name is known before it is read when no other input has the same one: its
    # part of the model is then made where it is analysed, and a cached one can be used as it is.
    provisional = [name_of(f) if isinstance(f, str) else None for f in files]
    named = Counter(n for n in provisional if n is not None)
    unique = [n if n is not None and named[n] == 1 else None for n in provisional]
    index = cache.file_index() if cache is not None else None
    read_here = executor == "dask"  # remote workers need not have the files
    outcomes: list[ReadError | _Known | tuple[os.stat_result | None, Outcome] | None] = [None] * len(files)
    stats: dict[int, os.stat_result | None] = {}
    read_here_sources: dict[int, SourceText] = {}
    bar = None
    if progress and len(files) > 20:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="doc", desc="reading and analysing", leave=False)

    def settle(i: int, outcome) -> None:
        outcomes[i] = outcome
        if bar is not None:
            bar.update(1)

    def tasks() -> Iterator[tuple[int, TextTask | FileTask]]:
        for i, item in enumerate(files):
            if isinstance(item, ReadError):
                settle(i, item)
                continue
            try:
                st = os.stat(item)  # before reading: a change while reading shows next time
            except OSError:
                st = None
            known = index.lookup(item, st) if index is not None and st is not None and st.st_size <= max_bytes else None
            if known is not None:
                part = cache.get_part(known.sha256, unique[i]) if unique[i] is not None else None  # type: ignore[union-attr]
                hit = cache.get(known.sha256) if part is None else None  # type: ignore[union-attr]
                if part is not None or hit is not None:
                    settle(i, _Known(known, hit, part))
                    continue
            stats[i] = st
            if not read_here:
                yield i, FileTask(item, max_bytes, unique[i])
                continue
            try:
                src = read_source(item, max_bytes=max_bytes)
            except ReadError as e:
                settle(i, e)
                continue
            hit = cache.get(src.sha256) if cache is not None else None
            if hit is not None:
                settle(i, (stats.pop(i), Outcome(analysis=hit, source=src, cached=True)))
                continue
            read_here_sources[i] = src
            yield i, TextTask(src.text, src.path, src.sha256)

    try:
        for i, o in analyse_all(tasks(), jobs=jobs, executor=executor, scheduler=scheduler, cache=cache):
            if i in read_here_sources:
                o.source = read_here_sources.pop(i)
            settle(i, (stats.pop(i), o))
    finally:
        if bar is not None:
            bar.close()

    # In input order: duplicates, names, counts, the messages of skipped files.
    read_errors: list[str] = []
    failures: list[str] = []
    parts: list[SourcePart] = []
    counts = {"reused": 0, "read": 0, "analysed": 0}
    seen_names: set[str] = set()
    first_by_hash: dict[str, str] = {}

    def skip(into: list[str], msg: str) -> None:
        into.append(msg)
        if on_error:
            on_error(msg)

    for item, outcome in zip(files, outcomes):
        if isinstance(outcome, ReadError):
            skip(read_errors, str(outcome))
            continue
        assert isinstance(item, str) and outcome is not None
        if isinstance(outcome, _Known):
            e = outcome.entry
            sha, fmt, encoding, warnings = e.sha256, e.format, e.encoding, e.warnings
            analysis, part = outcome.analysis, outcome.part
            st, o = None, None
        else:
            st, o = outcome
            if o.read_error is not None:
                skip(read_errors, str(o.read_error))
                continue
            src = o.source
            assert src is not None
            sha, fmt, encoding, warnings = src.sha256, src.format, src.encoding, tuple(src.warnings)
            analysis, part = o.analysis, o.part
        if sha in first_by_hash:
            skip(read_errors, str(ReadError(item, f"duplicate of {first_by_hash[sha]}")))
            continue
        first_by_hash[sha] = item
        if o is not None:
            counts["read"] += 1
            if index is not None and st is not None:
                index.record(item, st, sha, fmt, encoding, warnings)
            if o.failure is not None:
                skip(failures, f"{item}: {o.failure}")
                continue
        name = name_of(item)
        if name in seen_names:  # the same relative name under two arguments
            name = f"{name}#{h(item, n=6)}"
        seen_names.add(name)
        if part is not None and part.source.name == name:
            part.source.path, part.source.warnings = item, tuple(warnings)
        else:  # no part yet, or one made under another name: make it from the analysis
            if analysis is None:
                analysis = cache.get(sha) if cache is not None else None
            if analysis is None:
                assert part is not None
                analysis = analyse_text(part.source.text, source=item)
            part = source_part(SourceInfo(path=item, name=name, sha256=sha, format=fmt, encoding=encoding,
                                          warnings=tuple(warnings)), analysis)
            if cache is not None:
                cache.put_part(part)
        parts.append(part)
        counts["analysed" if o is not None and not o.cached else "reused"] += 1
    if index is not None:
        index.save()
    t1 = time.perf_counter()
    skipped = read_errors + failures
    corpus = fold(parts)
    corpus.skipped = skipped
    t2 = time.perf_counter()
    result = BuildResult(corpus=corpus, out_dir=None, skipped=skipped, warnings=list(corpus.warnings),
                         reused=counts["reused"], analysed=counts["analysed"], read=counts["read"])
    from .changes import apply_inference

    apply_inference(result, declared=declared)
    t3 = time.perf_counter()
    result.timings.update({"read_analyse": t1 - t0, "corpus": t2 - t1, "inference": t3 - t2})
    result.seconds = t3 - t0
    return result


def build(
    paths: Sequence[str] | None = None,
    out_dir: str | os.PathLike = "output",
    *,
    base: str | None = None,
    declared: str | os.PathLike | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    use_cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
    progress: bool = False,
    jobs: int = 1,
    executor: str = "process",
    scheduler: str | None = None,
    html: bool = True,
    store: bool = True,
    on_error: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the knowledge graph of ``paths`` (default: the bundled samples) into ``out_dir``.

    With ``use_cache`` (the default) the build is incremental: unchanged files
    are neither read nor analysed again, and the graphs of unchanged sources are
    copied from the previous output instead of being serialised and loaded
    again.  ``use_cache=False`` (``--no-cache``) builds everything afresh.

    >>> from kg import build
    >>> result = build(out_dir="/tmp/policykg-doctest")   # doctest: +SKIP
    >>> result.summary()["projects"]                      # doctest: +SKIP
    9
    """
    t0 = time.perf_counter()
    out = Path(out_dir)
    cache = None
    if use_cache:
        cache = AnalysisCache(Path(cache_dir) if cache_dir else out.parent / ".policykg-cache", ANALYSIS_VERSION)
    with _gc_paused():
        result = build_model(paths, max_bytes=max_bytes, cache=cache, declared=declared, progress=progress, jobs=jobs,
                             executor=executor, scheduler=scheduler, on_error=on_error)
        if result.documents:
            write_outputs(result, out, base=base, html=html, store=store, inputs=paths or default_inputs(),
                          incremental=use_cache)
            result.out_dir = out
    result.seconds = time.perf_counter() - t0
    return result


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while building.

    A build allocates millions of long-lived objects and frees almost no cycles;
    every full collection walks them all (16 of them at 10,000 documents, none
    freeing anything), which cost a third of the model's time.  Reference
    counting still frees everything else; the collector's state is restored after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_outputs(result: BuildResult, out: Path, *, base: str | None = None, html: bool = True, store: bool = True,
                  inputs: Iterable[str] = (), incremental: bool = False) -> None:
    """Write every output into a temporary directory, then swap it in atomically.

    ``incremental``: reuse what the previous output in ``out`` holds for unchanged graphs."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # The name is chosen before the directory exists, so that an interrupt
    # arriving right after it is made still finds it to remove.
    tmp = out.parent / f".{out.name}.tmp-{secrets.token_hex(6)}"
    timings = result.timings
    jobs: list[_Job] = []
    loader: _StoreLoader | None = None
    text: _TextWriter | None = None
    csv_spans: dict[str, tuple[str, int, int]] = {}
    json_spans: dict[str, list] = {}
    try:
        tmp.mkdir()
        ir = Iris(base) if base else Iris()
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        previous = _Previous.load(out, ir.base) if incremental else None
        if store and (previous is None or not previous.store):
            loader = _StoreLoader(tmp / "graph.nq", tmp / "store")  # loads each part as soon as it is written
        text = _TextWriter(tmp, previous)  # TriG and Turtle of each graph as soon as it is written
        t = time.perf_counter()
        graphs, result.quads = _write_nquads(result, tmp, ir, started, inputs, previous,
                                             loader.add if loader else None, text.add)
        jobs.append(text.finish())
        timings["nquads"] = time.perf_counter() - t
        changed = [g for g in graphs if not g.same_nq]
        written = {g.iri for g in graphs}
        gone = [g for iri, g in previous.graphs.items() if iri not in written] if previous else []
        result.graphs_written = len(changed)
        result.graphs_copied = sum(g.copied for g in graphs)
        if store and loader is None:  # a previous store to start from
            assert previous is not None
            share = (sum(g.nq[1] for g in changed) + sum(g.nq[1] for g in gone)) / max(1, sum(g.nq[1] for g in graphs))
            if share <= STORE_PATCH_MAX_SHARE:
                jobs.append(_Job.thread("store", lambda: _patch_store(tmp, graphs, changed, gone, previous)))
            else:
                loader = _StoreLoader(tmp / "graph.nq", tmp / "store")
                for span in _parts(graphs):
                    loader.add(*span)
        if loader is not None:
            jobs.append(loader.finish())
        graph_keys = _source_keys(graphs, ir)  # what a source's rows and graph.json block are made from, too
        for name, step in (
            ("csv", lambda: csv_spans.update(_write_citations_csv(result.corpus, tmp / "citations.csv", previous,
                                                                   graph_keys))),
            ("texts", lambda: _write_texts(result.corpus, tmp / "texts")),
            ("changes", lambda: _write_changes(result, tmp)),
            ("html", lambda: json_spans.update(_write_html(result, tmp, previous, graph_keys) if html else {})),
        ):
            t = time.perf_counter()
            step()
            timings[name] = time.perf_counter() - t
        t = time.perf_counter()
        for job in jobs:
            done = job.wait()
            timings[job.name] = job.seconds
            for g, trig, ttl in zip(graphs, done.get("trig", ()), done.get("ttl", ())):
                g.trig, g.ttl = tuple(trig), tuple(ttl)
        timings["wait"] = time.perf_counter() - t
        (tmp / "union.nt").unlink()
        (tmp / "summary.json").write_text(
            json.dumps({**result.summary(), "skipped_files": result.skipped, "warning_lines": result.warnings,
                        "timings": {k: round(v, 3) for k, v in timings.items()}},
                       ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        (tmp / "README.md").write_text(_OUTPUT_README, encoding="utf-8")
        _write_manifest(tmp, ir.base, graphs, store, csv_spans, json_spans if html else None)
        t = time.perf_counter()
        _swap(tmp, out)
        timings["swap"] = time.perf_counter() - t
    except BaseException:
        if loader is not None:
            loader.cancel()
        if text is not None:
            text.cancel()
        for job in jobs:
            job.cancel()
        _remove_tree(tmp)
        raise


def _remove_tree(path: Path, patience: float = 10.0) -> None:
    """Remove a temporary directory that a cancelled helper may still be finishing a file in."""
    deadline = time.monotonic() + patience
    while True:
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists() or time.monotonic() > deadline:
            return
        time.sleep(0.05)


def _write_changes(result: BuildResult, tmp: Path) -> None:
    from .changes import write_changes

    write_changes(result, tmp)


LAYOUTS = ".layout.json"  # in the output: the graph's layout, for the next build to reuse (kg.html.LayoutMemo)


def _write_html(result: BuildResult, tmp: Path, previous: "_Previous | None" = None,
                graph_keys: dict[str, str] | None = None) -> dict[str, list]:
    from .html import LayoutMemo, write_graph_html

    layouts = LayoutMemo.read(previous.dir / LAYOUTS) if previous is not None else LayoutMemo()
    reuse = previous is not None and previous.json
    spans, result.json_blocks_copied = write_graph_html(result, tmp / "graph.html", layouts=layouts, graph_keys=graph_keys,
                             previous=previous.dir / "graph.json" if reuse else None,  # type: ignore[union-attr]
                             spans=previous.json if reuse else None)  # type: ignore[union-attr]
    layouts.write(tmp / LAYOUTS)
    result.layout_reused = layouts.hits > 0
    return spans


def _swap(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` with two renames; the old output survives until the new one is in place."""
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        if old.exists():
            shutil.rmtree(old)
        os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out)


# --------------------------------------------------------------------------- RDF, graph by graph


@dataclass
class _Graph:
    """Where one named graph is in each output file, as (offset, length).

    Its share of graph.ttl is its triples less those an earlier graph already had
    (``dropped``: their line numbers in the graph).  Only a graph that drops some
    has them written to ``union.nt`` (``union``); the others' Turtle is their
    TriG text one level less indented."""

    iri: str
    nq: tuple[int, int]
    union: tuple[int, int]
    dropped: list[int]
    trig: tuple[int, int] = (0, 0)
    ttl: tuple[int, int] = (0, 0)
    same_nq: bool = False  # byte for byte as in the previous output (its TriG can be copied)
    same_union: bool = False  # and the same lines dropped from the union (its Turtle can be copied)
    key: str | None = None  # a source graph's key (:func:`kg.rdf.source_graph_key`): same key, same lines
    copied: bool = False  # its lines were copied from the previous graph.nq (same key), not made
    quads: int = 0  # its lines
    keys: frozenset[bytes] = frozenset()  # its screen keys for the union (:mod:`kg.union`)

    def row(self) -> list:
        return [self.iri, *self.nq, *self.union, self.dropped, *self.trig, *self.ttl, self.key, self.quads,
                b"".join(sorted(self.keys)).hex()]

    @classmethod
    def of_row(cls, r: list) -> "_Graph":
        keys = bytes.fromhex(r[12])
        return cls(r[0], (r[1], r[2]), (r[3], r[4]), list(r[5]), (r[6], r[7]), (r[8], r[9]), key=r[10], quads=r[11],
                   keys=frozenset(keys[i:i + KEY_BYTES] for i in range(0, len(keys), KEY_BYTES)))


@dataclass
class _Previous:
    """The previous output, when its manifest still describes its files."""

    dir: Path
    graphs: dict[str, _Graph]
    store: bool
    csv: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # source id → (key, offset, length)
    json: dict[str, list] = field(default_factory=dict)  # source id → [key, node offset, length, edge offset, length]

    @classmethod
    def load(cls, out: Path, base: str) -> "_Previous | None":
        try:
            m = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            if (m.get("format"), m.get("tool"), m.get("writer"), m.get("base")) != (_MANIFEST_FORMAT, TOOL_VERSION,
                                                                                   _writer(), base):
                return None  # another version wrote it: its TriG and Turtle text may differ from ours
            if any((out / name).stat().st_size != size for name, size in m["sizes"].items()):
                return None  # the files were changed since: trust nothing
            graphs = {r[0]: _Graph.of_row(r) for r in m["graphs"]}
            csv_spans = {sid: (k, off, n) for sid, (k, off, n) in m.get("csv", {}).items()}
            json_spans = m.get("json") or {}
            return cls(out, graphs, bool(m["store"]) and (out / "store").is_dir(), csv_spans, json_spans)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None  # no manifest, or one we cannot read: a full build


def _writer() -> str:
    """What the TriG and Turtle text depends on besides a graph's lines: the serialiser and the prefixes."""
    import pyoxigraph as ox

    return f"pyoxigraph {ox.__version__} " + hashlib.sha256(json.dumps(PREFIXES, sort_keys=True).encode()).hexdigest()[:12]


def _write_manifest(tmp: Path, base: str, graphs: list[_Graph], store: bool,
                    csv_spans: dict[str, tuple[str, int, int]] | None = None,
                    json_spans: dict[str, list] | None = None) -> None:
    names = ("graph.nq", "graph.trig", "graph.ttl", "citations.csv") + (("graph.json",) if json_spans is not None else ())
    sizes = {name: (tmp / name).stat().st_size for name in names}
    m = {"format": _MANIFEST_FORMAT, "tool": TOOL_VERSION, "writer": _writer(), "base": base, "store": store,
         "sizes": sizes, "graphs": [g.row() for g in graphs], "csv": csv_spans or {}, "json": json_spans or {}}
    (tmp / MANIFEST).write_text(json.dumps(m, separators=(",", ":")), encoding="utf-8")


def _write_nquads(result: BuildResult, tmp: Path, ir: Iris, started: str, inputs: Iterable[str],
                  previous: _Previous | None, on_part: Callable[[int, int], None] | None,
                  on_graph: Callable[[_Graph], None] | None = None) -> tuple[list[_Graph], int]:
    """Write ``graph.nq`` graph by graph, and ``union.nt``: the union's lines of the graphs that
    repeat a triple of an earlier graph (graph.ttl has every triple once, in file order).

    A source graph whose key the previous output has is copied from the previous graph.nq
    as bytes, in the kernel, runs of them at once; the others are made and compared with
    the previous output's bytes.  ``on_graph(graph)`` gets each graph and ``on_part(start,
    end)`` byte ranges of ``graph.nq`` (whole graphs, about :data:`STORE_PART_QUADS` lines)
    as soon as they are on disk."""
    graphs: list[_Graph] = []
    n = 0
    citation = f"<{ir.base}citation/"
    citation_end = f"<{ir.base}citation0"  # '0' follows '/': the end of the citation subjects in sorted lines
    citation_b, citation_end_b = citation.encode("utf-8"), citation_end.encode("utf-8")  # UTF-8 sorts as the text
    old_nq = open(previous.dir / "graph.nq", "rb") if previous is not None else None
    part_start, part_lines = 0, 0
    pos = [0, 0]  # bytes written to graph.nq and union.nt (counted: tell() would be a system call per graph)
    run: list[int] = []  # old graph.nq bytes [start, length] still to copy: consecutive copied graphs
    try:
        with open(tmp / "graph.nq", "wb") as nq, open(tmp / "union.nt", "wb") as nt:

            def flush() -> None:
                nq.flush()
                if run:
                    copy_range(old_nq.fileno(), nq.fileno(), run[0], run[1])  # type: ignore[union-attr]
                    run.clear()

            def numbered(lines: list[bytes]) -> list[tuple[int, bytes]]:
                """The non-citation lines of a graph's sorted lines, with their line numbers."""
                i, j = bisect_left(lines, citation_b), bisect_left(lines, citation_end_b)
                return [*enumerate(lines[:i]), *enumerate(lines[j:], j)]

            fetched: dict[int, list[tuple[int, bytes]]] = {}

            def fetch(k: int) -> list[tuple[int, bytes]]:
                """Graph ``k``'s lines, read back from the new graph.nq (a later graph shares a key with it)."""
                got = fetched.get(k)
                if got is None:
                    flush()
                    if len(fetched) > 64:
                        fetched.clear()
                    got = fetched[k] = numbered(_read_span(tmp / "graph.nq", graphs[k].nq).splitlines(keepends=True))
                return got

            owned = owned_prefixes(ir.base)
            screen = UnionScreen(owned, fetch)

            def put(g: str, lines: list[str], key: str | None = None) -> None:
                # lines are sorted, so the citation subjects are one run: unique, never compared.
                i, j = bisect_left(lines, citation), bisect_left(lines, citation_end)
                head, mid, tail = ("".join(lines[a:b]).encode("utf-8") for a, b in ((0, i), (i, j), (j, len(lines))))
                data = b"".join((head, mid, tail))
                other = [*enumerate(head.splitlines(keepends=True)), *enumerate(tail.splitlines(keepends=True), j)]
                keys = screen_keys((line for _, line in other), owned)
                dropped = screen.add(keys, lambda: other)
                udata = _union_lines(g, other, mid, dropped, j) if dropped else b""
                graph = _Graph(g, (pos[0], len(data)), (pos[1], len(udata)), dropped, key=key, quads=len(lines),
                               keys=frozenset(keys))
                old = previous.graphs.get(g) if previous is not None else None
                if old is not None and old_nq is not None and old.nq[1] == len(data):
                    old_nq.seek(old.nq[0])
                    graph.same_nq = old_nq.read(old.nq[1]) == data
                graph.same_union = graph.same_nq and old is not None and old.dropped == dropped
                flush()
                nq.write(data)
                emit(graph, udata)

            def put_known(g: str, key: str) -> None:
                """A source graph whose key the previous output has: its bytes are copied from there."""
                old = previous.graphs[g]  # type: ignore[union-attr]
                split: list[list[bytes]] = []  # its lines, read only when a key of it is shared

                def lines() -> list[bytes]:
                    if not split:
                        split.append(_read_span(previous.dir / "graph.nq", old.nq).splitlines(keepends=True))  # type: ignore[union-attr]
                    return split[0]

                dropped = screen.add(old.keys, lambda: numbered(lines()))
                udata = b""
                if dropped:
                    i, j = bisect_left(lines(), citation_b), bisect_left(lines(), citation_end_b)
                    udata = _union_lines(g, numbered(lines()), b"".join(lines()[i:j]), dropped, j)
                graph = _Graph(g, (pos[0], old.nq[1]), (pos[1], len(udata)), dropped, key=key, copied=True,
                               quads=old.quads, keys=old.keys, same_nq=True, same_union=old.dropped == dropped)
                if run and run[0] + run[1] == old.nq[0]:
                    run[1] += old.nq[1]
                else:
                    flush()
                    run[:] = [old.nq[0], old.nq[1]]
                emit(graph, udata)

            def emit(graph: _Graph, udata: bytes) -> None:
                nonlocal n, part_start, part_lines
                graphs.append(graph)
                if udata:
                    nt.write(udata)
                pos[0] += graph.nq[1]
                pos[1] += len(udata)
                if on_graph is not None:
                    if not (graph.same_nq and graph.same_union):  # the text writer reads this graph's new bytes
                        flush()
                        nt.flush()
                    on_graph(graph)
                n += graph.quads
                part_lines += graph.quads
                if on_part is not None and part_lines >= STORE_PART_QUADS:
                    flush()
                    on_part(part_start, pos[0])
                    part_start, part_lines = pos[0], 0

            def known(g: str, key: str) -> bool:
                old = previous.graphs.get(g) if previous is not None else None
                return old is not None and old.key == key

            for g, key, lines in iter_keyed_graphs(result.corpus, ir, stale=result.stale,
                                                   known=known if previous is not None else None):
                if lines is None:
                    assert key is not None
                    put_known(g, key)
                else:
                    put(g, lines, key)
            ended = datetime.now(timezone.utc).isoformat(timespec="seconds")
            run_id = started.replace(":", "").replace("-", "").replace("+0000", "Z")
            run_lines = run_quads(result.corpus, ir, run_id=run_id, started=started, ended=ended, version=TOOL_VERSION,
                                  inputs=[s.name for s in result.corpus.sources])
            put(ir.named("run"), run_lines)
            flush()
            if on_part is not None and pos[0] > part_start:
                on_part(part_start, pos[0])
    finally:
        if old_nq is not None:
            old_nq.close()
    return graphs, n


def _union_lines(g: str, other: list[tuple[int, bytes]], mid: bytes, dropped: list[int], first_tail: int) -> bytes:
    """A graph's lines in the union (graph.ttl): its triples in order, less the ``dropped`` ones.

    ``other`` are its non-citation lines with their numbers (those before ``first_tail`` come
    before the citation lines ``mid``)."""
    gone = set(dropped)
    head = b"".join(triple_of(line) for k, line in other if k < first_tail and k not in gone)
    tail = b"".join(triple_of(line) for k, line in other if k >= first_tail and k not in gone)
    return head + mid.replace(f" <{g}> .\n".encode("utf-8"), b" .\n") + tail


def _parts(graphs: list[_Graph]) -> Iterator[tuple[int, int]]:
    """``graph.nq`` in byte ranges of whole graphs, about :data:`STORE_PART_QUADS` lines each."""
    limit = STORE_PART_QUADS * _LINE_BYTES_ESTIMATE
    start = end = 0
    for g in graphs:
        end = g.nq[0] + g.nq[1]
        if end - start >= limit:
            yield start, end
            start = end
    if end > start:
        yield start, end


class _StoreLoader:
    """Bulk-loads ranges of ``graph.nq`` into a fresh store, in threads, as they are handed in.

    Each range is one ``bulk_load`` (Rust, without the GIL) of a part file, so the
    store is built while this process writes the rest, and the loader holds in
    memory only the parts being loaded, whatever the corpus's size.  With two
    cores or more, two parts load at once (RocksDB ingests both)."""

    def __init__(self, nquads: Path, store_dir: Path) -> None:
        import queue

        import pyoxigraph as ox

        self._nq = nquads
        self._dir = store_dir
        self._queue: queue.Queue[tuple[int, int] | None] = queue.Queue()
        self._cancelled = threading.Event()
        self._store = ox.Store(str(store_dir))
        self._threads = max(1, min(STORE_THREADS, os.cpu_count() or 1))
        self._job = _Job.thread("store", self._run)

    def add(self, start: int, end: int) -> None:
        self._queue.put((start, end))

    def finish(self) -> "_Job":
        """No more parts: the job to wait for."""
        self._queue.put(None)
        return self._job

    def cancel(self) -> None:
        """Stop after the parts being loaded, and wait for that: the temporary
        directory is removed next, and a loader still writing would leave it behind."""
        self._cancelled.set()
        self._queue.put(None)
        if self._job._thread is not None:
            self._job._thread.join(timeout=120)

    def _load(self, k: int, errors: list[BaseException]) -> None:
        import pyoxigraph as ox

        part = self._dir.with_name(f".store-part-{k}.nq")
        try:
            while (span := self._queue.get()) is not None and not self._cancelled.is_set() and not errors:
                _copy_range(self._nq, part, *span)
                self._store.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS)
        except BaseException as e:  # handed to the job, which re-raises it
            errors.append(e)
        finally:
            self._queue.put(None)  # the end, for the other loader threads too
            part.unlink(missing_ok=True)

    def _run(self) -> None:
        errors: list[BaseException] = []
        others = [threading.Thread(target=self._load, args=(k, errors), name=f"policykg-store-{k}", daemon=True)
                  for k in range(1, self._threads)]
        for t in others:
            t.start()
        self._load(0, errors)
        for t in others:
            t.join()
        try:
            if errors:
                raise errors[0]
            self._store.flush()
        finally:
            del self._store


def _copy_range(src: Path, dst: Path, start: int, end: int) -> None:
    """Copy bytes ``start:end`` of ``src`` into a new file ``dst`` (in the kernel where it can)."""
    with open(src, "rb") as fi, open(dst, "wb") as fo:
        copy_range(fi.fileno(), fo.fileno(), start, end - start)


def _read_span(path: Path, span: tuple[int, int]) -> bytes:
    with open(path, "rb") as f:
        f.seek(span[0])
        return f.read(span[1])


def _patch_store(tmp: Path, graphs: list[_Graph], changed: list[_Graph], gone: list[_Graph],
                 previous: _Previous) -> None:
    """A checkpoint of the previous store with the changed graphs' differences applied.

    A changed graph's lines are compared with its previous lines, and only the difference
    is removed and added; a graph that changed more than half (the run's provenance, whose
    activity is new each time) is dropped and loaded again, which is cheaper than removing
    its quads one by one."""
    from .store import apply_changes, copy_store

    try:
        removed: list[bytes] = []
        added: list[bytes] = []
        replaced: list[str] = []
        for g in changed:
            data = _read_span(tmp / "graph.nq", g.nq)
            old_graph = previous.graphs.get(g.iri)
            if old_graph is None or not old_graph.nq[1]:
                added.append(data)
                continue
            new = set(data.splitlines(keepends=True))
            old = set(_read_span(previous.dir / "graph.nq", old_graph.nq).splitlines(keepends=True))
            gone_lines = old - new
            if 2 * len(gone_lines) > len(old):
                replaced.append(g.iri)
                added.append(data)
            else:
                removed.extend(sorted(gone_lines))
                added.extend(sorted(new - old))
        copy_store(previous.dir / "store", tmp / "store")
        apply_changes(tmp / "store", removed=b"".join(removed), added=b"".join(added),
                      dropped_graphs=[g.iri for g in gone] + replaced)
    except Exception:  # a previous store we cannot copy or patch: build it afresh
        shutil.rmtree(tmp / "store", ignore_errors=True)
        loader = _StoreLoader(tmp / "graph.nq", tmp / "store")
        for span in _parts(graphs):
            loader.add(*span)
        loader.finish().wait()


_TEXT_WRITER = r"""
import json, os, sys, time
t0 = time.perf_counter()
import pyoxigraph as ox

def body(data):
    # pyoxigraph writes the prefixes first: the rest is the graph's own text.
    i = 0
    while data.startswith(b"@prefix ", i):
        i = data.index(b"\n", i) + 1
    return data[:i], data[i:]

spec = json.load(open(sys.argv[1], encoding="utf-8"))  # then one graph a line on stdin, as they are written
prefixes = spec["prefixes"]
TRIG, TTL, NQ, NT = ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE, ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES
ser = lambda data, src, fmt: ox.serialize(ox.parse(data, format=src), format=fmt, prefixes=prefixes)

def turtle_of_trig(text):
    # A graph's TriG is "<g> {" + its triples' Turtle indented by one tab + "}".  Literals
    # are written on one line (newlines escaped), so a line break starts a line of text.
    if not text:
        return b""
    inner = text[text.index(b"{\n") + 2:text.rindex(b"}")]
    return inner[1:].replace(b"\n\t", b"\n") if inner.startswith(b"\t") else inner.replace(b"\n\t", b"\n")

probe_nq = spec["probe"].encode("utf-8")
probe_nt = probe_nq.replace(b" <urn:x:g> .\n", b" .\n")
header_trig, probe_trig = body(ser(probe_nq, NQ, TRIG))
header_ttl, probe_ttl = body(ser(probe_nt, NT, TTL))
derive = turtle_of_trig(probe_trig) == probe_ttl  # else this pyoxigraph writes them differently: serialise both
files, spans = {}, {"trig": [], "ttl": []}

def read(path, off, n):
    f = files.get(path) or files.setdefault(path, open(path, "rb"))
    f.seek(off)
    return f.read(n)

def copy_run(path, off, lengths, out, kind):
    # Consecutive graphs copied from the previous file: one copy in the kernel, a span each.
    out.flush()
    start = out.tell()
    fd = files.get(path) or files.setdefault(path, open(path, "rb"))
    todo, at = sum(lengths), off
    while todo > 0:
        done = os.copy_file_range(fd.fileno(), out.fileno(), todo, at) if hasattr(os, "copy_file_range") else 0
        if done <= 0:
            out.write(os.pread(fd.fileno(), todo, at))
            break
        todo, at = todo - done, at + done
    out.seek(0, 2)  # the kernel moved the file's offset: make the buffered writer see it
    for n in lengths:
        spans[kind].append((start, n))
        start += n

with open(spec["trig"], "wb") as trig, open(spec["ttl"], "wb") as ttl:
    trig.write(header_trig)
    ttl.write(header_ttl)
    for row in sys.stdin.buffer:
        r = json.loads(row)
        if r[0] == "run":
            _, tpath, toff, tlens, upath, uoff, ulens = r
            copy_run(tpath, toff, tlens, trig, "trig")
            copy_run(upath, uoff, ulens, ttl, "ttl")
            continue
        g, t, u, nq_span = r
        kind, path, off, n = t
        text = read(path, off, n)
        if kind == "ser" and text:
            text = body(ser(text, NQ, TRIG))[1]
        spans["trig"].append((trig.tell(), len(text)))
        trig.write(text)
        kind, path, off, n = u
        if kind == "copy" or kind == "ser":
            data = read(path, off, n)
            if kind == "ser" and data:
                data = body(ser(data, NT, TTL))[1]
        elif derive:
            data = turtle_of_trig(text)
        else:
            nq = read(*nq_span)
            data = body(ser(nq.replace((" <%s> .\n" % g).encode("utf-8"), b" .\n"), NT, TTL))[1] if nq else b""
        spans["ttl"].append((ttl.tell(), len(data)))
        ttl.write(data)
with open(spec["done"], "w", encoding="utf-8") as f:
    json.dump({**spans, "seconds": time.perf_counter() - t0, "derived": derive}, f)
"""


class _TextWriter:
    """graph.trig and graph.ttl, written by a helper process graph by graph as graph.nq grows.

    Per graph: its TriG copied from the previous output or serialised from its
    N-Quads; its Turtle copied, taken from its TriG, or serialised from its lines
    in union.nt.  pyoxigraph's serialiser holds the GIL, so it runs in a process
    of its own; a thread hands it the graphs, so this process never waits for it."""

    _PROBE = ('<urn:x:s> <urn:x:p> "a\\nb\\t\\"c\\"" <urn:x:g> .\n<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .\n'
              '<urn:x:s> <urn:x:q> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:x:g> .\n'
              '<urn:x:t> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:x:C> <urn:x:g> .\n')

    def __init__(self, tmp: Path, previous: _Previous | None) -> None:
        import queue

        self._tmp = tmp
        self._previous = previous
        self._spec = tmp / ".text-spec.json"
        self._done = tmp / ".text-done.json"
        self._spec.write_text(json.dumps({"trig": str(tmp / "graph.trig"), "ttl": str(tmp / "graph.ttl"),
                                          "done": str(self._done), "prefixes": PREFIXES, "probe": self._PROBE},
                                         ensure_ascii=False), encoding="utf-8")
        self._t0 = time.perf_counter()
        self._proc = subprocess.Popen([sys.executable, "-c", _TEXT_WRITER, str(self._spec)], stdin=subprocess.PIPE,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self._run: list = []  # consecutive copied graphs not yet handed over: ["run", trig file, offset, lengths, ttl …]
        self._run_end = (0, 0)  # where the run ends in the previous graph.trig and graph.ttl
        self._feeder = threading.Thread(target=self._feed, name="policykg-text-feeder", daemon=True)
        self._feeder.start()

    def add(self, g: _Graph) -> None:
        old = self._previous.graphs.get(g.iri) if self._previous is not None else None
        if old is not None and g.same_nq and g.same_union:  # TriG and Turtle both copied
            r = self._run
            if r and self._run_end == (old.trig[0], old.ttl[0]):
                r[3].append(old.trig[1])
                r[6].append(old.ttl[1])
            else:
                self._end_run()
                self._run = ["run", str(self._previous.dir / "graph.trig"), old.trig[0], [old.trig[1]],  # type: ignore[union-attr]
                             str(self._previous.dir / "graph.ttl"), old.ttl[0], [old.ttl[1]]]  # type: ignore[union-attr]
            self._run_end = (old.trig[0] + old.trig[1], old.ttl[0] + old.ttl[1])
            return
        self._end_run()
        nq = (str(self._tmp / "graph.nq"), *g.nq)
        if old is not None and g.same_nq:
            trig = ("copy", str(self._previous.dir / "graph.trig"), *old.trig)  # type: ignore[union-attr]
        else:
            trig = ("ser", *nq)
        if old is not None and g.same_union:
            ttl = ("copy", str(self._previous.dir / "graph.ttl"), *old.ttl)  # type: ignore[union-attr]
        elif g.dropped:
            ttl = ("ser", str(self._tmp / "union.nt"), *g.union)
        else:
            ttl = ("from-trig", "", 0, 0)
        self._queue.put(json.dumps([g.iri, trig, ttl, nq], ensure_ascii=False).encode("utf-8") + b"\n")

    def _end_run(self) -> None:
        """Hand the helper the pending run of copied graphs, as one row."""
        if self._run:
            self._queue.put(json.dumps(self._run, ensure_ascii=False).encode("utf-8") + b"\n")
            self._run = []

    def _feed(self) -> None:
        stdin = self._proc.stdin
        assert stdin is not None
        try:
            while (row := self._queue.get()) is not None:
                stdin.write(row)
        except OSError:
            pass  # the helper died: its exit status tells
        finally:
            try:
                stdin.close()
            except OSError:
                pass

    def finish(self) -> "_Job":
        """No more graphs: the job to wait for (its ``wait()`` gives the spans of every graph)."""
        self._end_run()
        self._queue.put(None)

        def wait() -> dict:
            self._feeder.join()  # stdin is closed: the helper finishes its last graph and exits
            assert self._proc.stderr is not None
            err = self._proc.stderr.read()
            self._proc.stderr.close()
            self._proc.wait()
            if self._proc.returncode != 0:
                last = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["killed"]
                raise OSError(f"writing graph.trig and graph.ttl failed: {last[0]}")
            done = json.loads(self._done.read_text(encoding="utf-8"))
            job.seconds = done["seconds"]  # its own run, not how long this process took to ask
            self._spec.unlink()
            self._done.unlink()
            return done

        job = _Job("text", wait, self.cancel)
        return job

    def cancel(self) -> None:
        self._queue.put(None)
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stderr is not None:
            self._proc.stderr.close()


class _Job:
    """A step that runs beside this process's work (a thread, or a helper process)."""

    def __init__(self, name: str, wait: Callable[[], dict] | None = None, cancel: Callable[[], None] | None = None) -> None:
        self.name = name
        self.seconds = 0.0
        self._t0 = time.perf_counter()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._wait = wait
        self._cancel = cancel

    @classmethod
    def thread(cls, name: str, fn: Callable[[], None]) -> "_Job":
        job = cls(name)

        def run() -> None:
            try:
                fn()
            except BaseException as e:  # re-raised by wait()
                job._error = e
            job.seconds = time.perf_counter() - job._t0

        job._thread = threading.Thread(target=run, name=f"policykg-{name}", daemon=True)
        job._thread.start()
        return job

    def wait(self) -> dict:
        """Wait for the step; what it reports (the text writer: the spans of every graph)."""
        if self._wait is not None:
            return self._wait()
        if self._thread is not None:
            self._thread.join()
            if self._error is not None:
                raise self._error
        return {}

    def cancel(self) -> None:
        """Stop it if it can be stopped (a thread runs on, as a daemon)."""
        if self._cancel is not None:
            self._cancel()


CSV_COLUMNS = ("source", "project", "year", "section", "kind", "number", "title", "law", "article", "start", "end", "quote")


def _source_keys(graphs: list[_Graph], ir: Iris) -> dict[str, str]:
    """Source id → its graph's key (:func:`kg.rdf.source_graph_key`)."""
    prefix = ir.base + "graph/source/"
    return {g.iri[len(prefix):]: g.key for g in graphs if g.key is not None and g.iri.startswith(prefix)}


def _write_citations_csv(corpus: Corpus, path: Path, previous: _Previous | None = None,
                         graph_keys: dict[str, str] | None = None) -> dict[str, tuple[str, int, int]]:
    """citations.csv: one row per mention, by source name, then offset.

    A source's rows are a function of its graph's key (its citations, projects and text) and
    of the number and title of each work it cites: when both are as in the previous build, its
    rows are copied from the previous file.  Returns each source's (key, offset, length)."""
    projects = {p.id: p for p in corpus.project_years}
    works = corpus.works
    by_source: dict[str, list] = {}
    for c in corpus.citations:
        by_source.setdefault(c.source, []).append(c)
    spans: dict[str, tuple[str, int, int]] = {}
    old_csv = open(previous.dir / "citations.csv", "rb") if previous is not None and previous.csv else None
    try:
        with open(path, "wb") as f:
            # A BOM, so that spreadsheet programs read UTF-8 (as utf-8-sig would, but faster)
            head = io.StringIO()
            csv.writer(head).writerow(CSV_COLUMNS)
            data = ("\ufeff" + head.getvalue()).encode("utf-8")
            f.write(data)
            pos = len(data)
            for src in sorted(corpus.sources, key=lambda s: s.name):
                cs = sorted(by_source.get(src.id, ()), key=lambda c: (c.start, c.end, c.kind, c.article or ""))
                if not cs:
                    continue
                cited = [(works[c.work].number, works[c.work].title) for c in cs]
                key = hashlib.blake2b(repr((graph_keys.get(src.id) if graph_keys else None, _CSV_CODE, cited))
                                      .encode("utf-8"), digest_size=16).hexdigest()
                old = previous.csv.get(src.id) if previous is not None else None
                if old is not None and old_csv is not None and old[0] == key and graph_keys and src.id in graph_keys:
                    f.flush()
                    copy_range(old_csv.fileno(), f.fileno(), old[1], old[2])
                    n = old[2]
                else:
                    rows = io.StringIO()
                    w = csv.writer(rows)
                    for c, (number, title) in zip(cs, cited):
                        p = projects.get(c.citing)
                        w.writerow([
                            src.name,
                            p.name if p else "",
                            p.year if p else (src.year or ""),
                            c.section or "",
                            c.kind,
                            number or "",
                            "" if c.kind == "article" else (title or ""),
                            title if c.kind == "article" else "",
                            c.article or "",
                            c.start,
                            c.end,
                            c.exact,
                        ])
                    data = rows.getvalue().encode("utf-8")
                    f.write(data)
                    n = len(data)
                spans[src.id] = (key, pos, n)
                pos += n
    finally:
        if old_csv is not None:
            old_csv.close()
    return spans


# What a source's rows depend on besides its data: the code that writes them (this module's).
_CSV_CODE = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=6).hexdigest()


def _write_texts(corpus: Corpus, texts: Path) -> None:
    """Keep the extracted text of non-text inputs: offsets index it, quotes can be checked against it."""
    for s in corpus.sources:
        if s.format != "txt":
            texts.mkdir(exist_ok=True)
            (texts / f"{s.id}.txt").write_text(s.text, encoding="utf-8", newline="")


_OUTPUT_README = """# policykg build output

Written by `policykg build`; every file is replaced together at the end of a build.

| file | what |
|---|---|
| `graph.trig` | all named graphs (one per source document, `corpus`, `declared`, `inferred`, `run`) |
| `graph.nq` | the same as N-Quads |
| `graph.ttl` | the union of all graphs |
| `citations.csv` | one row per mention: source, project, year, section, kind, number, title, law, article, start, end, quote |
| `store/` | embedded Oxigraph store used by `policykg query` and `policykg serve` |
| `graph.html` | the interactive graph, self-contained (open it offline) |
| `changes.md`, `changes.json` | year-over-year changes, replacements and stale citations |
| `texts/` | the text extracted from PDF/DOCX/HTML inputs; citation offsets index it |
| `summary.json` | counts, skipped files and warnings |
"""
