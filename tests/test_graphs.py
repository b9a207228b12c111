"""The networkx view: citation sentences, and the graph as add_node / add_edge would build it."""

from __future__ import annotations

import random
import re

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.graphs import _multidigraph, _without_line_breaks, citation_sentence

_END = "。；！？;!?"
_HEADING_BEFORE = re.compile(r"(?:\A|\n)\s*[一二三四五六七八九十]+、[^\n。；]{0,20}\n")
_HEADING_AFTER = re.compile(r"\n\s*[一二三四五六七八九十]+、")


def reference_sentence(text: str, start: int, end: int, reach: int = 300, longest: int = 360) -> str:
    """citation_sentence as it was first written: slices of the text, scanned at every position."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    left, right = text[lo:start], text[end:hi]
    b = max((left.rfind(c) + 1 for c in _END), default=0)
    for m in _HEADING_BEFORE.finditer(left):
        b = max(b, m.end())
    if b == 0 and lo > 0:
        b = -1
    e = min((i + 1 for i in (right.find(c) for c in _END) if i >= 0), default=-1)
    m = _HEADING_AFTER.search(right, 0, len(right) if e < 0 else e)
    if m:
        e = m.start()
    if e < 0 and hi == len(text):
        e = len(right)
    if b < 0 or e < 0 or (len(left) - b) + (end - start) + e > longest:
        half = longest // 2
        b = max(b, len(left) - half, 0)
        e = min(len(right) if e < 0 else e, half)
    head = ("…" if b > 0 and left[b - 1] not in _END and not left[:b].endswith("\n") else "") + left[b:]
    tail = right[:e] + ("…" if e < len(right) and right[e - 1:e] not in _END and right[e:e + 1] != "\n" else "")
    return re.sub(r"\s*\n\s*", "", head + text[start:end] + tail).strip().replace("‖", "|")


@pytest.mark.parametrize("text, mention, sentence", [
    ("一、项目名称\n补助资金。\n二、立项依据\n依据《管理办法》（澄医保发〔2021〕7号）文件。\n三、项目实施单位\n",
     "《管理办法》", "依据《管理办法》（澄医保发〔2021〕7号）文件。"),
    # a heading ends the sentence; line breaks and the white space around them go
    ("二、立项依据\n根据《预算法》和\n《社会保险法》\n三、项目实施单位\n本局", "《预算法》",
     "根据《预算法》和《社会保险法》"),
    ("根据\n  《办法》\n  执行", "《办法》", "根据《办法》执行"),
    # two heading lines in a row: the line break ending the first does not start the second
    ("\n一、甲\n二、乙\n根据《办法》执行", "《办法》", "二、乙根据《办法》执行"),
    ("上文。根据《办法‖细则》执行；下文", "《办法‖细则》", "根据《办法|细则》执行；"),
    # no sentence end within reach: 180 characters each side, marked as cut
    ("前文" + "很" * 400 + "根据《办法》执行" + "长" * 400, "《办法》",
     "…" + "很" * 178 + "根据《办法》执行" + "长" * 178 + "…"),
])
def test_citation_sentence_table(text, mention, sentence):
    start = text.index(mention)
    assert citation_sentence(text, start, start + len(mention)) == sentence
    assert reference_sentence(text, start, start + len(mention)) == sentence


# Text dense in what bounds a sentence: headings (also adjacent ones), breaks, white space, ends
PIECES = st.sampled_from(["\n", "\n", " ", "\u3000", "\t", "\r", "\xa0", "一", "二", "十", "、", "。", "；", "?", "!",
                          "x", "字", "‖", "\n二、标题\n", "\n 三、", "四、立项依据\n",
                          "\n\n一、" + "很长" * 10 + "的标题\n"])  # too long for a heading line


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=80).map("".join), st.data(),
       st.sampled_from([(300, 360), (12, 16), (5, 8), (30, 20), (2, 100)]))
def test_citation_sentence_as_reference(text, data, limits):
    reach, longest = limits
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 8)))
    assert citation_sentence(text, start, end, reach, longest) == reference_sentence(text, start, end, reach, longest)


@given(st.lists(st.sampled_from(["\n", " ", "\u3000", "\t", "\r", "\x1c", "\u2028", "a", "字"]), max_size=30)
       .map("".join))
def test_without_line_breaks(s):
    assert _without_line_breaks(s) == re.sub(r"\s*\n\s*", "", s)


def test_multidigraph_as_add_edge():
    """Node order, adjacency order, keys, attributes and predecessors as one add_node / add_edge call each."""
    rng = random.Random(7)
    names = [f"n{i}" for i in range(12)]
    nodes: dict[str, dict] = {}
    edges = []
    expected = nx.MultiDiGraph()
    for i in range(300):
        if rng.random() < 0.3:
            n, attr = rng.choice(names), {"kind": rng.choice("ab"), f"x{rng.randrange(3)}": i}
            nodes.setdefault(n, {}).update(attr)
            expected.add_node(n, **attr)
        else:
            u, v, attr = rng.choice(names), rng.choice(names), {"kind": "e", "i": i}  # parallel edges, self-loops
            nodes.setdefault(u, {})
            nodes.setdefault(v, {})
            edges.append((u, v, attr))
            expected.add_edge(u, v, **attr)
    g = _multidigraph(nodes, edges)
    assert list(g.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(g.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert list(g.in_edges(keys=True, data=True)) == list(expected.in_edges(keys=True, data=True))
    assert {n: list(g.pred[n]) for n in g} == {n: list(expected.pred[n]) for n in expected}
    g.add_edge("n0", "n1")  # still a working graph
    assert g.number_of_edges() == expected.number_of_edges() + 1
