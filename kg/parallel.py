"""Per-document work in parallel: one document is one task.

:func:`analyse_all` yields ``(key, Outcome)`` in input order whatever the
executor:

* ``serial``: in this process;
* ``process``: a local pool of worker processes (``jobs`` of them);
* ``dask``: a Dask cluster at ``scheduler`` (optional extra ``policykg[dask]``;
  the workers need policykg installed, not the input files).

A task is a :class:`FileTask` (the worker reads the file itself: reading,
decoding and PDF/DOCX/HTML text extraction run in parallel too, and the cache
is asked by content hash before analysing) or a :class:`TextTask` (the text
travels to the worker: what a Dask cluster without the files needs).  Tasks
travel in chunks (at most :data:`CHUNK_DOCS` documents or
:data:`CHUNK_CHARS` characters) to amortise the cost of a task, and the text
travels one way only.  The input is consumed lazily with a bounded number of
chunks in flight, so memory stays flat.

One bad document never loses the others: an exception in the analysis becomes
a one-line message (:func:`analyse_one`); a worker that dies takes its chunk
with it, so that chunk is retried one document per process, and only the
document that kills a worker again gets the message.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from extractors.reading import ReadError, SourceText, read_source

from .analyse import DocAnalysis, analyse_text
from .cache import AnalysisCache
from .corpus import SourceInfo, SourcePart, source_part

__all__ = ["analyse_all", "analyse_one", "run_chunk", "Outcome", "FileTask", "TextTask", "EXECUTORS",
           "CHUNK_DOCS", "CHUNK_CHARS"]

EXECUTORS = ("serial", "process", "dask")
CHUNK_DOCS = 32  # documents per task at most …
CHUNK_CHARS = 256_000  # … and characters per task at most (~5 ms of analysis per 4,000 characters)
FILE_CHARS_ESTIMATE = 4_000  # characters a file task is counted for (its text is not known yet)
IN_FLIGHT_PER_WORKER = 3  # chunks submitted ahead per worker

K = TypeVar("K")


@dataclass(frozen=True)
class TextTask:
    """Analyse this text (read already)."""

    text: str
    path: str
    sha256: str


@dataclass(frozen=True)
class FileTask:
    """Read this file and analyse its text (unless the cache has its analysis).

    With a ``name`` (the document's name in the corpus, known before it is read when no other
    input has the same one), the worker also makes the document's part of the corpus model
    (:func:`kg.corpus.source_part`) and sends that instead of the analysis."""

    path: str
    max_bytes: int
    name: str | None = None


Task = TextTask | FileTask


@dataclass
class Outcome:
    """What one task gave."""

    analysis: DocAnalysis | None = None
    failure: str | None = None  # one line, without the path: 'analysis failed (ValueError: …)'
    read_error: ReadError | None = None  # a file task whose file could not be read
    source: SourceText | None = None  # a file task: the file as read, its text included
    cached: bool = False  # the analysis came from the cache, not from analysing
    part: SourcePart | None = None  # a named file task: the document's part of the model (no analysis then)


def analyse_one(text: str, path: str) -> DocAnalysis | str:
    """Analyse one text; a failure becomes a one-line message, never a traceback."""
    try:
        return analyse_text(text, source=path)
    except Exception as e:  # one bad document never loses the others' results
        return _failed(e)


def _failed(e: Exception) -> str:
    return f"analysis failed ({type(e).__name__}: {' '.join(str(e).split())})"


def _analysed(text: str, path: str, sha256: str, cache: AnalysisCache | None) -> Outcome:
    r = analyse_one(text, path)
    if isinstance(r, str):
        return Outcome(failure=r)
    if cache is not None:
        cache.put(sha256, r)
    return Outcome(analysis=r)


def _run_task(task: Task, cache: AnalysisCache | None) -> Outcome:
    if isinstance(task, TextTask):
        return _analysed(task.text, task.path, task.sha256, cache)
    try:
        src = read_source(task.path, max_bytes=task.max_bytes)
    except ReadError as e:
        return Outcome(read_error=e)
    if task.name is not None and cache is not None:
        part = cache.get_part(src.sha256, task.name)
        if part is not None:  # (the caller gives it this reading's path and warnings)
            return Outcome(part=part, source=src, cached=True)
    hit = cache.get(src.sha256) if cache is not None else None
    out = Outcome(analysis=hit, source=src, cached=True) if hit is not None else _analysed(src.text, src.path,
                                                                                         src.sha256, cache)
    out.source = src
    if task.name is not None and out.analysis is not None:
        try:
            out.part = source_part(SourceInfo(path=task.path, name=task.name, sha256=src.sha256, format=src.format,
                                              encoding=src.encoding, warnings=tuple(src.warnings)), out.analysis)
        except Exception as e:  # as an analysis that fails: one line, the others go on
            return Outcome(failure=_failed(e), source=src)
        out.analysis = None
        if cache is not None:
            cache.put_part(out.part)
    return out


def run_chunk(tasks: list[Task], cache: AnalysisCache | None = None) -> list[Outcome]:
    """Run a chunk of tasks in a worker.  An analysis (or part) comes back without its text, which
    travels once: the caller sent it (text task) or gets it in ``source`` (file task)."""
    out = []
    for task in tasks:
        o = _run_task(task, cache)
        if o.analysis is not None:
            o.analysis.text = ""
        if o.part is not None:
            o.part.source.text = ""
        out.append(o)
    return out


def _restore(task: Task, o: Outcome) -> Outcome:
    text = task.text if isinstance(task, TextTask) else o.source.text if o.source is not None else None
    if o.analysis is not None:
        o.analysis.text = text  # type: ignore[assignment]
    if o.part is not None:
        o.part.source.text = text  # type: ignore[assignment]
    return o


def _chunks(todo: Iterable[tuple[K, Task]]) -> Iterator[list[tuple[K, Task]]]:
    chunk: list[tuple[K, Task]] = []
    chars = 0
    for item in todo:
        chunk.append(item)
        task = item[1]
        chars += len(task.text) if isinstance(task, TextTask) else FILE_CHARS_ESTIMATE
        if len(chunk) >= CHUNK_DOCS or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _died(e: BaseException) -> Outcome:
    return Outcome(failure=f"analysis failed (worker lost: {type(e).__name__}: {' '.join(str(e).split())[:200]})")


def _ordered(chunks: Iterator[list], submit: Callable[[list], Future], window: int) -> Iterator[tuple[list, Future]]:
    """Submit chunks with at most ``window`` in flight; hand them back in input order."""
    pending: deque[tuple[list, Future]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


def _serial(chunks: Iterator[list], cache: AnalysisCache | None) -> Iterator[tuple[Any, Outcome]]:
    for chunk in chunks:
        for key, task in chunk:
            yield key, _run_task(task, cache)


def _worker_init() -> None:
    """A worker frees its garbage as it goes, whatever the collector's state in the parent it forked from."""
    gc.enable()


