"""``policykg serve``: a SPARQL 1.1 Protocol endpoint over the built store.

A stdlib ``ThreadingHTTPServer`` in front of worker processes that each open
``DIR/store`` with pyoxigraph (read-only unless ``--writable``).  A query runs
in a worker; when it outlives the timeout the worker is killed (so a
pathological query really stops) and a fresh one takes its place.  Results
larger than the row limit are refused rather than truncated.

Routes:

* ``/sparql`` — SPARQL 1.1 Protocol: query by GET ``?query=`` or POST (form or
  ``application/sparql-query``); update by POST (form ``update=`` or
  ``application/sparql-update``), refused with 403 unless writable.  Results by
  content negotiation (``Accept``, or ``?format=json|csv|tsv|xml``): SPARQL
  JSON, CSV, TSV, XML; Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT.
  The default graph is the union of the named graphs.
* ``/store`` — Graph Store Protocol: GET ``?graph=IRI`` (or ``?default``);
  PUT, POST, DELETE refused with 403 unless writable.
* ``/`` — a self-contained query page (no CDN); ``/graph.html`` — the HTML graph.

Every response carries CORS headers, so YASGUI and other browser clients work.
"""

from __future__ import annotations

import html
import json
import logging
import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = ["ServerConfig", "Endpoint", "make_server", "serve"]

log = logging.getLogger("policykg.serve")

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml", "text/plain": "ntriples",
            "ttl": "turtle", "nt": "ntriples"}
MAX_QUERY_BYTES = 1 << 20
MAX_UPLOAD_BYTES = 512 << 20


@dataclass
class ServerConfig:
    """What ``policykg serve`` was asked for."""

    graph_dir: Path
    host: str = "127.0.0.1"
    port: int = 7878
    writable: bool = False
    timeout: float = 30.0
    max_rows: int = 100_000
    workers: int = 2


