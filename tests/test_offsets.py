"""Every mention's text equals the source at its offsets, over every fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract
from extractors.text import clean
from kg.samples import SAMPLE_FILES

DEV = Path(__file__).parent / "fixtures" / "dev"
FILES = sorted(DEV.glob("d*.txt")) + list(SAMPLE_FILES)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_mention_text_is_source_slice(path):
    text = path.read_text(encoding="utf-8")
    ex = extract(text)
    mentions = [*ex.numbers, *ex.titles, *ex.articles]
    assert mentions, "every fixture has mentions"
    for m in mentions:
        assert text[m.start:m.end] == m.text, m
        assert 0 <= m.start < m.end <= len(text)
    for p in ex.pairs:
        assert text[p.title.start:p.title.end] == p.title.text
    for r in ex.repeals:
        assert text[r.start:r.end].strip() == r.evidence


def test_mentions_spanning_line_breaks_keep_them():
    text = (SAMPLE_FILES[0]).read_text(encoding="utf-8")
    ex = extract(text)
    spanning = [m for m in [*ex.numbers, *ex.titles, *ex.articles] if "\n" in m.text]
    assert {m.text for m in spanning} >= {"澄\n\n政办发〔2020〕38号", "第七十\n\n八条", "玉溪市人民政府公告\n\n第 49 号"}


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "— 11 —", "abc", "《", "》", "〔2019〕", "第条"])
def test_clean_view_of_degenerate_text(text):
    ct = clean(text)
    for i in range(len(ct.clean)):
        assert ct.text[ct.origin(i)] in (ct.clean[i], "[", "]", "（", "）", "(", ")") or ord(ct.text[ct.origin(i)]) > 0xFF00
    extract(text)  # never raises


def test_clean_view_folds_and_maps_back():
    text = "依据（玉政\r\n\r\n办发［２０１９］　１４号）\n— 3 —\n第七十\n八条"
    ct = clean(text)
    assert ct.clean == "依据（玉政办发〔2019〕14号）第七十八条"
    s = ct.clean.index("玉政")
    e = ct.clean.index("号") + 1
    assert ct.original(s, e) == "玉政\r\n\r\n办发［２０１９］　１４号"
    assert ct.line_start(ct.clean.index("办发"))
    assert not ct.line_start(ct.clean.index("政办"))
