"""``policykg query``, ``policykg serve`` and ``policykg push``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import UserError

__all__ = ["COMMANDS", "query", "serve", "push"]


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in pairs:
        key, sep, value = p.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--param wants key=value, got {p!r}")
        out[key.strip()] = value
    return out


def _resolve(spec: str):
    """A named query, a .rq file or the query text itself."""
    from queries import load, names, parse

    if spec in names() or spec.endswith(".rq"):
        try:
            return load(spec)
        except (OSError, ValueError) as e:
            raise UserError(str(e)) from None
    if any(ch.isspace() for ch in spec.strip()) or "{" in spec:
        return parse(spec, name="query")
    raise UserError(f"no named query {spec!r} (see `policykg query --list`); pass a .rq file or the query text")


@click.command()
@click.argument("spec", required=False, metavar="NAME|FILE.rq|QUERY")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind $KEY to VALUE (typed by the query header; KEY:integer=… / KEY:iri=… for ad-hoc queries).")
@click.option("-f", "--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "ntriples"]),
              help="W3C SPARQL results formats (csv, tsv, json, xml); turtle/ntriples for CONSTRUCT.")
@click.option("-g", "--graph", "graph_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="The build to query.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="Embedded Oxigraph store (fast) or rdflib in memory.")
@click.option("-l", "--list", "list_", is_flag=True, help="List the named queries with their titles.")
def query(spec, params, fmt, graph_dir, engine, list_) -> None:
    """Run a SPARQL query on the last build (output/ by default).

    NAME is a named query (`policykg query --list`), FILE.rq a query file, or
    the query text itself.  Parameters are bound as RDF terms, never pasted into
    the text: `policykg query who_cites --param number=云医保〔2019〕45号`.
    """
    from queries import load, names

    from .query import QueryError, run, write

    if list_:
        qs = [load(n) for n in names()]
        width = max((len(q.name) for q in qs), default=0)
        for q in qs:
            ps = " ".join(f"${p.name}" if p.required else f"[${p.name}]" for p in q.params)
            click.echo(f"{q.name.ljust(width)}  {q.title}{'  ' + ps if ps else ''}")
        return
    if not spec:
        raise UserError("give a query: NAME, FILE.rq or the query text (or --list)")
    nq = _resolve(spec)
    try:
        result = run(nq, graph_dir, _params(params), engine=engine)
        click.echo(write(result, fmt), nl=False)
    except QueryError as e:
        raise UserError(str(e).replace("\n", " ")) from None


def _stop(signum, frame) -> None:
    raise SystemExit(0)


@click.command()
@click.argument("graph_dir", default="output", type=click.Path(file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--writable", is_flag=True, help="Allow SPARQL Update and Graph Store writes (changes DIR/store).")
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds a query may run.")
@click.option("--max-rows", default=100_000, show_default=True, type=int, help="Refuse results with more rows.")
@click.option("--workers", default=2, show_default=True, type=int, help="Queries run in parallel (1 when writable).")
def serve(graph_dir, host, port, writable, timeout, max_rows, workers) -> None:
    """Serve the build in GRAPH_DIR at http://HOST:PORT/sparql (SPARQL 1.1 Protocol).

    Also a query page at / and the HTML graph at /graph.html.  Read-only unless
    --writable; each query is stopped after --timeout seconds.
    """
    import logging
    import signal

    from .server import ServerConfig, make_server

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    cfg = ServerConfig(Path(graph_dir), host=host, port=port, writable=writable, timeout=timeout,
                       max_rows=max_rows, workers=workers)
    try:
        server = make_server(cfg)
    except (FileNotFoundError, OSError) as e:
        raise UserError(str(e)) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"policykg: warning: serving on {host}, reachable from other machines", err=True)
    click.echo(f"policykg: serving {graph_dir} at http://{host}:{server.server_address[1]}/sparql "
               f"({'read-write' if writable else 'read-only'}; Ctrl-C stops)", err=True)
    signal.signal(signal.SIGTERM, _stop)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()
        server.endpoint.close()


@click.command()
@click.argument("graph_dir", default="output", type=click.Path(file_okay=False))
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph).")
@click.option("--user", default=None, help="HTTP basic-auth user.")
@click.option("--password", default=None, envvar="POLICYKG_PASSWORD", help="HTTP basic-auth password (or $POLICYKG_PASSWORD).")
@click.option("--timeout", default=300.0, show_default=True, type=float, help="Seconds per request.")
@click.option("-q", "--quiet", is_flag=True)
def push(graph_dir, endpoint, user, password, timeout, quiet) -> None:
    """Load the build in GRAPH_DIR into a SPARQL 1.1 Graph Store.

    One PUT per named graph (one per source, plus corpus, declared, inferred and
    run): each replaces that graph on the server and leaves every other graph alone.
    """
    def progress(graph: str, triples: int) -> None:
        if not quiet:
            click.echo(f"PUT {graph} ({triples} triples)", err=True)

    try:
        n, triples = push_graphs(graph_dir, endpoint, auth=(user, password or "") if user else None,
                                 timeout=timeout, on_graph=progress)
    except (PushError, OSError) as e:
        raise UserError(str(e)) from None
    if not quiet:
        click.echo(f"pushed {n} graphs ({triples} triples) to {endpoint}")


class PushError(Exception):
    """The Graph Store refused a graph, or could not be reached."""


_PROV_GENERATED = "http://www.w3.org/ns/prov#wasGeneratedBy"


def build_graphs(graph_dir: str | Path) -> dict[str, list]:
    """The build's named graphs: graph IRI → pyoxigraph Triples, including the empty
    graphs the run graph names (declared, inferred), so that a push empties them too."""
    import pyoxigraph as ox

    nq = Path(graph_dir) / "graph.nq"
    if not nq.is_file():
        raise PushError(f"{graph_dir}: no built graph here (graph.nq missing); run `policykg build` first")
    graphs: dict[str, list] = {}
    named: set[str] = set()
    for q in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS):
        if not isinstance(q.graph_name, ox.NamedNode):
            raise PushError(f"{nq}: a quad outside any named graph: {q}")
        graphs.setdefault(q.graph_name.value, []).append(q.triple)
        if q.predicate.value == _PROV_GENERATED and isinstance(q.subject, ox.NamedNode):
            named.add(q.subject.value)
    for g in named:
        graphs.setdefault(g, [])
    return dict(sorted(graphs.items()))


def push_graphs(graph_dir: str | Path, endpoint: str, *, auth: tuple[str, str] | None = None,
                timeout: float = 300.0, on_graph=None) -> tuple[int, int]:
    """PUT every named graph of the build to a Graph Store Protocol ``endpoint`` as
    N-Triples; returns (graphs, triples)."""
    import httpx
    import pyoxigraph as ox

    graphs = build_graphs(graph_dir)
    total = 0
    with httpx.Client(auth=auth, timeout=timeout) as client:
        for iri, triples in graphs.items():
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
            try:
                r = client.put(endpoint, params={"graph": iri}, content=body,
                               headers={"Content-Type": "application/n-triples"})
            except httpx.HTTPError as e:
                raise PushError(f"{endpoint}: {e}") from None
            if r.status_code >= 300:
                detail = r.text.strip().splitlines()[0][:200] if r.text.strip() else r.reason_phrase
                raise PushError(f"{endpoint}: PUT <{iri}> answered {r.status_code}: {detail}")
            total += len(triples)
            if on_graph:
                on_graph(iri, len(triples))
    return len(graphs), total


COMMANDS = [query, serve, push]
