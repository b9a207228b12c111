"""The union screen (kg.union): which lines of each graph repeat a triple of an earlier graph.

It must drop exactly what comparing every line with every earlier line drops, while
reading an earlier graph's lines only when a later graph shares one of its keys."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.union import UnionScreen, owned_prefixes, screen_keys, triple_of

BASE = "https://w3id.org/policykg/id/"
OWNED = owned_prefixes(BASE)
SUBJECTS = [f"<{BASE}project/2021-p{i}>" for i in range(3)] + [f"<{BASE}work/w{i}>" for i in range(3)] + \
    [f"<{BASE}disclosure/2021-d{i}>" for i in range(2)]
PREDICATES = ["<http://purl.org/dc/terms/title>", "<https://w3id.org/policykg/ns#promulgates>",
              "<http://data.europa.eu/eli/ontology#repeals>"]
OBJECTS = ['"a"', '"b"', f"<{BASE}work/w9>"]


def brute_force(graphs: list[list[bytes]]) -> list[list[int]]:
    """Every non-citation line compared with every earlier graph's lines (the former writer)."""
    seen: set[bytes] = set()
    out = []
    for lines in graphs:
        dropped = []
        for k, line in enumerate(lines):
            if b"/citation/" in line[: line.index(b" ")]:
                continue
            t = triple_of(line)
            if t in seen:
                dropped.append(k)
            else:
                seen.add(t)
        out.append(dropped)
    return out


def screened(graphs: list[list[bytes]]) -> tuple[list[list[int]], list[int]]:
    """The screen's answer, and which graphs it read back."""
    fetched: list[int] = []

    def numbered(i: int) -> list[tuple[int, bytes]]:
        return [(k, line) for k, line in enumerate(graphs[i]) if b"/citation/" not in line[: line.index(b" ")]]

    def fetch(i: int) -> list[tuple[int, bytes]]:
        fetched.append(i)
        return numbered(i)

    screen = UnionScreen(OWNED, fetch)
    out = []
    for i in range(len(graphs)):
        lines = numbered(i)
        out.append(screen.add(screen_keys((line for _, line in lines), OWNED), lambda lines=lines: lines))
    return out, fetched


def graph(name: str, triples: list[tuple[str, str, str]]) -> list[bytes]:
    g = f"<{BASE}graph/source/{name}>"
    return sorted({f"{s} {p} {o} {g} .\n".encode() for s, p, o in triples})


P, W = SUBJECTS[0], SUBJECTS[3]
TITLE, PROMULGATES = PREDICATES[0], PREDICATES[1]
CITATION = f"<{BASE}citation/c1>"

CASES = [
    # (graphs as triples, dropped line numbers per graph, graphs read back)
    ([[(P, TITLE, '"a"')], [(W, TITLE, '"a"')]], [[], []], []),
    # the same project-year stated by two texts: every repeated line goes
    ([[(P, TITLE, '"a"'), (P, PROMULGATES, '"x"')], [(P, TITLE, '"a"'), (P, PROMULGATES, '"y"')]],
     [[], [0]], [0]),  # (lines sort: the title line is line 0)
    # the same relation stated twice: subject and predicate shared, the triple too
    ([[(W, PROMULGATES, OBJECTS[2])], [(W, PROMULGATES, OBJECTS[2])]], [[], [0]], [0]),
    # the same work, another predicate: the screen tells them apart without reading
    ([[(W, PROMULGATES, OBJECTS[2])], [(W, TITLE, '"a"')]], [[], []], []),
    # citation nodes are never compared
    ([[(CITATION, TITLE, '"a"')], [(CITATION, TITLE, '"a"')]], [[], []], []),
]


def test_cases():
    for triples, dropped, fetched in CASES:
        graphs = [graph(f"g{i}", t) for i, t in enumerate(triples)]
        got, read = screened(graphs)
        assert got == dropped == brute_force(graphs), triples
        assert read == fetched, triples


triple = st.tuples(st.sampled_from(SUBJECTS + [CITATION]), st.sampled_from(PREDICATES), st.sampled_from(OBJECTS))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.lists(triple, max_size=8), min_size=1, max_size=6))
def test_the_screen_drops_what_comparing_every_line_drops(triples):
    graphs = [graph(f"g{i}", t) for i, t in enumerate(triples)]
    assert screened(graphs)[0] == brute_force(graphs)
