"""Tests of the input layer (extractors/reading.py) on real files generated at test time.

Every document is written by tests/makedocs.py (reportlab, python-docx, plain
HTML, encoded text) into ``tmp_path``; nothing is mocked.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest

from extractors.reading import (
    DEFAULT_MAX_BYTES,
    ReadError,
    SourceText,
    decode_bytes,
    extract_html_text,
    iter_corpus,
    read_source,
)
from makedocs import (
    CHROME_TEXTS,
    TEXT_ENCODINGS,
    encode_text,
    make_docx,
    make_encrypted_pdf,
    make_html,
    make_image_only_pdf,
    make_pdf,
    pdf_bytes,
    squeeze,
    write_text,
)

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "kg" / "samples").glob("*.txt"))
PAGE_NUMBER_LINE = re.compile(r"^\s*—\s*\d+\s*—\s*$")

# Exercises what the decoding ladder must keep: CRLF, U+3000 indentation, a
# GBK-only character (镕, not in GB2312), nested title brackets, padded digits.
GBK_TEXT = (
    "澄江市医疗保障局 2021 年预算重点领域\r\n"
    "　　依据《云南省医疗保障局关于印发<云南省欺诈骗取医疗保障基金行为举报奖励实施细则（试行）>的通知》"
    "（云医保〔2019〕45号）。\r\n"
    "朱镕基同志题词。\n"
)
UNICODE_TEXT = GBK_TEXT + "不间断\u00a0空格与 emoji 😀，U+3000：「　」。\n"


def sample_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def without_page_numbers(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not PAGE_NUMBER_LINE.match(line))


def assert_one_line_error(excinfo: pytest.ExceptionInfo, path: Path | str, reason: str) -> None:
    message = str(excinfo.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: "), message
    assert reason in message, message
    assert "Traceback" not in message


# --------------------------------------------------------------------------- #
# The PDF generator itself
# --------------------------------------------------------------------------- #


def test_reportlab_cid_font_round_trips(tmp_path):
    """STSong-Light (reportlab's built-in CID font) extracts back to the same CJK text with pypdfium2."""
    import pypdfium2 as pdfium

    chars = sorted({ch for path in SAMPLES for ch in sample_text(path) if not ch.isspace()} | set("镕　"))
    text = "\n".join("".join(chars[i : i + 30]) for i in range(0, len(chars), 30))
    document = pdfium.PdfDocument(pdf_bytes(text, page_number=None))
    try:
        extracted = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
    assert squeeze(extracted) == squeeze(text)


# --------------------------------------------------------------------------- #
# Text decoding
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("variant", list(TEXT_ENCODINGS))
def test_each_encoding_gives_the_exact_text(tmp_path, variant):
    text = GBK_TEXT if variant == "gbk" else UNICODE_TEXT
    path = write_text(text, tmp_path / f"{variant}.txt", variant)
    source = read_source(path)
    assert source.text == text  # exact: CRLF, U+3000, NBSP kept, BOM removed
    assert source.encoding == TEXT_ENCODINGS[variant][2]
    assert source.format == "txt"
    assert source.path == str(path)
    assert source.warnings == ()


def test_decode_bytes_prefers_gb18030_over_a_detector():
    title = "澄江市医疗保障局部门".encode("gbk")[:17]  # odd length: ends inside a character
    text, encoding = decode_bytes("澄江市医疗保障局".encode("gbk") + b"x")  # 17 bytes, a detector says Korean
    assert (text, encoding) == ("澄江市医疗保障局x", "gb18030")
    assert decode_bytes(title)[0] == "澄江市医疗保障局"  # incomplete 9th character dropped
    assert decode_bytes("朱镕基".encode("gbk")) == ("朱镕基", "gb18030")
    assert decode_bytes(b"plain ascii") == ("plain ascii", "utf-8")
    assert decode_bytes("中文\r\n".encode("utf-8")) == ("中文\r\n", "utf-8")


def test_sample_disclosures_read_exactly():
    for path in SAMPLES:
        source = read_source(path)
        assert source.text == path.read_bytes().decode("utf-8")
        assert source.encoding == "utf-8"


def test_utf16_without_bom_and_truncated_utf8_warn(tmp_path):
    path = tmp_path / "nobom.txt"
    path.write_bytes("Budget 2021 预算 report\n".encode("utf-16-le"))
    source = read_source(path)
    assert source.text == "Budget 2021 预算 report\n"
    assert source.encoding == "utf-16-le"
    assert any("no byte-order mark" in w for w in source.warnings)

    cut = tmp_path / "cut.txt"
    cut.write_bytes("预算公开".encode("utf-8")[:-1])
    source = read_source(cut)
    assert source.text == "预算公"
    assert source.warnings and source.warnings[0].startswith(f"{cut}: truncated utf-8 character")


def test_content_decides_the_format(tmp_path):
    pdf_named_txt = make_pdf("预算公开文本", tmp_path / "really-a-pdf.txt")
    assert read_source(pdf_named_txt).format == "pdf"

    error_page = tmp_path / "download.pdf"  # what a portal returns instead of the PDF
    error_page.write_text("<!DOCTYPE html><html><body><p>404 页面不存在</p></body></html>", encoding="utf-8")
    source = read_source(error_page)
    assert source.format == "html"
    assert source.text == "404 页面不存在"
    assert any(w.startswith(f"{error_page}: content is HTML") for w in source.warnings)

    no_extension = tmp_path / "README"
    no_extension.write_text("<p>第一段</p>\n<p>第二段</p>", encoding="utf-8")
    assert read_source(no_extension).text == "第一段\n第二段"


# --------------------------------------------------------------------------- #
# Round trips of the sample disclosures through PDF, DOCX and HTML
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_samples_round_trip(tmp_path, sample, fmt):
    text = sample_text(sample)
    path = tmp_path / f"{sample.stem}.{fmt}"
    {"pdf": make_pdf, "docx": make_docx, "html": make_html}[fmt](text, path)
    source = read_source(path)
    assert source.format == fmt
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    # PDF extraction removes page-number lines, the ones we add and the sample's own "— 11 —".
    expected = without_page_numbers(text) if fmt == "pdf" else text
    assert squeeze(source.text) == squeeze(expected)
    # Every citation-bearing line keeps its CJK content (and its order).
    extracted = squeeze(source.text)
    position = 0
    for line in expected.splitlines():
        if "《" in line or "〔" in line:
            found = extracted.find(squeeze(line), position)
            assert found >= 0, line
            position = found
    if fmt == "pdf":
        assert source.encoding is None
        assert not any(PAGE_NUMBER_LINE.match(line) for line in source.text.split("\n"))
        assert "\r" not in source.text


@pytest.mark.parametrize(
    "style",
    ["— {n} —", "- {n} -", "第 {n} 页", "第{n}页 共{total}页", "{n}/{total}", "{n}"],
)
def test_pdf_page_numbers_and_running_headers_removed(tmp_path, style):
    text = sample_text(SAMPLES[-1])
    header = "澄江市医疗保障局2022年部门预算公开"
    footer = "云南省澄江市财政局监制"
    path = make_pdf(text, tmp_path / "doc.pdf", page_number=style, header=header, footer=footer)
    source = read_source(path)
    assert squeeze(source.text) == squeeze(text)
    assert header not in source.text and footer not in source.text
    pages = source.text.count("\n") // 20 + 40  # more than enough page numbers to look for
    numbers = {style.format(n=n, total=t) for n in range(1, pages) for t in range(1, pages)}
    assert not numbers & {line.strip() for line in source.text.split("\n")}
    assert source.warnings == ()


def test_pdf_lines_are_not_joined(tmp_path):
    text = "依据《云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知》（云医保〔2019〕128号）文件。\n第二行"
    source = read_source(make_pdf(text, tmp_path / "wrap.pdf", chars_per_line=20))
    lines = source.text.split("\n")
    assert len(lines) == 4  # 52 characters wrapped at 20 → 3 lines, plus the second line
    assert lines[-1] == "第二行"
    assert "".join(lines) == squeeze(text)


# --------------------------------------------------------------------------- #
# HTML
# --------------------------------------------------------------------------- #


def test_html_chrome_dropped_and_entities_decoded(tmp_path):
    text = sample_text(SAMPLES[0])
    source = read_source(make_html(text, tmp_path / "page.html"))
    for chrome in CHROME_TEXTS:
        assert chrome not in source.text
    assert "&lt;" not in source.text and "&gt;" not in source.text
    assert "关于印发<云南" in source.text
    assert "实施细则（试行）>" in source.text
    assert all(line == line.rstrip() and line.strip() for line in source.text.split("\n"))


def test_html_declared_gb2312_with_gbk_only_character(tmp_path):
    path = make_html(GBK_TEXT, tmp_path / "gbk.htm", encoding="gbk", declared_charset="gb2312")
    source = read_source(path)
    assert source.encoding == "gb18030"
    assert "朱镕基同志题词。" in source.text
    assert squeeze(source.text) == squeeze(GBK_TEXT)
    assert source.warnings == ()


def test_html_declared_utf8_but_gbk_bytes(tmp_path):
    path = make_html(GBK_TEXT, tmp_path / "liar.html", encoding="gbk", declared_charset="utf-8")
    source = read_source(path)
    assert source.encoding == "gb18030"
    assert "朱镕基" in source.text
    assert any("declared charset utf-8 does not match" in w for w in source.warnings)


def test_html_gbk_string_cut_mid_character_is_decoded_like_a_browser(tmp_path):
    cut = "关于印发预算的通知".encode("gbk")[:-1]  # a CMS cut the last character in half
    path = make_html("正文第一段。", tmp_path / "cut.html", encoding="gbk", declared_charset="gb2312",
                     extra_body=["<p>相关：@CUT@</p>"])
    path.write_bytes(path.read_bytes().replace(b"@CUT@", cut))
    source = read_source(path)
    assert source.encoding == "gb18030"
    assert source.text.split("\n") == ["正文第一段。", "相关：关于印发预算的通\ufffd"]
    assert source.warnings == (f"{path}: 1 invalid gb18030 byte sequence(s) replaced with U+FFFD",)
    # A plain text file gets no such leniency: the ladder ends in an error.
    text_file = tmp_path / "cut.txt"
    text_file.write_bytes(cut + "。后文".encode("gbk") + b"\x81\xff\xfe\x80" * 3)
    with pytest.raises(ReadError, match="undecodable bytes"):
        read_source(text_file)


def test_html_line_breaks_entities_and_tables():
    html = (
        "<html><body><h2>标题&amp;说明</h2><div>第一行<br>第二行&nbsp;&nbsp; </div>"
        "<ul><li>甲</li><li>乙</li></ul><table><tr><td>单元1</td><td>单元2</td></tr>"
        "<tr><th>单元3</th><td>  </td></tr></table><p>a &lt;b&gt; <span>c</span>\n   d</p>"
        "<pre>保留  两个空格</pre></body></html>"
    )
    assert extract_html_text(html).split("\n") == [
        "标题&说明", "第一行", "第二行", "甲", "乙", "单元1", "单元2", "单元3", "a <b> c d", "保留  两个空格",
    ]


def test_html_article_preferred_over_chrome():
    html = (
        "<html><body><div class='top'><a href='/'>首页</a><a href='/x'>机构设置</a></div>"
        "<nav>导航导航</nav><h1>关于印发预算的通知</h1>"
        "<div class='wrap'><div class='links'>友情链接：国务院</div>"
        "<div id='zoom'><p>" + "各单位：现将预算印发给你们，请认真贯彻执行。" * 5 + "</p></div></div>"
        "</body></html>"
    )
    lines = extract_html_text(html).split("\n")
    assert lines[0] == "关于印发预算的通知"
    assert lines[1].startswith("各单位")
    assert "友情链接" not in "".join(lines) and "导航" not in "".join(lines)


def test_html_unlabelled_link_menu_dropped_but_linked_citations_kept():
    html = (
        "<html><body><table><tr><td><a href='/'>首页</a><a href='/a'>通知公告</a><a href='/b'>机构</a></td>"
        "<td><p>依据<a>《规定》</a>、<a>《办法》</a>、<a>《细则》</a>执行。</p>"
        "<ul><li><a>《云南省医疗保障局关于进一步做好城乡医疗救助工作的通知》</a></li>"
        "<li><a>《玉溪市医疗保障局关于转发进一步做好城乡医疗救助工作的通知》</a></li>"
        "<li><a>《澄江市人民政府办公室关于印发城乡医疗救助实施细则的通知》</a></li></ul></td></tr></table>"
        "</body></html>"
    )
    lines = extract_html_text(html).split("\n")
    assert "首页" not in "".join(lines)
    assert lines[0] == "依据《规定》、《办法》、《细则》执行。"
    assert len(lines) == 4 and all(line.startswith("《") for line in lines[1:])


def test_html_too_deep_for_the_parser_falls_back_with_a_warning(tmp_path):
    path = tmp_path / "word-export.html"
    body = "<font>" * 3000 + "未闭合的字体标签<br>第二行" + "<p>后续&lt;段落&gt;</p><script>var x='脚本';</script>"
    path.write_text("<html><body>" + body + "</body></html>", encoding="utf-8")
    source = read_source(path)
    assert source.text == "未闭合的字体标签\n第二行\n后续<段落>"
    assert len(source.warnings) == 1 and "plain tag stripping" in source.warnings[0]


def test_html_page_wrapped_in_a_form_keeps_its_text():
    html = (
        "<html><body><form id='form1' method='post'><nav>网站导航</nav>"
        "<div class='content'><p>整页都在表单里的正文内容。</p></div>"
        "<form action='/search'><input name='q'>搜索本站</form></form></body></html>"
    )
    assert extract_html_text(html) == "整页都在表单里的正文内容。"


# --------------------------------------------------------------------------- #
# DOCX
# --------------------------------------------------------------------------- #


def test_docx_tables_in_document_order(tmp_path):
    lines = [f"第{i}行：依据（云医保〔2019〕{i}号）" for i in range(1, 11)]
    path = make_docx("\n".join(lines), tmp_path / "table.docx", table_lines=slice(3, 8), table_cols=2)
    source = read_source(path)
    assert source.format == "docx" and source.encoding is None
    # 5 lines in a 3x2 table: the padding cell of the last row is an empty line.
    assert [line for line in source.text.split("\n") if line] == lines


# --------------------------------------------------------------------------- #
# Bad input: one line naming the file and the reason
# --------------------------------------------------------------------------- #


def _empty(path):
    path.write_bytes(b"")


def _blank(path):
    path.write_text(" \r\n\u3000\u00a0\n", encoding="utf-8")


def _binary(path):
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)


