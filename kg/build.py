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

1. Files are listed, then read and analysed as a stream: each is read (or,
   unchanged since the last build by its ``stat``, not even opened), analysed
   in parallel (:mod:`kg.parallel`) unless its analysis is in the cache
   (:mod:`kg.cache`).
2. The corpus model and the inference are built in this process.
3. The RDF is written graph by graph: ``graph.nq`` and the union's lines in
   this process; then, at the same time, the store in a thread (bulk load,
   in Rust, without the GIL), TriG and Turtle in two helper processes, and
   the CSV, texts, changes and HTML in this process.
4. With the cache on, a build keeps a manifest of every named graph's place
   and hash in each output (``.manifest.json``).  The next build copies the
   TriG and Turtle of every unchanged graph from the previous output and
   serialises only the changed ones, and starts from a checkpoint of the
   previous store (hard links) to which it applies the changed graphs' quads.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from extractors.reading import DEFAULT_MAX_BYTES, ReadError, SourceText, read_source
from extractors.reading import _expand as _expand_path  # the walk of iter_corpus, without reading

from .analyse import ANALYSIS_VERSION, DocAnalysis, analyse_text
from .cache import AnalysisCache
from .corpus import SourceInfo, build_corpus, h
from .model import Corpus
from .rdf import PREFIXES, Iris, iter_graphs, run_quads
from .samples import SAMPLE_FILES

__all__ = ["BuildResult", "build", "build_model", "write_outputs", "default_inputs", "TOOL_VERSION", "MANIFEST"]