def _pool(jobs: int) -> ProcessPoolExecutor:
    # fork starts workers in milliseconds and they inherit the loaded extractors;
    # elsewhere (macOS, Windows) the platform default is the safe choice.
    ctx = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else multiprocessing.get_context()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init)


def _process(chunks: Iterator[list], jobs: int, cache: AnalysisCache | None) -> Iterator[tuple[Any, Outcome]]:
    pool = _pool(jobs)
    try:
        def submit(chunk: list) -> Future:
            nonlocal pool
            tasks = [t for _, t in chunk]
            try:
                return pool.submit(run_chunk, tasks, cache)
            except RuntimeError:  # the pool broke (a worker died): start a new one
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(jobs)
                return pool.submit(run_chunk, tasks, cache)

        for chunk, fut in _ordered(chunks, submit, jobs * IN_FLIGHT_PER_WORKER):
            try:
                results = fut.result()
            except Exception:  # BrokenProcessPool and the like: which document did it is unknown
                yield from _isolated(chunk, cache)
                continue
            for (key, task), o in zip(chunk, results):
                yield key, _restore(task, o)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _isolated(chunk: list, cache: AnalysisCache | None) -> Iterator[tuple[Any, Outcome]]:
    """Run each task of a chunk in a process of its own: only a killer dies."""
    for key, task in chunk:
        with _pool(1) as one:
            try:
                [o] = one.submit(run_chunk, [task], cache).result()
                o = _restore(task, o)
            except Exception as e:
                o = _died(e)
        yield key, o


