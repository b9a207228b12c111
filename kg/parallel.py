"""Per-document analysis in parallel: one document is one task.

``analyse_all`` yields ``(info, DocAnalysis | error message)`` in input order
whatever the executor: ``serial`` (in process), ``process`` (a local process
pool) or ``dask`` (a Dask cluster, optional extra).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from extractors.reading import SourceText

from .analyse import DocAnalysis, analyse_text

__all__ = ["analyse_all", "analyse_one"]


def analyse_one(text: str, path: str) -> DocAnalysis | str:
    """Analyse one text; a failure becomes a one-line message, never a traceback."""
    try:
        return analyse_text(text, source=path)
    except Exception as e:  # one bad document never loses the others' results
        return f"analysis failed ({type(e).__name__}: {e})"


def analyse_all(todo: Sequence[tuple[object, SourceText]], *, jobs: int = 1, executor: str = "process",
                scheduler: str | None = None, progress: bool = False) -> Iterator[tuple[object, DocAnalysis | str]]:
    bar = None
    if progress and len(todo) > 20:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="doc", desc="analysing", leave=False)
    try:
        for info, st in todo:
            yield info, analyse_one(st.text, st.path)
            if bar:
                bar.update(1)
    finally:
        if bar:
            bar.close()
