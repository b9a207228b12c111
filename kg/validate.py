"""``policykg validate``: the built graph against the project's SHACL shapes (pyshacl)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["SHAPES", "ONTOLOGY", "validate_graph", "validate_dir"]

DATA = Path(__file__).resolve().parent / "data"
SHAPES = DATA / "shapes.ttl"
ONTOLOGY = DATA / "ontology.ttl"


def validate_graph(data_graph) -> tuple[bool, str]:
    """Validate an rdflib Graph (the union of all named graphs)."""
    import rdflib
    from pyshacl import validate

    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _, text = validate(data_graph, shacl_graph=shapes, inference="none", abort_on_first=False,
                                 allow_warnings=True)
    return bool(conforms), text


def validate_dir(graph_dir: str | os.PathLike) -> tuple[bool, str]:
    """Validate ``graph_dir/graph.ttl``."""
    import rdflib

    path = Path(graph_dir) / "graph.ttl"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no graph here; run `policykg build` first")
    g = rdflib.Graph().parse(path, format="turtle")
    return validate_graph(g)
