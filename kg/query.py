"""Run SPARQL on a built graph: the embedded Oxigraph store or rdflib.

:func:`run` takes a query (text or a :class:`queries.NamedQuery`), the build
directory (or an opened ``pyoxigraph.Store`` / ``rdflib.Dataset``) and
parameters, binds the parameters as RDF terms (Oxigraph substitutions, rdflib
``initBindings``; never pasted into the text) and returns a
:class:`QueryResult`.  The default graph is the union of the named graphs.

Writers give the W3C SPARQL 1.1 Query Results formats (JSON, CSV, TSV, XML),
a plain table for the terminal, and N-Triples / Turtle for CONSTRUCT and
DESCRIBE results.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from queries import PARAM_TYPES, NamedQuery, parse

from .rdf import DEFAULT_BASE, NS, XSD

__all__ = [
    "ENGINES",
    "FORMATS",
    "QueryError",
    "ResultTooLarge",
    "Term",
    "QueryResult",
    "run",
    "open_graph",
    "bind_params",
    "write",
]

ENGINES = ("oxigraph", "rdflib")
FORMATS = ("table", "json", "csv", "tsv", "xml", "turtle", "ntriples")

_XSD_STRING = XSD + "string"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_INTEGERS = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
)}


class QueryError(Exception):
    """A query that cannot run: syntax error (with position), bad parameter, missing graph."""


class ResultTooLarge(QueryError):
    """The result has more rows than the limit."""


class Term(NamedTuple):
    """An RDF term, engine-neutral: kind is ``uri``, ``literal`` or ``bnode``."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def python(self) -> Any:
        """The plain Python value: IRIs and strings as str, numbers as int / Decimal / float."""
        if self.kind != "literal" or self.lang:
            return self.value
        dt = self.datatype
        try:
            if dt in _INTEGERS:
                return int(self.value)
            if dt == XSD + "decimal":
                return Decimal(self.value)
            if dt in (XSD + "double", XSD + "float"):
                return float(self.value)
        except (ValueError, InvalidOperation):
            return self.value
        if dt == XSD + "boolean":
            return self.value in ("true", "1")
        if dt == XSD + "dateTime":
            return re.sub(r"[+-]00:00$", "Z", self.value)  # one form for UTC, whichever engine
        return self.value

    def n3(self) -> str:
        """N-Triples / Turtle syntax."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        s = '"' + _nt_escape(self.value) + '"'
        if self.lang:
            return f"{s}@{self.lang}"
        if self.datatype and self.datatype != _XSD_STRING:
            return f"{s}^^<{self.datatype}>"
        return s


@dataclass
class QueryResult:
    """Rows of a SELECT (``terms``: one tuple of Term-or-None per row, in ``vars`` order),
    the answer of an ASK (``boolean``), or the triples of a CONSTRUCT / DESCRIBE
    (``vars`` = subject, predicate, object)."""

    kind: str
    vars: list[str] = field(default_factory=list)
    terms: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Each row as a dict var → plain Python value (None when unbound)."""
        return [{v: (t.python() if t is not None else None) for v, t in zip(self.vars, row)} for row in self.terms]

    def __len__(self) -> int:
        return len(self.terms)


# ------------------------------------------------------------------ engines

_CACHE: dict[tuple[str, str], tuple[int, Any]] = {}


