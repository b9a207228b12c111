"""``policykg changes``: year-over-year changes, replacements and stale citations of a build."""

from __future__ import annotations

import json

import click

from .cli import UserError

__all__ = ["COMMANDS", "changes", "select_pairs"]


def select_pairs(years: list[int], y1: int | None, y2: int | None, where: str) -> list[tuple[int, int]]:
    """The pairs of budget years to report: every consecutive pair, or the one asked for."""
    known = ", ".join(map(str, years)) or "none"
    for y in (y1, y2):
        if y is not None and y not in years:
            raise UserError(f"no budget year {y} in {where} (years: {known})")
    if y1 is None and y2 is None:
        return list(zip(years, years[1:]))
    if y2 is None:
        later = [y for y in years if y > y1]
        if not later:
            raise UserError(f"no budget year after {y1} in {where} (years: {known})")
        y2 = later[0]
    if y1 is None:
        earlier = [y for y in years if y < y2]
        if not earlier:
            raise UserError(f"no budget year before {y2} in {where} (years: {known})")
        y1 = earlier[-1]
    if y1 >= y2:
        raise UserError(f"--from {y1} must be before --to {y2}")
    return [(y1, y2)]


@click.command()
@click.argument("graph_dir", default="output", type=click.Path(file_okay=False))
@click.option("--from", "y1", type=int, help="Earlier budget year (default: every consecutive pair).")
@click.option("--to", "y2", type=int, help="Later budget year.")
@click.option("-f", "--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md", show_default=True)
def changes(graph_dir: str, y1: int | None, y2: int | None, fmt: str) -> None:
    """Year-over-year changes of a build (DIR, default output/): per project series the
    projects kept, new and dropped and the works added, removed and kept; replacements
    (stated, declared, inferred) with their evidence; stale citations.

    JSON for one pair of years is one object, for several a list of them.
    """
    from pathlib import Path

    from .changes import load_changes, render_html, render_md, reports

    try:
        data = load_changes(graph_dir)
    except ValueError as e:
        raise UserError(str(e)) from None
    pairs = select_pairs(data["years"], y1, y2, str(Path(graph_dir) / "changes.json"))
    reps = reports(data, pairs)
    if fmt == "json":
        doc = reps[0] if len(reps) == 1 else reps
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    elif fmt == "html":
        click.echo(render_html(reps, data), nl=False)
    else:
        click.echo(render_md(reps, data), nl=False)


COMMANDS = [changes]
