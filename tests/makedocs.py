"""Generate real input documents at test time: PDF, DOCX, HTML and encoded text.

Nothing binary is committed: tests call these helpers to write files into
``tmp_path``.  They are shared by the reading tests and by cross-format tests,
so each helper takes plain text (lines separated by ``\\n`` or ``\\r\\n``) and
writes a document a real portal could have published.

* :func:`make_pdf` -- reportlab, A4, the built-in CID font ``STSong-Light``
  (Adobe-GB1, no font file needed; pypdfium2 extracts its text exactly, checked
  by ``test_reportlab_cid_font_round_trips``), lines wrapped at about 38 CJK
  characters, a centred page number on every page, optional running header.
* :func:`make_encrypted_pdf` -- the same, encrypted with a user password.
* :func:`make_image_only_pdf` -- a "scanned" PDF: an image and a frame, no text.
* :func:`make_docx` -- python-docx, one paragraph per line, optionally some
  lines in a table (row-major), so document order is the line order.
* :func:`make_html` -- a portal page: header, nav bar, breadcrumb, scripts,
  style and footer around the text, ``<p>`` per line, ``<``/``>`` as entities.
* :func:`encode_text` / :func:`write_text` -- text in UTF-8 (with or without
  BOM), UTF-16/32 with BOM, GBK, GB18030.
"""

from __future__ import annotations

import html
import io
import os
from pathlib import Path
from typing import Sequence

__all__ = [
    "PDF_FONT",
    "CHROME_TEXTS",
    "TEXT_ENCODINGS",
    "make_pdf",
    "pdf_bytes",
    "make_encrypted_pdf",
    "make_image_only_pdf",
    "make_docx",
    "make_html",
    "encode_text",
    "write_text",
    "squeeze",
]

#: reportlab's built-in CID font for Simplified Chinese (no TTF needed).
PDF_FONT = "STSong-Light"

_A4_WIDTH, _A4_HEIGHT = 595.2756, 841.8898

#: Texts of the page chrome that make_html wraps around the content; none may survive extraction.
CHROME_TEXTS = (
    "澄江市人民政府门户网站",  # header
    "政务公开栏目导航",  # nav bar
    "当前位置：首页",  # breadcrumb
    "脚本统计代码",  # script
    "宋体样式表",  # style
    "版权所有：澄江市人民政府",  # footer
    "相关链接侧栏",  # sidebar
)

#: variant name → (Python codec, byte-order mark to prepend, encoding name read_source reports)
TEXT_ENCODINGS: dict[str, tuple[str, bytes, str]] = {
    "utf-8": ("utf-8", b"", "utf-8"),
    "utf-8-bom": ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
    "utf-16-le-bom": ("utf-16-le", b"\xff\xfe", "utf-16"),
    "utf-16-be-bom": ("utf-16-be", b"\xfe\xff", "utf-16"),
    "utf-32-le-bom": ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32"),
    "gbk": ("gbk", b"", "gb18030"),
    "gb18030": ("gb18030", b"", "gb18030"),
}


def squeeze(text: str) -> str:
    """The text with every whitespace character removed (for cross-format comparison)."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\ufeff\u200b")


def encode_text(text: str, variant: str) -> bytes:
    """Encode ``text`` as one of :data:`TEXT_ENCODINGS` (BOM included where the variant has one)."""
    codec, bom, _reported = TEXT_ENCODINGS[variant]
    return bom + text.encode(codec)


def write_text(text: str, path: str | os.PathLike, variant: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` in an encoding variant, byte for byte (no newline translation)."""
    path = Path(path)
    path.write_bytes(encode_text(text, variant))
    return path


# --------------------------------------------------------------------------- #
# PDF
# --------------------------------------------------------------------------- #


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))