TOOL_VERSION = "policykg 0.1.0"
MANIFEST = ".manifest.json"  # in the output: where each named graph is in each file, and its hash
_MANIFEST_FORMAT = 1
# Above this share of changed N-Quads bytes, bulk-loading a fresh store beats patching a copy.
STORE_PATCH_MAX_SHARE = 0.15
# N-Quads lines per bulk load: the loader holds about 1 KB per line of its part in memory.
STORE_PART_QUADS = 300_000
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
    seconds: float = 0.0
    quads: int = 0
    reused: int = 0  # analyses taken from the cache
    analysed: int = 0  # documents analysed in this build
    read: int = 0  # files opened and decoded in this build (the others were unchanged by their stat)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step (steps may overlap)
    graphs_written: int = 0  # named graphs serialised and loaded in this build (the others were copied)

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

    With a ``cache``, a file whose ``stat`` is unchanged since the last build is
    not read, and a file whose content hash has an analysis is not analysed."""
    from .parallel import analyse_all

    t0 = time.perf_counter()
    paths = list(paths) if paths else default_inputs()
    name_of = _names(paths)
    files = _list_inputs(paths)
    index = cache.file_index() if cache is not None else None
    read_errors: list[str] = []
    failures: list[str] = []
    items: list[tuple[SourceInfo, DocAnalysis]] = []
    counts = {"reused": 0, "read": 0, "analysed": 0}
    seen_names: set[str] = set()
    bar = None
    if progress and len(files) > 20:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="doc", desc="reading and analysing", leave=False)

    def skip(into: list[str], msg: str) -> None:
        into.append(msg)
        if on_error:
            on_error(msg)
        if bar is not None:
            bar.update(1)

    def info_of(path: str, sha256: str, fmt: str, encoding: str | None, warnings: tuple[str, ...]) -> SourceInfo:
        name = name_of(path)
        if name in seen_names:  # the same relative name under two arguments
            name = f"{name}#{h(path, n=6)}"
        seen_names.add(name)
        return SourceInfo(path=path, name=name, sha256=sha256, format=fmt, encoding=encoding, warnings=warnings)

    def reuse(info: SourceInfo, analysis: DocAnalysis) -> None:
        items.append((info, analysis))
        counts["reused"] += 1
        if bar is not None:
            bar.update(1)

    def to_analyse() -> Iterator[tuple[SourceInfo, SourceText]]:
        first_by_hash: dict[str, str] = {}  # duplicates: the same bytes as an earlier file
        for item in files:
            if isinstance(item, ReadError):
                skip(read_errors, str(item))
                continue
            try:
                st = os.stat(item)  # before reading: a change while reading shows next time
            except OSError:
                st = None
            known = index.lookup(item, st) if index is not None and st is not None and st.st_size <= max_bytes else None
            if known is not None:
                if known.sha256 in first_by_hash:
                    skip(read_errors, str(ReadError(item, f"duplicate of {first_by_hash[known.sha256]}")))
                    continue
                hit = cache.get(known.sha256)
                if hit is not None:
                    first_by_hash[known.sha256] = item
                    reuse(info_of(item, known.sha256, known.format, known.encoding, known.warnings), hit)
                    continue
            try:
                src = read_source(item, max_bytes=max_bytes)
                if src.sha256 in first_by_hash:
                    raise ReadError(item, f"duplicate of {first_by_hash[src.sha256]}")
            except ReadError as e:
                skip(read_errors, str(e))
                continue
            counts["read"] += 1
            first_by_hash[src.sha256] = item
            if index is not None and st is not None:
                index.record(item, st, src.sha256, src.format, src.encoding, src.warnings)
            info = info_of(item, src.sha256, src.format, src.encoding, tuple(src.warnings))
            hit = cache.get(src.sha256) if cache is not None else None
            if hit is not None:
                reuse(info, hit)
                continue
            yield info, src

    try:
        for info, result in analyse_all(to_analyse(), jobs=jobs, executor=executor, scheduler=scheduler,
                                        cache=cache):
            if isinstance(result, str):
                skip(failures, f"{info.path}: {result}")
                continue
            items.append((info, result))
            counts["analysed"] += 1
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    if index is not None:
        index.save()
    t1 = time.perf_counter()
    skipped = read_errors + failures
    corpus = build_corpus(items)
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
    result = build_model(paths, max_bytes=max_bytes, cache=cache, declared=declared, progress=progress, jobs=jobs,
                         executor=executor, scheduler=scheduler, on_error=on_error)
    if result.documents:
        write_outputs(result, out, base=base, html=html, store=store, inputs=paths or default_inputs(),
                      incremental=use_cache)
        result.out_dir = out
    result.seconds = time.perf_counter() - t0
    return result


def write_outputs(result: BuildResult, out: Path, *, base: str | None = None, html: bool = True, store: bool = True,
                  inputs: Iterable[str] = (), incremental: bool = False) -> None:
    """Write every output into a temporary directory, then swap it in atomically.

    ``incremental``: reuse what the previous output in ``out`` holds for unchanged graphs."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; the output is not
    timings = result.timings
    jobs: list[_Job] = []
    loader: _StoreLoader | None = None
    try:
        ir = Iris(base) if base else Iris()
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        previous = _Previous.load(out, ir.base) if incremental else None
        if store and (previous is None or not previous.store):
            loader = _StoreLoader(tmp / "graph.nq", tmp / "store")  # loads each part as soon as it is written
        t = time.perf_counter()
        graphs, result.quads = _write_nquads(result, tmp, ir, started, inputs, previous,
                                             loader.add if loader else None)
        timings["nquads"] = time.perf_counter() - t
        changed = [g for g in graphs if not g.same_nq]
        gone = [g for iri, g in previous.graphs.items() if iri not in {x.iri for x in graphs}] if previous else []
        result.graphs_written = len(changed)
        if store and loader is None:  # a previous store to start from
            assert previous is not None
            share = (sum(g.nq[1] for g in changed) + sum(g.nq[1] for g in gone)) / max(1, sum(g.nq[1] for g in graphs))
            if share <= STORE_PATCH_MAX_SHARE:
                jobs.append(_Job.thread("store", lambda: _patch_store(tmp, changed, gone, previous)))
            else:
                loader = _StoreLoader(tmp / "graph.nq", tmp / "store")
                for span in _parts(graphs):
                    loader.add(*span)
        if loader is not None:
            jobs.append(loader.finish())
        # Beside the store: TriG and Turtle in two helper processes, the rest here.
        jobs.append(_Job.process("trig", _serializer_spec(tmp, "trig", graphs, previous), tmp))
        jobs.append(_Job.process("ttl", _serializer_spec(tmp, "ttl", graphs, previous), tmp))
        for name, step in (
            ("csv", lambda: _write_citations_csv(result.corpus, tmp / "citations.csv")),
            ("texts", lambda: _write_texts(result.corpus, tmp / "texts")),
            ("changes", lambda: _write_changes(result, tmp)),
            ("html", lambda: _write_html(result, tmp) if html else None),
        ):
            t = time.perf_counter()
            step()
            timings[name] = time.perf_counter() - t
        t = time.perf_counter()
        for job in jobs:
            spans = job.wait()
            timings[job.name] = job.seconds
            if job.name in ("trig", "ttl"):
                for g, span in zip(graphs, spans):
                    setattr(g, job.name, tuple(span))
        timings["wait"] = time.perf_counter() - t
        (tmp / "union.nt").unlink()
        (tmp / "summary.json").write_text(
            json.dumps({**result.summary(), "skipped_files": result.skipped, "warning_lines": result.warnings,
                        "timings": {k: round(v, 3) for k, v in timings.items()}},
                       ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        (tmp / "README.md").write_text(_OUTPUT_README, encoding="utf-8")
        _write_manifest(tmp, ir.base, graphs, store)
        t = time.perf_counter()
        _swap(tmp, out)
        timings["swap"] = time.perf_counter() - t
    except BaseException:
        if loader is not None:
            loader.cancel()
        for job in jobs:
            job.cancel()
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_changes(result: BuildResult, tmp: Path) -> None:
    from .changes import write_changes

    write_changes(result, tmp)


def _write_html(result: BuildResult, tmp: Path) -> None:
    from .html import write_graph_html

    write_graph_html(result, tmp / "graph.html")


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

    ``union`` is its share of ``union.nt`` (the source of graph.ttl): its triples
    without the graph name, less those an earlier graph already had
    (``dropped``: their line numbers in the graph)."""

    iri: str
    nq: tuple[int, int]
    union: tuple[int, int]
    dropped: list[int]
    trig: tuple[int, int] = (0, 0)
    ttl: tuple[int, int] = (0, 0)
    same_nq: bool = False  # byte for byte as in the previous output (its TriG can be copied)
    same_union: bool = False  # and the same lines dropped from the union (its Turtle can be copied)

    def row(self) -> list:
        return [self.iri, *self.nq, *self.union, self.dropped, *self.trig, *self.ttl]

    @classmethod
    def of_row(cls, r: list) -> "_Graph":
        return cls(r[0], (r[1], r[2]), (r[3], r[4]), list(r[5]), (r[6], r[7]), (r[8], r[9]))


@dataclass
class _Previous:
    """The previous output, when its manifest still describes its files."""

    dir: Path
    graphs: dict[str, _Graph]
    store: bool

    @classmethod
    def load(cls, out: Path, base: str) -> "_Previous | None":
        try:
            m = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            if m.get("format") != _MANIFEST_FORMAT or m.get("tool") != TOOL_VERSION or m.get("base") != base:
                return None
            if any((out / name).stat().st_size != size for name, size in m["sizes"].items()):
                return None  # the files were changed since: trust nothing
            graphs = {r[0]: _Graph.of_row(r) for r in m["graphs"]}
            return cls(out, graphs, bool(m["store"]) and (out / "store").is_dir())
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None


def _write_manifest(tmp: Path, base: str, graphs: list[_Graph], store: bool) -> None:
    sizes = {name: (tmp / name).stat().st_size for name in ("graph.nq", "graph.trig", "graph.ttl")}
    m = {"format": _MANIFEST_FORMAT, "tool": TOOL_VERSION, "base": base, "store": store, "sizes": sizes,
         "graphs": [g.row() for g in graphs]}
    (tmp / MANIFEST).write_text(json.dumps(m, separators=(",", ":")), encoding="utf-8")


def _write_nquads(result: BuildResult, tmp: Path, ir: Iris, started: str, inputs: Iterable[str],
                  previous: _Previous | None, on_part: Callable[[int, int], None] | None) -> tuple[list[_Graph], int]:
    """Write ``graph.nq`` and ``union.nt`` (the union's triples, each once, in file order) graph by graph.

    Each graph is compared with the previous output's bytes; ``on_part(start, end)``
    gets byte ranges of ``graph.nq`` (whole graphs, about :data:`STORE_PART_QUADS`
    lines) as soon as they are on disk."""
    graphs: list[_Graph] = []
    n = 0
    # Citation nodes (most of the data) belong to exactly one source graph, so only the
    # other triples need remembering to drop the repeats (a relation stated by two texts).
    # 16-byte digests keep that memory small.
    seen: set[bytes] = set()
    citation = f"<{ir.base}citation/"
    citation_end = f"<{ir.base}citation0"  # '0' follows '/': the end of the citation subjects in sorted lines
    old_nq = open(previous.dir / "graph.nq", "rb") if previous is not None else None
    part_start, part_lines = 0, 0
    try:
        with open(tmp / "graph.nq", "wb") as nq, open(tmp / "union.nt", "wb") as nt:

            def dedup(block: bytes, first: int, dropped: list[int]) -> bytes:
                out = []
                for i, line in enumerate(block.splitlines(keepends=True), first):
                    triple = line[: line.rindex(b" <")] + b" .\n"
                    key = hashlib.blake2b(triple, digest_size=16).digest()
                    if key in seen:
                        dropped.append(i)
                        continue
                    seen.add(key)
                    out.append(triple)
                return b"".join(out)

            def put(g: str, lines: list[str]) -> None:
                nonlocal n, part_start, part_lines
                # lines are sorted, so the citation subjects are one run: unique, no dedup needed.
                i, j = bisect_left(lines, citation), bisect_left(lines, citation_end)
                dropped: list[int] = []
                head, mid, tail = ("".join(lines[a:b]).encode("utf-8") for a, b in ((0, i), (i, j), (j, len(lines))))
                data = b"".join((head, mid, tail))
                suffix = f" <{g}> .\n".encode("utf-8")
                udata = b"".join((dedup(head, 0, dropped), mid.replace(suffix, b" .\n"), dedup(tail, j, dropped)))
                graph = _Graph(g, (nq.tell(), len(data)), (nt.tell(), len(udata)), dropped)
                old = previous.graphs.get(g) if previous is not None else None
                if old is not None and old_nq is not None and old.nq[1] == len(data):
                    old_nq.seek(old.nq[0])
                    graph.same_nq = old_nq.read(old.nq[1]) == data
                    graph.same_union = graph.same_nq and old.dropped == dropped
                graphs.append(graph)
                nq.write(data)
                nt.write(udata)
                n += len(lines)
                part_lines += len(lines)
                if on_part is not None and part_lines >= STORE_PART_QUADS:
                    nq.flush()
                    on_part(part_start, nq.tell())
                    part_start, part_lines = nq.tell(), 0

            for g, lines in iter_graphs(result.corpus, ir, stale=result.stale):
                put(g, lines)
            ended = datetime.now(timezone.utc).isoformat(timespec="seconds")
            run_id = started.replace(":", "").replace("-", "").replace("+0000", "Z")
            run = run_quads(result.corpus, ir, run_id=run_id, started=started, ended=ended, version=TOOL_VERSION,
                            inputs=[s.name for s in result.corpus.sources])
            put(ir.named("run"), run)
            nq.flush()
            if on_part is not None and nq.tell() > part_start:
                on_part(part_start, nq.tell())
    finally:
        if old_nq is not None:
            old_nq.close()
    return graphs, n


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
    """Bulk-loads ranges of ``graph.nq`` into a fresh store, in a thread, as they are handed in.

    Each range is one ``bulk_load`` (Rust, without the GIL), so the store is built
    while this process writes the rest, and the loader's memory stays that of one
    part whatever the corpus's size."""

    def __init__(self, nquads: Path, store_dir: Path) -> None:
        import queue

        self._nq = nquads
        self._dir = store_dir
        self._queue: queue.Queue[tuple[int, int] | None] = queue.Queue()
        self._cancelled = threading.Event()
        self._job = _Job.thread("store", self._run)

    def add(self, start: int, end: int) -> None:
        self._queue.put((start, end))

    def finish(self) -> "_Job":
        """No more parts: the job to wait for."""
        self._queue.put(None)
        return self._job

    def cancel(self) -> None:
        self._cancelled.set()
        self._queue.put(None)

    def _run(self) -> None:
        import pyoxigraph as ox

        store = ox.Store(str(self._dir))
        part = self._dir.with_name(".store-part.nq")
        try:
            while (span := self._queue.get()) is not None and not self._cancelled.is_set():
                _copy_range(self._nq, part, *span)
                store.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS)
            store.flush()
        finally:
            part.unlink(missing_ok=True)
            del store


def _copy_range(src: Path, dst: Path, start: int, end: int) -> None:
    """Copy bytes ``start:end`` of ``src`` into a new file ``dst`` (in the kernel where it can)."""
    with open(src, "rb") as fi, open(dst, "wb") as fo:
        todo, offset = end - start, start
        copy = getattr(os, "copy_file_range", None)
        while todo > 0 and copy is not None:
            try:
                done = copy(fi.fileno(), fo.fileno(), todo, offset)
            except OSError:
                break  # not supported here: copy through memory
            if done == 0:
                break
            todo, offset = todo - done, offset + done
        fi.seek(offset)
        while todo > 0:
            chunk = fi.read(min(todo, 1 << 24))
            if not chunk:
                raise OSError(f"{src}: shorter than expected")
            fo.write(chunk)
            todo -= len(chunk)


def _read_span(path: Path, span: tuple[int, int]) -> bytes:
    with open(path, "rb") as f:
        f.seek(span[0])
        return f.read(span[1])


def _patch_store(tmp: Path, changed: list[_Graph], gone: list[_Graph], previous: _Previous) -> None:
    """A checkpoint of the previous store with the changed graphs' differences applied."""
    from .store import apply_changes, copy_store, load_store

    try:
        removed: list[bytes] = []
        added: list[bytes] = []
        for g in changed:
            new = set(_read_span(tmp / "graph.nq", g.nq).splitlines(keepends=True))
            old_graph = previous.graphs.get(g.iri)
            old = set(_read_span(previous.dir / "graph.nq", old_graph.nq).splitlines(keepends=True)) if old_graph else set()
            removed.extend(sorted(old - new))
            added.extend(sorted(new - old))
        copy_store(previous.dir / "store", tmp / "store")
        apply_changes(tmp / "store", removed=b"".join(removed), added=b"".join(added),
                      dropped_graphs=[g.iri for g in gone])
    except Exception:  # a previous store we cannot copy or patch: build it afresh
        shutil.rmtree(tmp / "store", ignore_errors=True)
        load_store(tmp / "graph.nq", tmp / "store")


_SERIALIZER = r"""
import json, os, sys, time
t0 = time.perf_counter()
if hasattr(os, "nice"):
    os.nice(10)  # the store and the build's own work come first; this runs on what they leave
import pyoxigraph as ox

def split(data):
    # pyoxigraph writes the prefixes first: the rest is the graph's own text.
    i = 0
    while data.startswith(b"@prefix ", i):
        i = data.index(b"\n", i) + 1
    return data[:i], data[i:]

spec = json.load(open(sys.argv[1], encoding="utf-8"))
fmt, src_fmt = getattr(ox.RdfFormat, spec["format"]), getattr(ox.RdfFormat, spec["input_format"])
prefixes = spec["prefixes"]
ser = lambda data: ox.serialize(ox.parse(data, format=src_fmt), format=fmt, prefixes=prefixes)
header = split(ser(spec["dummy"].encode("utf-8")))[0]
files, spans = {}, []
with open(spec["out"], "wb") as out:
    out.write(header)
    for kind, path, off, n in spec["pieces"]:
        f = files.get(path) or files.setdefault(path, open(path, "rb"))
        f.seek(off)
        data = f.read(n)
        if kind == "ser" and data:
            data = split(ser(data))[1]
        spans.append((out.tell(), len(data)))
        out.write(data)
with open(spec["spans"], "w", encoding="utf-8") as f:
    json.dump({"spans": spans, "seconds": time.perf_counter() - t0}, f)
"""


def _serializer_spec(tmp: Path, kind: str, graphs: list[_Graph], previous: _Previous | None) -> dict:
    """What the helper process writes: per graph, copy its text from the previous file or serialise its lines."""
    pieces = []
    if kind == "trig":
        src, out, fmt, in_fmt = tmp / "graph.nq", "graph.trig", "TRIG", "N_QUADS"
        dummy = "<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .\n"
    else:
        src, out, fmt, in_fmt = tmp / "union.nt", "graph.ttl", "TURTLE", "N_TRIPLES"
        dummy = "<urn:x:s> <urn:x:p> <urn:x:o> .\n"
    for g in graphs:
        same = g.same_nq if kind == "trig" else g.same_union
        if previous is not None and same:
            pieces.append(("copy", str(previous.dir / out), *getattr(previous.graphs[g.iri], kind)))
        else:
            pieces.append(("ser", str(src), *(g.nq if kind == "trig" else g.union)))
    return {"out": str(tmp / out), "spans": str(tmp / f".{kind}-spans.json"), "format": fmt, "input_format": in_fmt,
            "prefixes": PREFIXES, "dummy": dummy, "pieces": pieces}


class _Job:
    """A step that runs beside this process's work: a thread, or a helper process."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.seconds = 0.0
        self._t0 = time.perf_counter()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._proc: subprocess.Popen | None = None
        self._spec: Path | None = None

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

    @classmethod
    def process(cls, name: str, spec: dict, tmp: Path) -> "_Job":
        job = cls(name)
        job._spec = tmp / f".{name}-spec.json"
        job._spec.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        job._proc = subprocess.Popen([sys.executable, "-c", _SERIALIZER, str(job._spec)],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return job

    def wait(self) -> list:
        if self._thread is not None:
            self._thread.join()
            if self._error is not None:
                raise self._error
            return []
        assert self._proc is not None and self._spec is not None
        _, err = self._proc.communicate()
        if self._proc.returncode != 0:
            last = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["killed"]
            raise OSError(f"writing {self.name} failed: {last[0]}")
        spans_path = self._spec.with_name(f".{self.name}-spans.json")
        done = json.loads(spans_path.read_text(encoding="utf-8"))
        self.seconds = done["seconds"]  # its own run, not how long this process took to ask
        self._spec.unlink()
        spans_path.unlink()
        return done["spans"]

    def cancel(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()


CSV_COLUMNS = ("source", "project", "year", "section", "kind", "number", "title", "law", "article", "start", "end", "quote")


def _write_citations_csv(corpus: Corpus, path: Path) -> None:
    sources = {s.id: s for s in corpus.sources}
    projects = {p.id: p for p in corpus.project_years}
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        for c in sorted(corpus.citations, key=lambda c: (sources[c.source].name, c.start, c.end, c.kind, c.article or "")):
            work = corpus.works[c.work]
            p = projects.get(c.citing)
            src = sources[c.source]
            w.writerow([
                src.name,
                p.name if p else "",
                p.year if p else (src.year or ""),
                c.section or "",
                c.kind,
                work.number or "",
                "" if c.kind == "article" else (work.title or ""),
                work.title if c.kind == "article" else "",
                c.article or "",
                c.start,
                c.end,
                c.exact,
            ])


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
