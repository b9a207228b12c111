"""policykg knowledge graph: from budget disclosures to one coherent, traceable graph.

>>> from kg import build
>>> result = build(out_dir="output")            # doctest: +SKIP  (the bundled samples)
>>> result.summary()["works"]                    # doctest: +SKIP

Data flows one way: :mod:`kg.analyse` (one text → citations, disclosure
structure, statements), :mod:`kg.corpus` (identities across the corpus →
:class:`kg.model.Corpus`), then the exporters: :mod:`kg.rdf` (RDF),
:mod:`kg.graphs` (networkx), :mod:`kg.html` (the HTML graph),
:mod:`kg.changes` (change detection) and :mod:`kg.build` (files).
"""

from __future__ import annotations

from .build import BuildResult, build, build_model
from .model import Citation, Corpus, Org, ProjectYear, Relation, Series, SourceDoc, Work
from .rdf import NS, Iris, to_rdflib

_LAZY = {"to_networkx", "write_gexf", "write_graphml"}  # networkx costs a third of the CLI's start-up


def __getattr__(name: str):
    if name in _LAZY:
        from . import graphs

        return getattr(graphs, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

__all__ = [
    "build",
    "build_model",
    "BuildResult",
    "Corpus",
    "SourceDoc",
    "Work",
    "Org",
    "Series",
    "ProjectYear",
    "Citation",
    "Relation",
    "to_networkx",
    "to_rdflib",
    "write_graphml",
    "write_gexf",
    "Iris",
    "NS",
]
