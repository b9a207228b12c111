"""The ``policykg`` command line.

Every command reports bad input as one line naming the file and the problem
(``policykg: error: x.pdf: encrypted PDF (password required)``), never a
traceback, and exits non-zero when nothing useful could be done.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from extractors.reading import DEFAULT_MAX_BYTES, ReadError, iter_corpus

__all__ = ["main", "cli"]


class UserError(click.ClickException):
    """A one-line, user-facing error (exit status 2)."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: D102 - click API
        click.echo(f"policykg: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option("0.1.0", prog_name="policykg")
def cli() -> None:
    """policykg: a policy-citation knowledge graph of Chinese government texts.

    Run `policykg build` to build the bundled sample corpus into output/.
    """


# ------------------------------------------------------------------ extract

def mention_record(source: str, m, ex) -> dict:
    """The JSONL contract of ``policykg extract``: one mention a line."""
    rec = {"source": source, "kind": m.kind, "start": m.start, "end": m.end, "text": m.text}
    if m.kind == "document_number":
        t = ex.title_for(m)
        rec.update(number=m.number, title=t.title if t else None, form=m.form, issuer=m.issuer,
                   level=m.level, confidence=round(m.confidence, 2))
    elif m.kind == "title":
        n = ex.number_for(m)
        rec.update(number=n.number if n else None, title=m.title, nested=m.parent is not None,
                   issuer=m.issuer_before)
    else:
        rec.update(law=m.law, article=m.article, paragraph=m.paragraph, item=m.item, via=m.via)
    return rec


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True)
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Skip files larger than this.")
def extract(paths: tuple[str, ...], fmt: str, max_bytes: int) -> None:
    """Print the citations of PATH... (files or folders; default: the bundled samples).

    JSONL is a stable contract: one mention a line with source, kind
    (document_number | title | article), start, end, text, and number /
    title / law / article as they apply.
    """
    from extractors import extract as run_extract

    from .build import default_inputs

    inputs = list(paths) or default_inputs()
    errors = 0
    records: list[dict] = []
    out = sys.stdout
    for st in iter_corpus(inputs, max_bytes=max_bytes):
        if isinstance(st, ReadError):
            click.echo(f"policykg: error: {st}", err=True)
            errors += 1
            continue
        for w in st.warnings:
            click.echo(f"policykg: warning: {w}", err=True)
        ex = run_extract(st.text, source=st.path)
        recs = [mention_record(st.path, m, ex) for m in ex.citations]
        if fmt == "jsonl":
            for r in recs:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            records.extend(recs)
    if fmt == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "table":
        for r in records:
            what = r.get("number") or r.get("title") or ""
            if r["kind"] == "article":
                what = f"{r['law']} 第{r['article']}条"
            out.write(f"{Path(r['source']).name}\t{r['start']}-{r['end']}\t{r['kind']}\t{what}\n")
    if errors:
        sys.exit(1)


# ------------------------------------------------------------------ build

@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--out", "out_dir", default="output", show_default=True, type=click.Path(), help="Output directory.")
@click.option("--base", default=None, help="Base IRI of resources (default https://w3id.org/policykg/id/).")
@click.option("--replacements", type=click.Path(exists=True, dir_okay=False), help="Declared replacements: CSV old,new,in_force or Turtle with eli:repeals.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Skip files larger than this.")
@click.option("--no-cache", is_flag=True, help="Re-analyse every file (ignore the build cache).")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Build cache (default: .policykg-cache next to the output).")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (default: all cores).")
@click.option("--executor", type=click.Choice(["process", "serial", "dask"]), default="process", show_default=True)
@click.option("--scheduler", help="Dask scheduler address (with --executor dask).")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any file was skipped.")
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
def build(paths, out_dir, base, replacements, max_bytes, no_cache, cache_dir, jobs, executor, scheduler, no_html, strict, quiet) -> None:
    """Build the knowledge graph of PATH... (default: the bundled sample corpus) into output/."""
    import os

    from .build import build as run_build

    if jobs <= 0:
        jobs = os.cpu_count() or 1
    if executor == "dask" and not scheduler:
        raise UserError("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")

    def on_error(msg: str) -> None:
        click.echo(f"policykg: skipped {msg}", err=True)

    try:
        result = run_build(list(paths) or None, out_dir, base=base, declared=replacements, max_bytes=max_bytes,
                           use_cache=not no_cache, cache_dir=cache_dir, progress=not quiet, jobs=jobs, executor=executor,
                           scheduler=scheduler, html=not no_html, on_error=on_error)
    except (ValueError, OSError) as e:
        raise UserError(str(e)) from None
    for w in result.warnings:
        click.echo(f"policykg: warning: {w}", err=True)
    s = result.summary()
    if not quiet:
        click.echo(
            f"built {s['documents']} documents ({s['disclosures']} disclosures): {s['projects']} project-years in "
            f"{s['series']} series, {s['mentions']} mentions of {s['works']} works, {s['relations']} relations, "
            f"{s['stale_citations']} stale citations; {s['quads']} quads; "
            f"{s['skipped']} skipped, {s['warnings']} warnings; {s['reused_from_cache']} from cache; "
            f"{s['seconds']:.1f} s → {out_dir}/"
        )
    if not result.documents:
        raise UserError("no document could be built" + (f" ({len(result.skipped)} skipped)" if result.skipped else ""))
    if strict and result.skipped:
        sys.exit(1)


# ------------------------------------------------------------------ validate

@cli.command()
@click.argument("graph_dir", default="output", type=click.Path())
def validate(graph_dir: str) -> None:
    """Check the built graph against the SHACL shapes (exit 1 on violations)."""
    from .validate import validate_dir

    try:
        conforms, report = validate_dir(graph_dir)
    except FileNotFoundError as e:
        raise UserError(str(e)) from None
    click.echo(report)
    if not conforms:
        sys.exit(1)


# ------------------------------------------------------------------ score

@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("-v", "--verbose", is_flag=True, help="List every extra and missing item.")
def score(paths, verbose) -> None:
    """Precision, recall and F1 of the extractors against gold annotations (default: the dev set)."""
    from extractors.score import main as score_main

    score_main([*paths, *(["-v"] if verbose else [])])


def _register_optional() -> None:
    """Commands that live in their own modules."""
    from importlib import import_module

    for mod in ("kg.cli_query", "kg.cli_html", "kg.cli_changes"):
        try:
            m = import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise
            continue
        for cmd in getattr(m, "COMMANDS", ()):
            cli.add_command(cmd)


_register_optional()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script: the exit status, never a traceback for user errors."""
    try:
        rv = cli.main(args=argv, prog_name="policykg", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("policykg: interrupted; the previous output is intact", err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return e.exit_code
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":
    sys.exit(main())
