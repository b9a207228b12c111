"""``policykg html``: render the interactive graph (or a filtered part of it) from a built output."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import UserError

__all__ = ["COMMANDS", "html"]


@click.command()
@click.argument("graph_dir", default="output", type=click.Path(file_okay=False))
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False),
              help="Page to write (default: GRAPH_DIR/graph.html, or GRAPH_DIR/graph-filtered.html with a filter).")
@click.option("--year", "years", multiple=True, type=int, help="Only this budget year (repeatable).")
@click.option("--issuer", "issuers", multiple=True,
              help="Only disclosures and projects whose bureau or unit contains this text (repeatable).")
@click.option("--view", type=click.Choice(["auto", "full", "aggregated"]), default="auto", show_default=True,
              help="auto: aggregate project-years into series above --aggregate-above nodes.")
@click.option("--aggregate-above", type=click.IntRange(min=1), default=None, help="Node count above which auto aggregates (default 2000).")
@click.option("--min-cites", type=click.IntRange(min=1), default=None,
              help="Aggregated view: show works cited by at least this many project-years (default: chosen to fit).")
def html(graph_dir, out_file, years, issuers, view, aggregate_above, min_cites) -> None:
    """Write the self-contained interactive graph of a built GRAPH_DIR (default: output/).

    Reads GRAPH_DIR/graph.json (written by `policykg build`), keeps the budget
    years and issuers asked for (every work, law and body they cite comes
    along) and writes one HTML file that opens offline.
    """
    from .html import AGGREGATE_ABOVE, filter_graph, page_title, read_graph_json, write_html

    src = Path(graph_dir) / "graph.json"
    if not src.is_file():
        raise UserError(f"{src}: not found (run `policykg build` first, without --no-html)")
    try:
        g = read_graph_json(src)
    except (ValueError, KeyError, TypeError) as e:
        raise UserError(str(e)) from None
    filtered = bool(years or issuers)
    if filtered:
        g = filter_graph(g, years=years, issuers=issuers)
        if g.number_of_nodes() == 0:
            what = ", ".join([*(f"--year {y}" for y in years), *(f"--issuer {i}" for i in issuers)])
            raise UserError(f"{src}: nothing matches {what}")
    out = Path(out_file) if out_file else Path(graph_dir) / ("graph-filtered.html" if filtered else "graph.html")
    title = page_title(g)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        v = write_html(g, out, title=title, view=view, aggregate_above=aggregate_above or AGGREGATE_ABOVE,
                   min_cites=min_cites, filters={"years": list(years), "issuers": list(issuers)})
    except OSError as e:
        raise UserError(f"{out}: {e.strerror or e}") from None
    shown = v.graph
    how = " (aggregated view)" if v.aggregated else ""
    click.echo(f"wrote {out}: {shown.number_of_nodes():,} nodes, {shown.number_of_edges():,} edges{how}")


COMMANDS = [html]
