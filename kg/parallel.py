"""Per-document analysis in parallel: one document is one task.

:func:`analyse_all` yields ``(key, DocAnalysis | error message)`` in input
order whatever the executor:

* ``serial``: in this process;
* ``process``: a local pool of worker processes (``jobs`` of them);
* ``dask``: a Dask cluster at ``scheduler`` (optional extra ``policykg[dask]``;
  the workers need policykg installed, not the input files).

Documents travel in chunks (at most :data:`CHUNK_DOCS` documents or
:data:`CHUNK_CHARS` characters) to amortise the cost of a task; the text goes
to the worker and the analysis comes back without it (the caller has it).  The
input is consumed lazily with a bounded number of chunks in flight, so reading
files overlaps with analysing them and memory stays flat.

One bad document never loses the others: an exception in the analysis becomes
a one-line message (:func:`analyse_one`); a worker that dies takes its chunk
with it, so that chunk is retried one document per task, and only the
document that kills a worker again gets the message.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

from .analyse import DocAnalysis, analyse_text
from .cache import AnalysisCache

__all__ = ["analyse_all", "analyse_one", "analyse_chunk", "EXECUTORS", "CHUNK_DOCS", "CHUNK_CHARS"]

EXECUTORS = ("serial", "process", "dask")
CHUNK_DOCS = 32  # documents per task at most …
CHUNK_CHARS = 256_000  # … and characters per task at most (~5 ms of analysis per 4,000 characters)
IN_FLIGHT_PER_WORKER = 3  # chunks submitted ahead per worker

K = TypeVar("K")
Result = DocAnalysis | str
Task = tuple[str, str, str]  # text, path, sha256


class Document(Protocol):
    """What a task needs of a document (:class:`extractors.reading.SourceText` has it)."""

    text: str
    path: str
    sha256: str


def analyse_one(text: str, path: str) -> Result:
    """Analyse one text; a failure becomes a one-line message, never a traceback."""
    try:
        return analyse_text(text, source=path)
    except Exception as e:  # one bad document never loses the others' results
        return f"analysis failed ({type(e).__name__}: {' '.join(str(e).split())})"


def analyse_chunk(tasks: list[Task], cache: AnalysisCache | None = None) -> list[Result]:
    """Analyse a chunk in a worker: store each analysis in ``cache`` (when given) and
    return it without its text, which the caller already holds."""
    out: list[Result] = []
    for text, path, sha256 in tasks:
        r = analyse_one(text, path)
        if isinstance(r, DocAnalysis):
            if cache is not None:
                cache.put(sha256, r)
            r.text = ""
        out.append(r)
    return out


def _chunks(todo: Iterable[tuple[K, Document]]) -> Iterator[list[tuple[K, Document]]]:
    chunk: list[tuple[K, Document]] = []
    chars = 0
    for item in todo:
        chunk.append(item)
        chars += len(item[1].text)
        if len(chunk) >= CHUNK_DOCS or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _tasks(chunk: list[tuple[K, Document]]) -> list[Task]:
    return [(d.text, d.path, d.sha256) for _, d in chunk]


def _died(e: BaseException) -> str:
    return f"analysis failed (worker lost: {type(e).__name__}: {' '.join(str(e).split())[:200]})"


def _ordered(chunks: Iterator[list], submit: Callable[[list], Future], window: int) -> Iterator[tuple[list, Future]]:
    """Submit chunks with at most ``window`` in flight; hand them back in input order."""
    pending: deque[tuple[list, Future]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


def _with_text(chunk: list[tuple[K, Document]], results: list[Result]) -> Iterator[tuple[K, Result]]:
    for (key, doc), r in zip(chunk, results):
        if isinstance(r, DocAnalysis):
            r.text = doc.text
        yield key, r


def _serial(chunks: Iterator[list], cache: AnalysisCache | None) -> Iterator[tuple[Any, Result]]:
    for chunk in chunks:
        for key, doc in chunk:
            r = analyse_one(doc.text, doc.path)
            if cache is not None and isinstance(r, DocAnalysis):
                cache.put(doc.sha256, r)
            yield key, r


def _mp_context():
    # fork starts workers in milliseconds and they inherit the loaded extractors;
    # elsewhere (macOS, Windows) the platform default is the safe choice.
    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else multiprocessing.get_context()


def _process(chunks: Iterator[list], jobs: int, cache: AnalysisCache | None) -> Iterator[tuple[Any, Result]]:
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context())
    try:
        def submit(chunk: list) -> Future:
            nonlocal pool
            try:
                return pool.submit(analyse_chunk, _tasks(chunk), cache)
            except RuntimeError:  # the pool broke (a worker died): start a new one
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context())
                return pool.submit(analyse_chunk, _tasks(chunk), cache)

        for chunk, fut in _ordered(chunks, submit, jobs * IN_FLIGHT_PER_WORKER):
            try:
                results = fut.result()
            except Exception:  # BrokenProcessPool and the like: which document did it is unknown
                yield from _isolated(chunk, cache)
                continue
            yield from _with_text(chunk, results)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _isolated(chunk: list, cache: AnalysisCache | None) -> Iterator[tuple[Any, Result]]:
    """Analyse each document of a chunk in a process of its own: only a killer dies."""
    for key, doc in chunk:
        with ProcessPoolExecutor(max_workers=1, mp_context=_mp_context()) as one:
            try:
                [r] = one.submit(analyse_chunk, [(doc.text, doc.path, doc.sha256)], cache).result()
            except Exception as e:
                r = _died(e)
        if isinstance(r, DocAnalysis):
            r.text = doc.text
        yield key, r


def _dask(chunks: Iterator[list], scheduler: str | None, cache: AnalysisCache | None) -> Iterator[tuple[Any, Result]]:
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
        # Remote workers cannot write our cache: they return analyses with their text and
        # the client stores them.
        def submit(chunk: list) -> Future:
            return client.submit(analyse_one_batch, [(d.text, d.path) for _, d in chunk], pure=False)

        for chunk, fut in _ordered(chunks, submit, workers * IN_FLIGHT_PER_WORKER):
            try:
                results = fut.result()
            except Exception:  # a worker died (KilledWorker) or the task could not run
                results = []
                for _, d in chunk:
                    try:
                        [r] = client.submit(analyse_one_batch, [(d.text, d.path)], pure=False).result()
                    except Exception as e:
                        r = _died(e)
                    results.append(r)
            for (key, doc), r in zip(chunk, results):
                if isinstance(r, DocAnalysis):
                    r.text = doc.text
                    if cache is not None:
                        cache.put(doc.sha256, r)
                yield key, r
    finally:
        client.close()


def analyse_one_batch(tasks: list[tuple[str, str]]) -> list[Result]:
    """Analyse ``(text, path)`` pairs on a Dask worker; analyses come back without their text."""
    out: list[Result] = []
    for text, path in tasks:
        r = analyse_one(text, path)
        if isinstance(r, DocAnalysis):
            r.text = ""
        out.append(r)
    return out


def analyse_all(
    todo: Iterable[tuple[K, Document]],
    *,
    jobs: int = 1,
    executor: str = "process",
    scheduler: str | None = None,
    progress: bool = False,
    total: int | None = None,
    cache: AnalysisCache | None = None,
) -> Iterator[tuple[K, Result]]:
    """Analyse every ``(key, document)`` of ``todo``; yield ``(key, analysis or message)`` in input order.

    ``todo`` may be a lazy iterable (files read as they are needed).  Analyses are
    stored in ``cache`` under the document's sha256 as they come.  ``executor``
    ``process`` with ``jobs`` ≤ 1, or with fewer documents than make two chunks,
    runs in this process: a pool would only cost its start-up.
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
        for key, r in results:
            yield key, r
            if progress and bar is None:  # after the workers started: no thread runs when they fork
                from tqdm import tqdm

                bar = tqdm(total=total, unit="doc", desc="analysing", leave=False, disable=None)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
        results.close()
