"""The union of the named graphs: which lines of each graph repeat a triple of an earlier graph.

``graph.ttl`` holds every triple of ``graph.nq`` once, in file order, so a graph's
share of it is its triples less those an earlier graph already stated (a relation
stated by two texts, a declared repeal a text also states).  Such repeats are rare,
and comparing every line of every graph with all the lines before it was the
largest part of writing graph.nq.  Two lines can only state the same triple when
they share their subject and predicate, so each graph is described by its
*screen keys* and only the lines whose key an earlier graph also has are compared:

* for an entity a graph owns (its disclosure or source document, its
  project-years: IRIs under ``disclosure/``, ``source/`` and ``project/``), the
  subject alone (one key for a project-year's dozen lines);
* for everything else (works, articles, bodies, series: any graph may say
  something about them), subject and predicate;
* citation nodes are never compared: their IRIs hold the citing source's name,
  so no two graphs share one.

Keys are 6-byte digests, kept per graph in the build's manifest, so that a graph
copied from the previous output is screened without reading its lines; when a
later graph shares a key, the earlier graph's lines are read back then
(:class:`UnionScreen` is given a function for that).  A digest collision only
costs a comparison, never a wrong answer: the lines themselves are compared by
16-byte digests of their triples, as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

__all__ = ["UnionScreen", "screen_keys", "owned_prefixes", "triple_of", "KEY_BYTES"]

KEY_BYTES = 6  # digest size of a screen key


def _digest(key: bytes) -> bytes:
    return hashlib.blake2b(key, digest_size=KEY_BYTES).digest()


def owned_prefixes(base: str) -> tuple[bytes, ...]:
    """Subjects (as they start an N-Quads line) that belong to one source graph."""
    return tuple(f"<{base}{kind}/".encode("utf-8") for kind in ("disclosure", "source", "project"))


def _screen(line: bytes, owned: tuple[bytes, ...]) -> bytes:
    s = line.index(b" ")
    if line.startswith(owned):
        return line[:s]
    return line[:line.index(b" ", s + 1)]


def screen_keys(lines: Iterable[bytes], owned: tuple[bytes, ...]) -> set[bytes]:
    """The screen keys (digests) of non-citation N-Quads lines."""
    return {_digest(k) for k in {_screen(line, owned) for line in lines}}


def triple_of(line: bytes) -> bytes:
    """An N-Quads line without its graph: the N-Triples line of its triple."""
    return line[: line.rindex(b" <")] + b" .\n"


class UnionScreen:
    """Graph by graph in file order: the line numbers of each graph that repeat a triple of an
    earlier graph.

    ``fetch(i)`` gives the non-citation lines of the ``i``-th graph already screened, with
    their line numbers (it is asked only when a later graph shares one of its keys)."""

    def __init__(self, owned: tuple[bytes, ...], fetch: Callable[[int], Sequence[tuple[int, bytes]]]) -> None:
        self._owned = owned
        self._fetch = fetch
        self._graphs_of: dict[bytes, list[int]] = {}  # key → graphs with lines of that key, in order
        self._compared: set[tuple[bytes, int]] = set()  # (key, graph) whose triples are in _seen
        self._seen: set[bytes] = set()  # digests of the triples compared so far
        self._count = 0

    def clear(self, keys: Iterable[bytes]) -> bool:
        """No earlier graph has any of ``keys``: the next graph repeats nothing."""
        return not any(k in self._graphs_of for k in keys)

    def add(self, keys: Iterable[bytes], lines: Callable[[], Sequence[tuple[int, bytes]]]) -> list[int]:
        """Screen the next graph (its ``keys``; ``lines()`` gives its numbered non-citation lines,
        asked only when it shares a key): the numbers of its lines that repeat an earlier triple."""
        i = self._count
        self._count += 1
        keys = set(keys)
        shared = {k for k in keys if k in self._graphs_of}
        dropped: list[int] = []
        if shared:
            for k in shared:
                for j in self._graphs_of[k]:
                    if (k, j) not in self._compared:
                        self._remember(j, k)
            for n, line in lines():
                if _digest(_screen(line, self._owned)) in shared:
                    t = hashlib.blake2b(triple_of(line), digest_size=16).digest()
                    if t in self._seen:
                        dropped.append(n)
                    else:
                        self._seen.add(t)
            self._compared.update((k, i) for k in shared)
        for k in keys:
            self._graphs_of.setdefault(k, []).append(i)
        return dropped

    def _remember(self, j: int, key: bytes) -> None:
        """Put the triples of graph ``j``'s lines with ``key`` into the seen set."""
        for _, line in self._fetch(j):
            if _digest(_screen(line, self._owned)) == key:
                self._seen.add(hashlib.blake2b(triple_of(line), digest_size=16).digest())
        self._compared.add((key, j))
