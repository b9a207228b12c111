"""The interactive HTML graph (placeholder until the HTML module lands)."""

from __future__ import annotations


def write_graph_html(result, path) -> None:
    pass
