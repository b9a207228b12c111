"""The same disclosures in every input format give the same graph.

The two samples are written as a typeset PDF (running header, page numbers,
lines wrapped inside titles and numbers), a Word file, a portal web page in
GBK, and GBK / UTF-16 / UTF-8-with-BOM text.  Each corpus must yield the same
citations (work, project, year, section, kind, article), the same projects and
the same facts as the plain text; offsets index the extracted text kept with
the build, so every quote still checks.
"""

from __future__ import annotations

import pytest

from kg import build_model
from kg.samples import SAMPLE_FILES
from makedocs import make_docx, make_html, make_pdf, write_text

FORMATS = {
    "pdf": lambda text, path: make_pdf(text, path.with_suffix(".pdf"), header="澄江市医疗保障局预算公开"),
    "docx": lambda text, path: make_docx(text, path.with_suffix(".docx")),
    "html-gbk": lambda text, path: make_html(text, path.with_suffix(".html"), "gbk", declared_charset="gb2312"),
    "txt-gbk": lambda text, path: write_text(text, path.with_suffix(".txt"), "gbk"),
    "txt-utf16": lambda text, path: write_text(text, path.with_suffix(".txt"), "utf-16-le-bom"),
    "txt-utf8-bom": lambda text, path: write_text(text, path.with_suffix(".txt"), "utf-8-bom"),
}


def reading(result):
    """What a researcher reads from a build, independent of format and offsets."""
    c = result.corpus
    projects = {p.id: p for p in c.project_years}
    citations = sorted(
        (c.works[x.work].label, projects[x.citing].name if x.citing in projects else None,
         projects[x.citing].year if x.citing in projects else None, x.section, x.kind, x.article or "")
        for x in c.citations
    )
    project_rows = sorted((p.year, p.no, p.name, p.unit, str(p.amount_wan), p.period) for p in c.project_years)
    works = sorted(
        (w.label, w.number, w.title, tuple(w.issuers), w.adopted, w.in_force, tuple(sorted(w.articles)))
        for w in c.works.values()
    )
    relations = sorted((r.kind, r.subject, r.object, r.origin) for r in c.relations)
    series = sorted((s.issuer, s.name) for s in c.series.values())
    return {"citations": citations, "projects": project_rows, "works": works, "relations": relations,
            "series": series}


@pytest.fixture(scope="module")
def plain():
    return reading(build_model([str(p) for p in SAMPLE_FILES]))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_reads_the_same(tmp_path, plain, fmt):
    paths = []
    for sample in SAMPLE_FILES:
        text = sample.read_text(encoding="utf-8")
        paths.append(FORMATS[fmt](text, tmp_path / sample.stem))
    result = build_model([str(p) for p in paths])
    assert result.skipped == []
    assert [s.format for s in result.corpus.sources] == [paths[0].suffix.lstrip(".")] * 2
    got = reading(result)
    for key in plain:
        assert got[key] == plain[key], key
    # Offsets index the extracted text the build keeps.
    for c in result.corpus.citations:
        src = result.corpus.source(c.source)
        assert src.text[c.start:c.end] == c.exact


def test_the_pdf_build_keeps_the_extracted_text(tmp_path):
    from kg import build

    pdf = make_pdf(SAMPLE_FILES[1].read_text(encoding="utf-8"), tmp_path / "d.pdf")
    result = build([str(pdf)], tmp_path / "out", use_cache=False, html=False)
    src = result.corpus.sources[0]
    kept = (tmp_path / "out" / "texts" / f"{src.id}.txt").read_text(encoding="utf-8")
    assert kept == src.text
    assert all(kept[c.start:c.end] == c.exact for c in result.corpus.citations)
    assert len(result.corpus.citations) > 10