class WorkerError(Exception):
    """An error a worker reports, with the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


# ------------------------------------------------------------------ workers

def _worker_main(conn: Any, store_dir: str, writable: bool) -> None:
    """Worker process: open the store once, then answer requests until the pipe closes."""
    from .store import open_store

    store = open_store(store_dir, read_only=not writable)
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok",) + _handle(store, op, *args))
        except WorkerError as e:
            conn.send(("error", e.status, str(e)))
        except Exception as e:  # noqa: BLE001 - report, keep serving
            conn.send(("error", 500, f"{type(e).__name__}: {e}"))


def _handle(store: Any, op: str, *args: Any) -> tuple[str, bytes, str]:
    """(content type, body, what to log) for one operation in a worker."""
    import pyoxigraph as ox
    from queries import NamedQuery

    from .query import QueryError, ResultTooLarge, run, write

    if op == "query":
        text, fmt, gfmt, limit = args
        try:  # the protocol has no parameters: a pasted named query's header is just comments
            res = run(NamedQuery("query", "", "", [], text), store, limit=limit)
        except ResultTooLarge as e:
            raise WorkerError(400, str(e)) from None
        except QueryError as e:
            raise WorkerError(400, str(e)) from None
        if res.kind == "construct":
            from .query import _to_ox

            triples = [ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in res.terms]
            mt = GRAPH_TYPES[gfmt]
            return mt, ox.serialize(triples, format=ox.RdfFormat.from_media_type(mt)), f"construct {len(res)} triples"
        what = "ask" if res.kind == "ask" else f"select {len(res)} rows"
        return RESULT_TYPES[fmt], write(res, fmt).encode("utf-8"), what
    if op == "update":
        (text,) = args
        try:
            store.update(text)
        except SyntaxError as e:
            raise WorkerError(400, f"syntax error: {e}") from None
        store.flush()
        return "text/plain", b"", "update"
    if op == "gsp_get":
        graph, gfmt = args
        target = ox.NamedNode(graph) if graph else None
        if target is not None and not store.contains_named_graph(target):
            raise WorkerError(404, f"no graph <{graph}>")
        quads = store.quads_for_pattern(None, None, None, target)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        mt = GRAPH_TYPES[gfmt]
        return mt, ox.serialize(triples, format=ox.RdfFormat.from_media_type(mt)), f"graph {len(triples)} triples"
    if op in ("gsp_put", "gsp_post", "gsp_delete"):
        graph, body, media_type = args
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        existed = graph is None or store.contains_named_graph(target)
        if op == "gsp_delete":
            if not existed:
                raise WorkerError(404, f"no graph <{graph}>")
            if graph:
                store.remove_graph(target)
            else:
                store.clear_graph(target)
        else:
            fmt = ox.RdfFormat.from_media_type(media_type.split(";")[0].strip())
            if fmt is None:
                raise WorkerError(415, f"unsupported media type {media_type!r}")
            if op == "gsp_put" and existed:
                store.clear_graph(target)
            try:
                store.load(body, format=fmt, to_graph=target)
            except SyntaxError as e:
                raise WorkerError(400, f"syntax error: {e}") from None
        store.flush()
        return "text/plain", b"", f"{op[4:]} {graph or 'default'}"
    raise WorkerError(400, f"unknown operation {op}")


class _Worker:
    def __init__(self, ctx: Any, store_dir: str, writable: bool):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, store_dir, writable), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class Endpoint:
    """A pool of store workers with a per-request deadline."""

    def __init__(self, cfg: ServerConfig):
        store = cfg.graph_dir / "store"
        if not store.is_dir():
            raise FileNotFoundError(f"{store}: no store here; run `policykg build` first")
        self.cfg = cfg
        self._ctx = mp.get_context("spawn")
        self._store = str(store)
        n = 1 if cfg.writable else max(1, cfg.workers)  # one writer may open the store
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(n):
            self._idle.put(None)  # started on first use
        threading.Thread(target=self._warm_up, args=(n,), daemon=True).start()

    def _warm_up(self, n: int) -> None:
        ws = [self._idle.get() for _ in range(n)]
        for w in ws:
            self._idle.put(w or self._spawn())

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self._store, self.cfg.writable)

    def call(self, op: str, *args: Any) -> tuple[str, bytes, str]:
        """Run ``op`` in a worker within the timeout; raise WorkerError on failure."""
        deadline = time.monotonic() + self.cfg.timeout
        try:
            w = self._idle.get(timeout=self.cfg.timeout)
        except queue.Empty:
            raise WorkerError(503, "all workers busy; try again later") from None
        if w is None or not w.proc.is_alive():
            w = self._spawn()
        try:
            w.conn.send((op, args))
            if not w.conn.poll(max(0.0, deadline - time.monotonic())):
                w.kill()
                w = None
                raise WorkerError(503, f"query timed out after {self.cfg.timeout:g} s")
            reply = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if w is not None:
                w.kill()
            w = None
            raise WorkerError(500, "the query worker died") from None
        finally:
            self._idle.put(w)
        if reply[0] == "error":
            raise WorkerError(reply[1], reply[2])
        return reply[1], reply[2], reply[3]

    def close(self) -> None:
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                return
            if w is not None:
                w.kill()


# ------------------------------------------------------------------ HTTP

def _negotiate(accept: str, choices: dict[str, str], default: str) -> str | None:
    """The key of ``choices`` whose media type ``accept`` prefers (None: nothing acceptable)."""
    if not accept.strip():
        return default
    best, best_q = None, 0.0
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        mt, q = bits[0].lower(), 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if mt in ("*/*", "application/*", "text/*"):
            key = default
        else:
            key = next((k for k, v in choices.items() if v == mt), None) or (
                _ALIASES.get(mt) if _ALIASES.get(mt) in choices else None)
        score = q - i * 1e-6  # earlier wins ties
        if key and q > 0 and score > best_q:
            best, best_q = key, score
    return best


class _Handler(BaseHTTPRequestHandler):
    server_version = "policykg-sparql/0.1"
    protocol_version = "HTTP/1.1"
    endpoint: Endpoint  # set on the subclass by make_server

    # -------------------------------------------------------------- plumbing
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/plain; charset=utf-8", what: str = "") -> None:
        self.send_response(status)
        self._cors()
        if body or status not in (204, 304):
            self.send_header("Content-Type", ctype if "charset" in ctype or not ctype.startswith("text/") else ctype + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        ms = (time.monotonic() - self._t0) * 1000
        log.info("%s %s %s %d %s %.0f ms", self.client_address[0], self.command, urlsplit(self.path).path, status, what, ms)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), what=message.splitlines()[0][:120])

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization")
        self.send_header("Access-Control-Max-Age", "86400")

    def _body(self, limit: int) -> bytes | None:
        n = int(self.headers.get("Content-Length") or 0)
        if n > limit:
            self._error(413, f"request body larger than {limit} bytes")
            return None
        return self.rfile.read(n) if n else b""

    def send_response(self, code: int, message: str | None = None) -> None:
        self.send_response_only(code, message)
        self.send_header("Server", self.version_string())
        self.send_header("Date", self.date_time_string())

    # -------------------------------------------------------------- verbs
    def do_OPTIONS(self) -> None:  # noqa: N802
        self._t0 = time.monotonic()
        self._send(204)

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        self._t0 = time.monotonic()
        url = urlsplit(self.path)
        qs = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/sparql":
            if "update" in qs:
                return self._error(400, "SPARQL Update must be sent by POST")
            if "query" not in qs:
                return self._error(400, "missing ?query= (SPARQL 1.1 Protocol)")
            return self._query(qs["query"][0], qs)
        if url.path == "/store":
            return self._gsp("get", qs, b"")
        if url.path in ("/", "/index.html"):
            return self._send(200, _page(self.endpoint.cfg).encode("utf-8"), "text/html; charset=utf-8", "page")
        if url.path == "/graph.html":
            f = self.endpoint.cfg.graph_dir / "graph.html"
            if not f.is_file():
                return self._error(404, "no graph.html in this build (built with --no-html?)")
            return self._send(200, f.read_bytes(), "text/html; charset=utf-8", "graph.html")
        self._error(404, f"not found: {url.path} (try /sparql or /)")

    def do_POST(self) -> None:  # noqa: N802
        self._t0 = time.monotonic()
        url = urlsplit(self.path)
        qs = parse_qs(url.query, keep_blank_values=True)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path == "/store":
            body = self._body(MAX_UPLOAD_BYTES)
            return None if body is None else self._gsp("post", qs, body)
        if url.path != "/sparql":
            return self._error(404, f"not found: {url.path}")
        body = self._body(MAX_QUERY_BYTES)
        if body is None:
            return None
        text = body.decode("utf-8", "replace")
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            if "update" in form:
                return self._update(form["update"][0])
            if "query" in form:
                return self._query(form["query"][0], {**qs, **form})
            return self._error(400, "form needs a query= or update= field")
        if ctype == "application/sparql-query":
            return self._query(text, qs)
        if ctype == "application/sparql-update":
            return self._update(text)
        self._error(415, f"unsupported Content-Type {ctype!r} (use application/sparql-query, "
                         "application/sparql-update or a form)")

    def do_PUT(self) -> None:  # noqa: N802
        self._t0 = time.monotonic()
        self._write_verb("put")

    def do_DELETE(self) -> None:  # noqa: N802
        self._t0 = time.monotonic()
        self._write_verb("delete")

    def _write_verb(self, verb: str) -> None:
        url = urlsplit(self.path)
        if url.path != "/store":
            return self._error(405, f"{self.command} is only allowed on /store")
        body = self._body(MAX_UPLOAD_BYTES)
        if body is not None:
            self._gsp(verb, parse_qs(url.query, keep_blank_values=True), body)

    # -------------------------------------------------------------- actions
    def _query(self, text: str, qs: dict[str, list[str]]) -> None:
        forced = (qs.get("format") or [""])[0].lower()
        accept = self.headers.get("Accept") or ""
        if forced:
            forced = _ALIASES.get(forced, forced)
            if forced not in RESULT_TYPES and forced not in GRAPH_TYPES:
                return self._error(400, f"unknown format {forced!r}")
        fmt = forced if forced in RESULT_TYPES else (_negotiate(accept, RESULT_TYPES, "json") or "json")
        gfmt = forced if forced in GRAPH_TYPES else (_negotiate(accept, GRAPH_TYPES, "turtle") or "turtle")
        self._run("query", text, fmt, gfmt, self.endpoint.cfg.max_rows)

    def _update(self, text: str) -> None:
        if not self.endpoint.cfg.writable:
            return self._error(403, "this endpoint is read-only: SPARQL Update refused (start with --writable)")
        self._run("update", text)

    def _gsp(self, verb: str, qs: dict[str, list[str]], body: bytes) -> None:
        graph = (qs.get("graph") or [None])[0]
        if graph is None and "default" not in qs:
            return self._error(400, "Graph Store Protocol needs ?graph=IRI or ?default")
        if verb == "get":
            gfmt = _negotiate(self.headers.get("Accept") or "", GRAPH_TYPES, "turtle")
            if gfmt is None:
                return self._error(406, "not acceptable: use " + ", ".join(GRAPH_TYPES.values()))
            return self._run("gsp_get", graph, gfmt)
        if not self.endpoint.cfg.writable:
            return self._error(403, f"this endpoint is read-only: Graph Store {verb.upper()} refused (start with --writable)")
        ctype = self.headers.get("Content-Type") or "application/n-triples"
        self._run(f"gsp_{verb}", graph, body, ctype)

    def _run(self, op: str, *args: Any) -> None:
        try:
            ctype, body, what = self.endpoint.call(op, *args)
        except WorkerError as e:
            return self._error(e.status, str(e))
        status = 204 if op in ("update", "gsp_put", "gsp_post", "gsp_delete") else 200
        self._send(status, body, ctype, what)


def make_server(cfg: ServerConfig) -> ThreadingHTTPServer:
    """An HTTP server for ``cfg`` (not yet serving); ``server.endpoint`` holds the workers."""
    endpoint = Endpoint(cfg)
    handler = type("Handler", (_Handler,), {"endpoint": endpoint})
    server = ThreadingHTTPServer((cfg.host, cfg.port), handler)
    server.daemon_threads = True
    server.endpoint = endpoint  # type: ignore[attr-defined]
    return server


def serve(cfg: ServerConfig) -> None:
    """Serve until interrupted."""
    server = make_server(cfg)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        server.endpoint.close()  # type: ignore[attr-defined]


# ------------------------------------------------------------------ page

def _page(cfg: ServerConfig) -> str:
    from queries import load, names

    examples = []
    for n in names():
        q = load(n)
        examples.append({"name": n, "title": q.title, "text": q.text,
                         "params": [{"name": p.name, "example": p.example, "required": p.required} for p in q.params]})
    graph_link = '<a href="/graph.html">graph view</a> · ' if (cfg.graph_dir / "graph.html").is_file() else ""
    mode = "read-write" if cfg.writable else "read-only"
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    return _PAGE.replace("{{GRAPH_LINK}}", graph_link).replace("{{MODE}}", html.escape(mode)).replace(
        "{{EXAMPLES}}", data).replace("{{LIMITS}}", f"timeout {cfg.timeout:g} s, at most {cfg.max_rows:,} rows")


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>policykg SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:1.2em auto;max-width:75em;padding:0 1em;color:#222}
textarea{width:100%;height:18em;font:13px/1.4 ui-monospace,monospace;box-sizing:border-box}
table{border-collapse:collapse;margin-top:1em;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3}#status{margin-left:1em;color:#555}.err{color:#b00;white-space:pre-wrap}pre{white-space:pre-wrap}
select,button{font-size:14px}small{color:#666}
</style></head><body>
<h1>policykg SPARQL endpoint</h1>
<p>{{GRAPH_LINK}}endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, {{MODE}}; {{LIMITS}}) · graph store: <code>/store</code>.
The default graph is the union of all named graphs. <small>Named queries with <code>$parameters</code> are loaded with
their examples bound by a <code>VALUES</code> line you can edit; the command line binds them with <code>--param</code>.</small></p>
<p><label>Named query <select id="examples"><option value="">—</option></select></label>
<label> results <select id="fmt"><option value="json">table (JSON)</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="xml">XML</option></select></label>
<button id="run">Run ▶</button><span id="status"></span></p>
<textarea id="q" spellcheck="false">SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?triples)</textarea>
<div id="out"></div>
<script>
const EXAMPLES = {{EXAMPLES}};
const $ = (id) => document.getElementById(id);
for (const e of EXAMPLES) { const o = document.createElement('option'); o.value = e.name; o.textContent = e.name + ' — ' + e.title; $('examples').appendChild(o); }
function lit(v) { return /^-?\\d+$/.test(v) ? v : JSON.stringify(v); }
$('examples').onchange = () => {
  const e = EXAMPLES.find(x => x.name === $('examples').value); if (!e) return;
  let text = e.text;
  const bound = e.params.filter(p => p.required && p.example);
  if (bound.length) {
    const values = 'VALUES (' + bound.map(p => '?' + p.name).join(' ') + ') { (' + bound.map(p => lit(p.example)).join(' ') + ') }';
    text = text.replace(/WHERE\\s*\\{/i, m => m + '\\n  ' + values);
  }
  $('q').value = text;
};
function cell(b) { if (!b) return ''; return b.type === 'uri' ? '<' + b.value + '>' : b.value; }
$('run').onclick = async () => {
  const fmt = $('fmt').value, t0 = performance.now();
  const accept = {json: 'application/sparql-results+json', csv: 'text/csv', tsv: 'text/tab-separated-values', xml: 'application/sparql-results+xml'}[fmt];
  $('status').textContent = 'running…'; $('out').innerHTML = '';
  try {
    const r = await fetch('/sparql', {method: 'POST', headers: {'Content-Type': 'application/sparql-query', 'Accept': accept + ', text/turtle;q=0.5'}, body: $('q').value});
    const text = await r.text(), ms = Math.round(performance.now() - t0);
    if (!r.ok) { $('status').textContent = r.status + ' (' + ms + ' ms)'; const d = document.createElement('div'); d.className = 'err'; d.textContent = text; $('out').appendChild(d); return; }
    const ct = r.headers.get('Content-Type') || '';
    if (ct.startsWith('application/sparql-results+json')) {
      const j = JSON.parse(text);
      if ('boolean' in j) { $('status').textContent = 'ASK → ' + j.boolean + ' (' + ms + ' ms)'; return; }
      const vars = j.head.vars, rows = j.results.bindings;
      $('status').textContent = rows.length + ' rows (' + ms + ' ms)';
      const table = document.createElement('table'), hr = table.insertRow();
      for (const v of vars) { const th = document.createElement('th'); th.textContent = v; hr.appendChild(th); }
      for (const b of rows) { const tr = table.insertRow(); for (const v of vars) tr.insertCell().textContent = cell(b[v]); }
      $('out').appendChild(table);
    } else { $('status').textContent = ms + ' ms'; const pre = document.createElement('pre'); pre.textContent = text; $('out').appendChild(pre); }
  } catch (e) { $('status').textContent = 'failed: ' + e; }
};
</script></body></html>
"""