def _control_characters(path):
    path.write_bytes(bytes(range(1, 9)) * 50 + b"text")


def _undecodable(path):
    path.write_bytes(b"abc" + b"\x81\xff\xfe\x80" * 30)


def _truncated_pdf(path):
    data = pdf_bytes("预算公开文本\n" * 80)
    path.write_bytes(data[: len(data) // 2])


def _corrupt_pdf(path):
    data = bytearray(pdf_bytes("预算公开文本\n" * 80))
    data[200:-200] = b"\x00garbage" * ((len(data) - 400) // 8) + b"\x00" * ((len(data) - 400) % 8)
    path.write_bytes(bytes(data))


def _encrypted_pdf(path):
    make_encrypted_pdf("预算公开文本", path)


def _zip_not_docx(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")  # an .odt-like ZIP


def _truncated_docx(path):
    make_docx("预算公开文本\n" * 50, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _legacy_doc(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)


BAD_FILES = [
    ("empty.txt", _empty, "empty file"),
    ("blank.txt", _blank, "empty file"),
    ("image.txt", _binary, "binary file"),
    ("controls.txt", _control_characters, "binary file"),
    ("garbled.txt", _undecodable, "undecodable bytes"),
    ("truncated.pdf", _truncated_pdf, "corrupt PDF (truncated"),
    ("corrupt.pdf", _corrupt_pdf, "corrupt PDF ("),
    ("locked.pdf", _encrypted_pdf, "encrypted PDF (password required)"),
    ("odt.docx", _zip_not_docx, "not a Word document (ZIP without word/document.xml)"),
    ("half.docx", _truncated_docx, "corrupt DOCX"),
    ("old.doc", _legacy_doc, "legacy Word/Office file"),
]


@pytest.mark.parametrize("name, make, reason", BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_file_gives_one_line_error(tmp_path, name, make, reason):
    path = tmp_path / name
    make(path)
    with pytest.raises(ReadError) as excinfo:
        read_source(path)
    assert_one_line_error(excinfo, path, reason)
    assert excinfo.value.path == str(path)


def test_corrupt_pdf_reason_is_not_truncation(tmp_path):
    path = tmp_path / "corrupt.pdf"
    _corrupt_pdf(path)
    with pytest.raises(ReadError, match=r"corrupt PDF \(damaged structure"):
        read_source(path)


def test_file_over_size_limit_is_not_read(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes("预算".encode("utf-8") * 200_000)  # 1.2 MB
    with pytest.raises(ReadError) as excinfo:
        read_source(path, max_bytes=1024 * 1024)
    assert_one_line_error(excinfo, path, "file too large (1.1 MB > limit 1 MB)")
    assert read_source(path, max_bytes=2 * 1024 * 1024).text.startswith("预算")
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ReadError) as excinfo:
        read_source(tmp_path / "missing.txt")
    assert_one_line_error(excinfo, tmp_path / "missing.txt", "no such file or directory")
    with pytest.raises(ReadError) as excinfo:
        read_source(tmp_path)
    assert_one_line_error(excinfo, tmp_path, "is a directory")


def _read_error_as_unprivileged_user(path: Path) -> str:
    """Run read_source(path) in a forked child that dropped root; return its error line.

    The child reuses the already imported module, so it needs no access to the
    interpreter's files, only to ``path``.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        status = 0
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            try:
                read_source(path)
                message = "no error"
            except ReadError as exc:
                message = str(exc)
            os.write(write_end, message.encode("utf-8"))
        except BaseException:  # noqa: BLE001 - report setuid failure to the parent
            status = 3
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode("utf-8")
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 3:
        pytest.skip("cannot drop root privileges here")
    return message


def test_unreadable_file_permission_denied():
    directory = Path(tempfile.mkdtemp(prefix="policykg-perm-"))
    try:
        directory.chmod(0o755)
        path = directory / "secret.txt"
        path.write_text("预算", encoding="utf-8")
        path.chmod(0)
        if os.geteuid() == 0:
            if not hasattr(os, "fork"):
                pytest.skip("running as root without fork: chmod cannot deny reading")
            message = _read_error_as_unprivileged_user(path)
        else:
            with pytest.raises(ReadError) as excinfo:
                read_source(path)
            message = str(excinfo.value)
        assert message == f"{path}: permission denied"
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def test_scanned_pdf_has_no_text_layer(tmp_path):
    path = make_image_only_pdf(tmp_path / "scan.pdf", pages=2)
    with pytest.raises(ReadError) as excinfo:
        read_source(path)
    assert_one_line_error(excinfo, path, "no text layer (scanned PDF?); OCR is out of scope")


def test_partly_scanned_pdf_warns(tmp_path):
    text = "\n".join(f"第{i}条　预算资金按照规定用途使用。" for i in range(1, 21))
    path = make_image_only_pdf(tmp_path / "mixed.pdf", pages=2, text_before=text)
    source = read_source(path)
    assert squeeze(source.text) == squeeze(text)
    assert len(source.warnings) == 1
    warning = source.warnings[0]
    assert warning.startswith(f"{path}: no text layer on page(s) 2-3 of 3")


def test_pdf_with_only_an_owner_password_is_readable(tmp_path):
    path = make_encrypted_pdf("预算公开文本，限制打印。", tmp_path / "restricted.pdf", user_password="")
    assert read_source(path).text == "预算公开文本，限制打印。"


def test_mangled_files_give_text_or_one_line_errors(tmp_path):
    """Truncations and random byte damage never let anything but ReadError escape (fixed seed)."""
    import random

    rng = random.Random(20240601)
    text = sample_text(SAMPLES[-1])[:1500]
    seeds = {
        "pdf": make_pdf(text, tmp_path / "seed.pdf").read_bytes(),
        "docx": make_docx(text, tmp_path / "seed.docx", table_lines=slice(2, 6)).read_bytes(),
        "html": make_html(text, tmp_path / "seed.html", "gbk", declared_charset="gb2312").read_bytes(),
        "txt": encode_text(text, "gbk"),
    }
    for number in range(80):
        fmt = list(seeds)[number % 4]
        data = bytearray(seeds[fmt])
        if number % 3 == 0:
            data = data[: rng.randrange(1, len(data))]
        else:
            for _ in range(rng.randrange(1, 12)):
                at = rng.randrange(len(data))
                data[at : at + rng.randrange(1, 6)] = rng.randbytes(rng.randrange(0, 6))
        path = tmp_path / f"mangled{number}.{fmt}"
        path.write_bytes(bytes(data))
        try:
            source = read_source(path)
        except ReadError as exc:
            assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
        else:
            assert source.text.strip() and source.format in {"pdf", "docx", "html", "txt"}


def test_read_error_is_picklable():
    error = pickle.loads(pickle.dumps(ReadError("a/b.pdf", "corrupt PDF (x)")))
    assert isinstance(error, ReadError)
    assert (error.path, error.reason, str(error)) == ("a/b.pdf", "corrupt PDF (x)", "a/b.pdf: corrupt PDF (x)")
    assert str(ReadError("x.txt", "first line\nsecond")) == "x.txt: first line second"


# --------------------------------------------------------------------------- #
# Corpus iteration
# --------------------------------------------------------------------------- #


def _outcome(item: SourceText | ReadError) -> tuple[str, str]:
    if isinstance(item, ReadError):
        return item.path, "error: " + item.reason
    return item.path, item.format


def test_iter_corpus_sorted_skips_hidden_and_unknown_and_survives_bad_files(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "b" / ".hidden").mkdir(parents=True)
    (corpus / "a").mkdir()
    write_text(GBK_TEXT, corpus / "a" / "1.txt", "gbk")
    _corrupt_pdf(corpus / "a" / "2.pdf")
    make_docx("第二份文件", corpus / "a" / "3.DOCX")
    make_html("第三份文件", corpus / "b" / "page.htm")
    write_text("无扩展名的文本", corpus / "b" / "NOTES")
    write_text("跳过", corpus / "b" / "data.csv")
    write_text("隐藏", corpus / "b" / ".secret.txt")
    write_text("隐藏目录", corpus / "b" / ".hidden" / "x.txt")
    explicit = write_text("明确指定的文件", tmp_path / "explicit.dat")

    outcomes = [_outcome(item) for item in iter_corpus([corpus, str(explicit)])]
    assert [(Path(p).relative_to(tmp_path).as_posix(), kind.split(" (")[0]) for p, kind in outcomes] == [
        ("corpus/a/1.txt", "txt"),
        ("corpus/a/2.pdf", "error: corrupt PDF"),
        ("corpus/a/3.DOCX", "docx"),
        ("corpus/b/NOTES", "txt"),
        ("corpus/b/page.htm", "html"),
        ("explicit.dat", "txt"),
    ]


def test_iter_corpus_reports_duplicates(tmp_path):
    first = write_text("同一份文件", tmp_path / "a.txt")
    second = write_text("同一份文件", tmp_path / "b.txt")
    third = write_text("另一份文件", tmp_path / "c.txt")
    items = list(iter_corpus([tmp_path]))
    assert [type(item) for item in items] == [SourceText, ReadError, SourceText]
    assert str(items[1]) == f"{second}: duplicate of {first}"
    assert items[2].path == str(third)


def test_iter_corpus_directory_loop_terminates(tmp_path):
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    write_text("正文", root / "sub" / "doc.txt")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "again").symlink_to(root / "sub", target_is_directory=True)  # a second path, not a loop

    items = list(iter_corpus([root]))
    sources = [item for item in items if isinstance(item, SourceText)]
    errors = [str(item) for item in items if isinstance(item, ReadError)]
    assert [s.path for s in sources] == [str(root / "again" / "doc.txt")]
    assert errors == [
        f"{root / 'again' / 'loop'}: directory loop (symbolic link back to {root})",
        f"{root / 'sub'}: directory already read as {root / 'again'}",
    ]


def test_iter_corpus_accepts_a_single_path_and_missing_paths(tmp_path):
    path = write_text("单个文件", tmp_path / "one.txt")
    assert [item.path for item in iter_corpus(str(path))] == [str(path)]
    items = list(iter_corpus([tmp_path / "nope"]))
    assert [str(item) for item in items] == [f"{tmp_path / 'nope'}: no such file or directory"]


def test_iter_corpus_broken_symlink_and_size_limit(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    write_text("大" * 1000, tmp_path / "large.txt")
    outcomes = [str(item) for item in iter_corpus([tmp_path], max_bytes=1000)]
    assert outcomes == [
        f"{tmp_path / 'dangling.txt'}: broken symbolic link",
        f"{tmp_path / 'large.txt'}: file too large (0.0029 MB > limit 0.00095 MB)",
    ]


def test_encode_text_helpers():
    assert encode_text("镕", "gbk") == "镕".encode("gbk")
    assert encode_text("a", "utf-16-be-bom") == b"\xfe\xff\x00a"
