"""Named SPARQL queries: one ``.rq`` file per researcher question.

Each file starts with a header of ``#`` comment lines, then the query::

    # title: Who cites a given number
    # answers: Which projects cite the work with this canonical number, in
    #   which budget year and section, with which exact words?
    # param: $number — canonical document number, e.g. 云医保〔2019〕45号
    # param: $year (integer, optional) — budget year, e.g. 2021
    PREFIX …
    SELECT …

Header lines are ``# key: value``; a line ``#`` followed by two or more spaces
continues the previous line.  Keys:

``title``
    one line, shown by ``policykg query --list``.
``answers``
    the question the query answers (the description).
``param``
    ``$NAME [(TYPE[, optional])] — DESCRIPTION, e.g. EXAMPLE``.  The separator
    is an em dash ``—`` or `` -- ``.  TYPE is how the value is bound: ``string``
    (a plain literal, the default), ``integer``, ``decimal``, ``date``
    (``xsd:date``) or ``iri``.  The example follows the last ``e.g.``.  A
    parameter is required unless marked ``optional``; an optional parameter
    left out stays an unbound variable, so the query answers for every value.

Parameters are bound as RDF terms by :func:`kg.query.run` (Oxigraph
substitutions, rdflib ``initBindings``), never pasted into the query text.
The header ends at the first line that is not a ``#`` comment.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["QUERIES_DIR", "PARAM_TYPES", "Param", "NamedQuery", "names", "load", "parse"]

QUERIES_DIR = Path(__file__).resolve().parent
PARAM_TYPES = ("string", "integer", "decimal", "date", "iri")

_KEY = re.compile(r"#\s?(title|answers|param)\s*:\s*(.*)$")
_CONT = re.compile(r"#\s{2,}(\S.*)$")
_PARAM = re.compile(
    r"\$(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?P<opts>[^)]*)\))?\s*(?:—|--)\s*(?P<rest>.*)$"
)


@dataclass(frozen=True)
class Param:
    """A query parameter: the variable ``?name`` bound to a value of ``type``."""

    name: str
    example: str
    description: str
    type: str = "string"
    required: bool = True


@dataclass(frozen=True)
class NamedQuery:
    """A parsed ``.rq`` file."""

    name: str
    title: str
    description: str
    params: list[Param] = field(default_factory=list)
    text: str = ""

    def param(self, name: str) -> Param | None:
        """The declared parameter ``name`` (without ``$``), or None."""
        return next((p for p in self.params if p.name == name), None)


def names() -> list[str]:
    """The names of the bundled queries, sorted."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))


def load(name_or_path: str | os.PathLike) -> NamedQuery:
    """A bundled query by name (``who_cites``) or any ``.rq`` file by path."""
    s = str(name_or_path)
    path = Path(s)
    if not (s.endswith(".rq") or os.sep in s or "/" in s):
        path = QUERIES_DIR / f"{s}.rq"
        if not path.is_file():
            raise KeyError(f"no named query {s!r}; known: {', '.join(names())}")
    elif not path.is_file():
        raise FileNotFoundError(f"{path}: no such query file")
    return parse(path.read_text(encoding="utf-8"), name=path.stem)


def parse(text: str, name: str = "query") -> NamedQuery:
    """Parse a query's header (see the module docstring)."""
    fields: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        if m := _KEY.match(line):
            fields.append((m.group(1), m.group(2).strip()))
        elif (m := _CONT.match(line)) and fields:
            key, value = fields[-1]
            fields[-1] = (key, f"{value} {m.group(1).strip()}".strip())
    title = next((v for k, v in fields if k == "title"), name)
    answers = " ".join(v for k, v in fields if k == "answers")
    params = [_param(v, name) for k, v in fields if k == "param"]
    return NamedQuery(name=name, title=title, description=answers, params=params, text=text)


def _param(spec: str, query: str) -> Param:
    m = _PARAM.match(spec)
    if not m:
        raise ValueError(f"{query}: bad param line {spec!r} (want: $name (type, optional) — description, e.g. example)")
    opts = [o.strip() for o in (m.group("opts") or "").split(",") if o.strip()]
    types = [o for o in opts if o in PARAM_TYPES]
    unknown = [o for o in opts if o not in PARAM_TYPES and o != "optional"]
    if unknown or len(types) > 1:
        raise ValueError(f"{query}: bad options {m.group('opts')!r} for ${m.group('name')}")
    rest = m.group("rest").strip()
    desc, sep, example = rest.rpartition("e.g.")
    if not sep:
        desc, example = rest, ""
    return Param(
        name=m.group("name"),
        example=example.strip(),
        description=desc.strip().rstrip(",;").strip(),
        type=types[0] if types else "string",
        required="optional" not in opts,
    )