def _wrap(line: str, max_width: float, font_size: float) -> list[str]:
    """Break one line into pieces no wider than ``max_width`` (character by character, like CJK layout)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces: list[str] = []
    current = ""
    for ch in line:
        if current and stringWidth(current + ch, PDF_FONT, font_size) > max_width:
            pieces.append(current)
            current = ""
        current += ch
    pieces.append(current)
    return pieces


def _layout(text: str, max_width: float, font_size: float, lines_per_page: int) -> list[list[str]]:
    """Text → pages of wrapped lines (blank source lines keep their slot)."""
    rows: list[str] = []
    for line in text.splitlines():
        rows.extend(_wrap(line, max_width, font_size) if line else [""])
    pages = [rows[i : i + lines_per_page] for i in range(0, len(rows), lines_per_page)]
    return pages or [[]]


def pdf_bytes(
    text: str,
    *,
    page_number: str | None = "— {n} —",
    header: str | None = None,
    footer: str | None = None,
    font_size: float = 12,
    chars_per_line: int = 38,
    lines_per_page: int | None = None,
    encrypt: str | None = None,
) -> bytes:
    """Lay out ``text`` on A4 pages and return the PDF bytes (see :func:`make_pdf`)."""
    from reportlab.pdfgen import canvas

    _register_font()
    max_width = chars_per_line * font_size  # CJK glyphs are 1 em wide
    leading = font_size * 1.5
    top = _A4_HEIGHT - 72 - font_size
    bottom = 100.0
    if lines_per_page is None:
        lines_per_page = int((top - bottom) // leading) + 1
    pages = _layout(text, max_width, font_size, lines_per_page)
    left = (_A4_WIDTH - max_width) / 2

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(_A4_WIDTH, _A4_HEIGHT), encrypt=encrypt, invariant=1)
    for number, rows in enumerate(pages, start=1):
        pdf.setFont(PDF_FONT, font_size)
        if header:
            pdf.drawCentredString(_A4_WIDTH / 2, _A4_HEIGHT - 50, header)
        y = top
        for row in rows:
            if row:
                pdf.drawString(left, y, row)
            y -= leading
        if footer:
            pdf.drawCentredString(_A4_WIDTH / 2, 70, footer)
        if page_number:
            pdf.drawCentredString(_A4_WIDTH / 2, 45, page_number.format(n=number, total=len(pages)))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_pdf(
    text: str,
    path: str | os.PathLike,
    *,
    page_number: str | None = "— {n} —",
    header: str | None = None,
    footer: str | None = None,
    font_size: float = 12,
    chars_per_line: int = 38,
    lines_per_page: int | None = None,
) -> Path:
    """Write ``text`` as a text-layer PDF, like a typeset government document.

    Each source line starts a new PDF line; a line wider than ``chars_per_line``
    CJK characters wraps (mid-word, as CJK typesetting does).  Every page gets
    ``page_number`` centred at the bottom (a format string with ``{n}`` and
    ``{total}``, e.g. ``"— {n} —"``, ``"第{n}页 共{total}页"``, ``"{n}/{total}"``;
    ``None`` for none) and, if given, a running ``header`` at the top and a
    running ``footer`` above the page number.  Font: :data:`PDF_FONT`.
    """
    path = Path(path)
    path.write_bytes(
        pdf_bytes(
            text,
            page_number=page_number,
            header=header,
            footer=footer,
            font_size=font_size,
            chars_per_line=chars_per_line,
            lines_per_page=lines_per_page,
        )
    )
    return path


def make_encrypted_pdf(
    text: str, path: str | os.PathLike, *, user_password: str = "secret", owner_password: str = "owner"
) -> Path:
    """Write ``text`` as a PDF that needs ``user_password`` to open.

    Encrypted with pypdf's ``PdfWriter.encrypt``; when pypdf is not installed,
    with reportlab's own standard encryption (same effect for readers).
    """
    path = Path(path)
    try:
        from pypdf import PdfWriter
    except ImportError:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encryption = StandardEncryption(user_password, ownerPassword=owner_password)
        path.write_bytes(pdf_bytes(text, encrypt=encryption))  # type: ignore[arg-type]
        return path
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(text)))
    writer.encrypt(user_password=user_password, owner_password=owner_password)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def make_image_only_pdf(path: str | os.PathLike, *, pages: int = 1, text_before: str | None = None) -> Path:
    """Write a "scanned" PDF: each page holds a raster image and a drawn frame, no text.

    With ``text_before``, a text page (from :func:`pdf_bytes` layout) comes
    first, giving a mixed document whose later pages lack a text layer.
    """
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    _register_font()
    picture = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(picture)
    for y in range(40, 520, 24):  # grey bars that look like lines of scanned text
        draw.rectangle((40, y, 360, y + 10), fill=80)
    reader = ImageReader(picture)

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(_A4_WIDTH, _A4_HEIGHT), invariant=1)
    if text_before:
        pdf.setFont(PDF_FONT, 12)
        y = _A4_HEIGHT - 90
        for line in text_before.splitlines():
            pdf.drawString(72, y, line)
            y -= 18
        pdf.showPage()
    for _ in range(pages):
        pdf.rect(50, 50, _A4_WIDTH - 100, _A4_HEIGHT - 100)
        pdf.drawImage(reader, 100, 150, width=400, height=560)
        pdf.showPage()
    pdf.save()
    path = Path(path)
    path.write_bytes(buffer.getvalue())
    return path


# --------------------------------------------------------------------------- #
# DOCX
# --------------------------------------------------------------------------- #


def make_docx(
    text: str,
    path: str | os.PathLike,
    *,
    table_lines: slice | None = None,
    table_cols: int = 2,
) -> Path:
    """Write ``text`` as a DOCX, one paragraph per line.

    ``table_lines`` (a slice of the line list) puts those lines into one table
    at their place in the document, ``table_cols`` cells per row, filled row by
    row; a short last row gets empty cells.  Reading the document in order
    therefore gives the lines in their original order.
    """
    import docx

    lines = text.splitlines()
    start, stop = (0, 0) if table_lines is None else table_lines.indices(len(lines))[:2]
    document = docx.Document()
    for line in lines[:start]:
        document.add_paragraph(line)
    cells = lines[start:stop]
    if cells:
        rows = -(-len(cells) // table_cols)
        table = document.add_table(rows=rows, cols=table_cols)
        for index, line in enumerate(cells):
            table.cell(index // table_cols, index % table_cols).text = line
    for line in lines[stop:] if cells else lines[start:]:
        document.add_paragraph(line)
    path = Path(path)
    document.save(path)
    return path


# --------------------------------------------------------------------------- #
# HTML
# --------------------------------------------------------------------------- #


def make_html(
    text: str,
    path: str | os.PathLike,
    encoding: str = "utf-8",
    *,
    declared_charset: str | None = "",
    title: str = "预算公开",
    extra_body: Sequence[str] = (),
) -> Path:
    """Write ``text`` as a government-portal HTML page in ``encoding``.

    The content is a ``<div class="article-content">`` with one ``<p>`` per
    non-empty line, ``<``, ``>`` and ``&`` written as entities.  Around it:
    a ``<style>`` and ``<script>`` in the head, a header div, a ``<nav>`` bar,
    a breadcrumb, a sidebar, an inline script and a footer div (their texts
    are :data:`CHROME_TEXTS`; extraction must drop all of them).
    ``declared_charset`` goes into ``<meta charset>`` ("" → ``encoding``,
    ``None`` → no declaration), e.g. a GBK file declared ``gb2312`` as real
    portals do.  ``extra_body`` is raw HTML appended inside the content div.
    """
    header, nav, breadcrumb, script, style, footer, sidebar = CHROME_TEXTS
    charset = encoding if declared_charset == "" else declared_charset
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    paragraphs = "\n".join(
        f"<p>{html.escape(line, quote=False)}</p>" for line in text.splitlines() if line.strip()
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta}
<title>{html.escape(title)}</title>
<style>/* {style} */ body {{ font-family: "SimSun"; }} .nav a {{ color: #036; }}</style>
<script>var menu = "{script}"; if (1 < 2 && menu) {{ console.log(menu); }}</script>
</head>
<body>
<div class="header"><img src="logo.png" alt="logo">{header}</div>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">{nav}</a></li></ul></nav>
<div class="breadcrumb">{breadcrumb} &gt; 政务公开 &gt; 财政预决算</div>
<div class="main-wrap">
<div class="sidebar"><ul><li><a href="/a">{sidebar}</a></li></ul></div>
<div class="article-content">
{paragraphs}
{''.join(extra_body)}
</div>
</div>
<script type="text/javascript">document.write("{script}");</script>
<div id="footer">{footer} 滇ICP备00000000号</div>
</body>
</html>
"""
    path = Path(path)
    path.write_bytes(page.encode(encoding))
    return path