def open_graph(graph_dir: str | os.PathLike | Any = "output", engine: str = "oxigraph") -> Any:
    """The engine's handle on a build: Oxigraph ``Store`` (``DIR/store``, read-only) or an
    rdflib ``Dataset`` of ``DIR/graph.nq`` with the union as default graph.  Cached per
    process until the build changes; an opened store or dataset is returned as is."""
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r} (use {' or '.join(ENGINES)})")
    if not isinstance(graph_dir, (str, os.PathLike)):
        return graph_dir
    d = Path(graph_dir)
    nq = d / "graph.nq"
    if not nq.is_file():
        raise QueryError(f"{d}: no built graph here (graph.nq missing); run `policykg build` first")
    stamp = nq.stat().st_mtime_ns
    key = (str(d.resolve()), engine)
    hit = _CACHE.get(key)
    if hit and hit[0] == stamp:
        return hit[1]
    if engine == "oxigraph":
        from .store import open_store

        try:
            handle = open_store(d / "store", read_only=True)
        except (FileNotFoundError, OSError) as e:
            raise QueryError(str(e)) from None
    else:
        import rdflib

        handle = rdflib.Dataset(default_union=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.x's own internals
            handle.parse(str(nq), format="nquads")
    _CACHE[key] = (stamp, handle)
    return handle


def _engine_of(handle: Any) -> str:
    return "oxigraph" if type(handle).__module__.startswith("pyoxigraph") else "rdflib"


# ------------------------------------------------------------------ parameters

def bind_params(query: NamedQuery, params: dict[str, str] | None) -> dict[str, Term]:
    """Typed terms for ``params`` (``name`` or ``name:type`` → value), checked against the
    query's declared parameters.  Undeclared parameters of an ad-hoc query are plain
    strings unless a ``:type`` says otherwise; named queries accept only declared ones."""
    out: dict[str, Term] = {}
    for key, value in (params or {}).items():
        name, _, typ = key.lstrip("$?").partition(":")
        declared = query.param(name)
        if declared is None and query.params:
            known = ", ".join(f"${p.name}" for p in query.params)
            raise QueryError(f"{query.name}: unknown parameter ${name} (parameters: {known})")
        out[name] = _term(name, value, typ or (declared.type if declared else "string"))
    for p in query.params:
        if p.required and p.name not in out:
            eg = f" (e.g. --param {p.name}={p.example})" if p.example else ""
            raise QueryError(f"{query.name}: missing parameter ${p.name}{eg}")
    return out


def _term(name: str, value: str, typ: str) -> Term:
    if typ not in PARAM_TYPES:
        raise QueryError(f"${name}: unknown type {typ!r} (use {', '.join(PARAM_TYPES)})")
    if typ == "string":
        return Term("literal", value, _XSD_STRING)
    if typ == "iri":
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*", iri):
            raise QueryError(f"${name}: not an absolute IRI: {value!r}")
        return Term("uri", iri)
    checks = {
        "integer": r"[+-]?\d+",
        "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
        "date": r"\d{4}-\d{2}-\d{2}",
    }
    if not re.fullmatch(checks[typ], value.strip()):
        raise QueryError(f"${name}: not an {typ}: {value!r}" if typ == "integer" else f"${name}: not a {typ}: {value!r}")
    return Term("literal", value.strip(), XSD + typ)


# ------------------------------------------------------------------ run

def run(
    query: str | NamedQuery,
    graph_dir: str | os.PathLike | Any = "output",
    params: dict[str, str] | None = None,
    engine: str = "oxigraph",
    *,
    limit: int | None = None,
) -> QueryResult:
    """Run ``query`` on the build in ``graph_dir`` (or an opened store / dataset).

    Raises :class:`QueryError` (syntax errors carry the parser's message and
    position) and :class:`ResultTooLarge` when more than ``limit`` rows come back."""
    nq = query if isinstance(query, NamedQuery) else parse(query, name="query")
    bindings = bind_params(nq, params)
    handle = open_graph(graph_dir, engine)
    if _engine_of(handle) == "oxigraph":
        return _run_oxigraph(handle, nq.text, bindings, limit)
    return _run_rdflib(handle, nq.text, bindings, limit)


def _run_oxigraph(store: Any, text: str, bindings: dict[str, Term], limit: int | None) -> QueryResult:
    import pyoxigraph as ox

    subs = {ox.Variable(k): _to_ox(t) for k, t in bindings.items()}
    try:
        res = store.query(text, prefixes=NS, use_default_graph_as_union=True, substitutions=subs or None)
    except SyntaxError as e:
        raise QueryError(f"syntax error: {e}") from None
    except RuntimeError as e:  # e.g. a substituted variable missing from the SELECT clause
        msg = str(e)
        if "projection" in msg:
            msg += " (a parameter must be a variable of the SELECT clause)"
        raise QueryError(msg) from None
    except OSError as e:
        raise QueryError(str(e)) from None
    if isinstance(res, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        names = [v.value for v in res.variables]
        rows = []
        for sol in res:
            rows.append(tuple(_from_ox(sol[i]) for i in range(len(names))))
            _check(rows, limit)
        return QueryResult("select", names, rows)
    rows = []
    for t in res:
        rows.append((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
        _check(rows, limit)
    return QueryResult("construct", ["subject", "predicate", "object"], rows)


def _run_rdflib(ds: Any, text: str, bindings: dict[str, Term], limit: int | None) -> QueryResult:
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.term import Variable

    try:
        prepared = prepareQuery(text, initNs=NS)
    except Exception as e:  # pyparsing.ParseException and rdflib's own errors
        raise QueryError(f"syntax error: {e}") from None
    init = {Variable(k): _to_rdflib(t) for k, t in bindings.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.x's own internals
        return _collect_rdflib(ds.query(prepared, initBindings=init), limit)


def _collect_rdflib(res: Any, limit: int | None) -> QueryResult:
    if res.type == "ASK":
        return QueryResult("ask", boolean=bool(res.askAnswer))
    if res.type == "SELECT":
        names = [str(v) for v in res.vars]
        rows = []
        for r in res:
            rows.append(tuple(_from_rdflib(x) for x in r))
            _check(rows, limit)
        return QueryResult("select", names, rows)
    rows = []
    for s, p, o in res.graph:
        rows.append((_from_rdflib(s), _from_rdflib(p), _from_rdflib(o)))
        _check(rows, limit)
    return QueryResult("construct", ["subject", "predicate", "object"], rows)


def _check(rows: list, limit: int | None) -> None:
    if limit is not None and len(rows) > limit:
        raise ResultTooLarge(f"the result has more than {limit} rows; add a LIMIT or narrow the query")


def _from_ox(t: Any) -> Term | None:
    if t is None:
        return None
    kind = _OX_KINDS.get(type(t).__name__)
    if kind == "literal":
        lang = t.language
        return Term("literal", t.value, None if lang else t.datatype.value, lang)
    if kind is not None:
        return Term(kind, t.value)
    return Term("literal", str(t))  # RDF-star triple term: shown in its N-Triples form


_OX_KINDS = {"NamedNode": "uri", "BlankNode": "bnode", "Literal": "literal"}


def _to_ox(t: Term) -> Any:
    import pyoxigraph as ox

    if t.kind == "uri":
        return ox.NamedNode(t.value)
    if t.kind == "bnode":
        return ox.BlankNode(t.value)
    if t.lang:
        return ox.Literal(t.value, language=t.lang)
    return ox.Literal(t.value, datatype=ox.NamedNode(t.datatype or _XSD_STRING))


def _from_rdflib(t: Any) -> Term | None:
    from rdflib import BNode, Literal, URIRef

    if t is None:
        return None
    if isinstance(t, URIRef):
        return Term("uri", str(t))
    if isinstance(t, BNode):
        return Term("bnode", str(t))
    if isinstance(t, Literal):
        if t.language:
            return Term("literal", str(t), None, t.language)
        return Term("literal", str(t), str(t.datatype) if t.datatype else _XSD_STRING)
    return Term("literal", str(t))


def _to_rdflib(t: Term) -> Any:
    from rdflib import BNode, Literal, URIRef

    if t.kind == "uri":
        return URIRef(t.value)
    if t.kind == "bnode":
        return BNode(t.value)
    if t.lang:
        return Literal(t.value, lang=t.lang)
    # xsd:string literals are plain in rdflib, so that they match the parsed data
    return Literal(t.value, datatype=None if t.datatype in (None, _XSD_STRING) else t.datatype)


# ------------------------------------------------------------------ writers

def write(result: QueryResult, fmt: str = "table") -> str:
    """``result`` in ``fmt``: table, json, csv, tsv, xml (W3C results formats; SELECT and
    ASK), turtle or ntriples (CONSTRUCT / DESCRIBE; ``table`` shows those as Turtle)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    if result.kind == "construct":
        if fmt in ("table", "turtle"):
            return to_turtle(result)
        if fmt == "ntriples":
            return to_ntriples(result)
        raise QueryError(f"{fmt} is a format for SELECT and ASK results; use turtle or ntriples")
    if fmt in ("turtle", "ntriples"):
        raise QueryError(f"{fmt} is a format for CONSTRUCT results; use table, json, csv, tsv or xml")
    return {"table": to_table, "json": to_json, "csv": to_csv, "tsv": to_tsv, "xml": to_xml}[fmt](result)


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    bindings = []
    for row in result.terms:
        b = {}
        for v, t in zip(result.vars, row):
            if t is None:
                continue
            j = {"type": t.kind, "value": t.value}
            if t.lang:
                j["xml:lang"] = t.lang
            elif t.kind == "literal" and t.datatype and t.datatype != _XSD_STRING:
                j["datatype"] = t.datatype
            b[v] = j
        bindings.append(b)
    return json.dumps({"head": {"vars": result.vars}, "results": {"bindings": bindings}}, ensure_ascii=False) + "\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV (lexical values, CRLF line ends)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        w.writerows([["_askResult"], ["true" if result.boolean else "false"]])
        return buf.getvalue()
    w.writerow(result.vars)
    for row in result.terms:
        w.writerow(["" if t is None else (f"_:{t.value}" if t.kind == "bnode" else t.value) for t in row])
    return buf.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV (terms in Turtle / N-Triples syntax)."""
    if result.kind == "ask":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join("" if t is None else t.n3() for t in row) for row in result.terms]
    return "\n".join(lines) + "\n"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.kind == "ask":
        out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.vars]
    out += ["</head>", "<results>"]
    for row in result.terms:
        out.append("<result>")
        for v, t in zip(result.vars, row):
            if t is None:
                continue
            if t.kind == "uri":
                inner = f"<uri>{xml_escape(t.value)}</uri>"
            elif t.kind == "bnode":
                inner = f"<bnode>{xml_escape(t.value)}</bnode>"
            else:
                attr = f" xml:lang={quoteattr(t.lang)}" if t.lang else (
                    f" datatype={quoteattr(t.datatype)}" if t.datatype and t.datatype != _XSD_STRING else "")
                inner = f"<literal{attr}>{xml_escape(_xml_chars(t.value))}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def to_ntriples(result: QueryResult) -> str:
    """CONSTRUCT / DESCRIBE triples as N-Triples."""
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in result.terms)


def to_turtle(result: QueryResult) -> str:
    """CONSTRUCT / DESCRIBE triples as Turtle with the project's prefixes."""
    import pyoxigraph as ox

    triples = [ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in result.terms]
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={**NS, "id": DEFAULT_BASE}).decode("utf-8")


def to_table(result: QueryResult) -> str:
    """A plain, aligned table for the terminal (IRIs shortened, line breaks shown as ⏎)."""
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    head = list(result.vars)
    body = [[_cell(t) for t in row] for row in result.terms]
    widths = [max([_width(h)] + [_width(r[i]) for r in body]) for i, h in enumerate(head)]
    fmt = lambda cells: "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    lines = [fmt(head), fmt(["-" * w for w in widths])] + [fmt(r) for r in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines) + "\n"


_SHORT = sorted([(ns, p) for p, ns in NS.items()] + [(DEFAULT_BASE, "id")], key=lambda x: -len(x[0]))


def _cell(t: Term | None) -> str:
    if t is None:
        return ""
    if t.kind == "uri":
        for ns, p in _SHORT:
            if t.value.startswith(ns):
                return f"{p}:{t.value[len(ns):]}"
        return f"<{t.value}>"
    if t.kind == "bnode":
        return f"_:{t.value}"
    return t.value.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ")


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _nt_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def _xml_chars(s: str) -> str:
    # XML 1.0 cannot carry most control characters; drop them
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", s)
