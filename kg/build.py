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
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from extractors.reading import DEFAULT_MAX_BYTES, ReadError, SourceText, iter_corpus

from .analyse import ANALYSIS_VERSION, DocAnalysis, analyse_text
from .cache import AnalysisCache
from .corpus import SourceInfo, build_corpus, h
from .model import Corpus
from .rdf import PREFIXES, Iris, iter_graphs, run_quads
from .samples import SAMPLE_FILES

__all__ = ["BuildResult", "build", "build_model", "write_outputs", "default_inputs", "TOOL_VERSION"]

TOOL_VERSION = "policykg 0.1.0"


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
    """Read and analyse ``paths`` (default: the sample corpus) into a corpus model."""
    t0 = time.perf_counter()
    paths = list(paths) if paths else default_inputs()
    name_of = _names(paths)
    skipped: list[str] = []
    items: list[tuple[SourceInfo, DocAnalysis]] = []
    todo: list[tuple[SourceInfo, SourceText]] = []
    reused = 0
    seen_names: set[str] = set()
    for st in iter_corpus(paths, max_bytes=max_bytes):
        if isinstance(st, ReadError):
            skipped.append(str(st))
            if on_error:
                on_error(str(st))
            continue
        name = name_of(st.path)
        if name in seen_names:  # the same relative name under two arguments
            name = f"{name}#{h(st.path, n=6)}"
        seen_names.add(name)
        info = SourceInfo(path=st.path, name=name, sha256=st.sha256, format=st.format, encoding=st.encoding,
                          warnings=tuple(st.warnings))
        hit = cache.get(st.sha256) if cache is not None else None
        if hit is not None:
            items.append((info, hit))
            reused += 1
        else:
            todo.append((info, st))
    from .parallel import analyse_all

    for info, result in analyse_all(todo, jobs=jobs, executor=executor, scheduler=scheduler, progress=progress):
        if isinstance(result, str):
            msg = f"{info.path}: {result}"
            skipped.append(msg)
            if on_error:
                on_error(msg)
            continue
        if cache is not None:
            cache.put(info.sha256, result)
        items.append((info, result))
    corpus = build_corpus(items)
    corpus.skipped = skipped
    result = BuildResult(corpus=corpus, out_dir=None, skipped=skipped, warnings=list(corpus.warnings), reused=reused)
    from .changes import apply_inference

    apply_inference(result, declared=declared)
    result.seconds = time.perf_counter() - t0
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
        write_outputs(result, out, base=base, html=html, store=store, inputs=paths or default_inputs())
        result.out_dir = out
    result.seconds = time.perf_counter() - t0
    return result


def write_outputs(result: BuildResult, out: Path, *, base: str | None = None, html: bool = True, store: bool = True,
                  inputs: Iterable[str] = ()) -> None:
    """Write every output into a temporary directory, then swap it in atomically."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; the output is not
    try:
        ir = Iris(base) if base else Iris()
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        result.quads = _write_rdf(result, tmp, ir, started, inputs)
        _write_citations_csv(result.corpus, tmp / "citations.csv")
        _write_texts(result.corpus, tmp / "texts")
        from .changes import write_changes

        write_changes(result, tmp)
        if store:
            from .store import load_store

            load_store(tmp / "graph.nq", tmp / "store")
        if html:
            from .html import write_graph_html

            write_graph_html(result, tmp / "graph.html")
        (tmp / "summary.json").write_text(
            json.dumps({**result.summary(), "skipped_files": result.skipped, "warning_lines": result.warnings},
                       ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        (tmp / "README.md").write_text(_OUTPUT_README, encoding="utf-8")
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


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


def _write_rdf(result: BuildResult, tmp: Path, ir: Iris, started: str, inputs: Iterable[str]) -> int:
    import pyoxigraph as ox

    n = 0
    nq = tmp / "graph.nq"
    with open(nq, "w", encoding="utf-8", newline="\n") as f:
        for _, lines in iter_graphs(result.corpus, ir, stale=result.stale):
            f.writelines(lines)
            n += len(lines)
        ended = datetime.now(timezone.utc).isoformat(timespec="seconds")
        run_id = started.replace(":", "").replace("-", "").replace("+0000", "Z")
        run = run_quads(result.corpus, ir, run_id=run_id, started=started, ended=ended, version=TOOL_VERSION,
                        inputs=[result.corpus.sources[i].name for i in range(len(result.corpus.sources))])
        f.writelines(run)
        n += len(run)
    ox.serialize(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS), output=str(tmp / "graph.trig"),
                 format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    nt = tmp / "union.nt"
    with open(nt, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(_union_lines(nq))
    ox.serialize(ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES), output=str(tmp / "graph.ttl"),
                 format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    nt.unlink()
    return n


def _union_lines(nq: Path):
    """The triples of all graphs, each once, in file order.

    Citation nodes (most of the data) belong to exactly one source graph, so
    only the other lines need remembering to drop the repeats (a project
    series described by every year's graph, a relation stated by two texts)."""
    seen: set[str] = set()
    with open(nq, encoding="utf-8") as f:
        for line in f:
            triple = line[: line.rindex(" <")] + " .\n"
            if "/citation/" not in line[: line.index(" ")]:
                if triple in seen:
                    continue
                seen.add(triple)
            yield triple


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