def _dask(chunks: Iterator[list], scheduler: str | None, cache: AnalysisCache | None) -> Iterator[tuple[Any, Outcome]]:
    try:
        from distributed import Client
    except ImportError:
        raise ValueError("--executor dask needs the optional dependency: pip install 'policykg[dask]'") from None
    if not scheduler:
        raise ValueError("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    try:
        client = Client(scheduler, set_as_default=False, timeout=30)
    except OSError as e:
        raise ValueError(f"cannot reach the Dask scheduler at {scheduler} ({e})") from None
    try:
        workers = max(1, sum(client.nthreads().values()))

        # Remote workers cannot write our cache: this process stores what they return.
        def submit(chunk: list) -> Future:
            return client.submit(run_chunk, [t for _, t in chunk], None, pure=False)

        for chunk, fut in _ordered(chunks, submit, workers * IN_FLIGHT_PER_WORKER):
            try:
                results = fut.result()
            except Exception:  # a worker died (KilledWorker) or the task could not run
                results = []
                for _, task in chunk:
                    try:
                        [o] = client.submit(run_chunk, [task], None, pure=False).result()
                    except Exception as e:
                        o = _died(e)
                    results.append(o)
            for (key, task), o in zip(chunk, results):
                o = _restore(task, o)
                if cache is not None and o.analysis is not None and not o.cached:
                    cache.put(task.sha256 if isinstance(task, TextTask) else o.source.sha256, o.analysis)
                yield key, o
    finally:
        client.close()


def analyse_all(
    todo: Iterable[tuple[K, Task]],
    *,
    jobs: int = 1,
    executor: str = "process",
    scheduler: str | None = None,
    progress: bool = False,
    total: int | None = None,
    cache: AnalysisCache | None = None,
) -> Iterator[tuple[K, Outcome]]:
    """Run every ``(key, task)`` of ``todo``; yield ``(key, Outcome)`` in input order.

    ``todo`` may be lazy.  Analyses are stored in ``cache`` under the document's
    sha256 as they come.  ``executor`` ``process`` with ``jobs`` ≤ 1, or with
    fewer tasks than make two chunks, runs in this process: a pool would only
    cost its start-up.  File tasks on Dask need the files at the same paths on
    the workers; :func:`kg.build.build_model` sends text tasks there.
    """
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r} (one of {', '.join(EXECUTORS)})")
    chunks = _chunks(todo)
    head: list[list] = []
    if executor == "process" and jobs > 1:
        for chunk in chunks:  # look ahead: is there enough work for a pool?
            head.append(chunk)
            if len(head) >= 2:
                break
        if len(head) < 2:
            executor = "serial"
    elif executor == "process":
        executor = "serial"

    def all_chunks() -> Iterator[list]:
        yield from head
        yield from chunks

    if executor == "serial":
        results = _serial(all_chunks(), cache)
    elif executor == "process":
        results = _process(all_chunks(), jobs, cache)
    else:
        results = _dask(all_chunks(), scheduler, cache)
    bar = None
    try:
        for key, o in results:
            yield key, o
            if progress and bar is None:  # after the workers started: no thread runs when they fork
                from tqdm import tqdm

                bar = tqdm(total=total, unit="doc", desc="analysing", leave=False, disable=None)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
        results.close()
