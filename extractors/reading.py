"""The input layer: turn any input file into decoded text, or a one-line error.

Budget disclosures and policy texts arrive as plain text in several encodings,
as PDF with a text layer, as DOCX and as HTML pages saved from government
portals.  Corpora gathered from many portals contain broken files, so every
failure is a :class:`ReadError` whose ``str()`` is one line naming the file and
the reason (``data/x.pdf: encrypted PDF (password required)``).

Public interface
----------------
* :class:`SourceText` -- the decoded text of one file plus its provenance.
  Citation offsets index ``SourceText.text``.
* :class:`ReadError` -- one-line, user-facing error (``.path``, ``.reason``).
* :func:`decode_bytes` -- the text decoding ladder on raw bytes.
* :func:`read_source` -- one file to a :class:`SourceText`.
* :func:`iter_corpus` -- files and directories to a stream of
  :class:`SourceText` / :class:`ReadError`, with duplicate and loop detection.

Format detection is by content (``%PDF-`` magic, a ZIP holding
``word/document.xml``, HTML markup near the start), the extension only breaks
ties and produces a warning when it disagrees with the content.

Plain text is returned exactly as decoded (CRLF, U+3000, NBSP kept); only a
leading byte-order mark is removed.  PDF, DOCX and HTML text is extracted line
by line (see :func:`extract_pdf_text`, :func:`extract_docx_text`,
:func:`extract_html_text`).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import math
import os
import re
import stat
import threading
import zipfile
from dataclasses import dataclass
from typing import Iterable, Iterator

__all__ = [
    "SourceText",
    "ReadError",
    "DEFAULT_MAX_BYTES",
    "INPUT_EXTENSIONS",
    "decode_bytes",
    "read_source",
    "iter_corpus",
    "extract_pdf_text",
    "extract_docx_text",
    "extract_html_text",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

#: Extensions picked up when expanding a directory (plus files without one).
INPUT_EXTENSIONS = frozenset({".txt", ".text", ".pdf", ".docx", ".htm", ".html", ".xhtml"})
# Documents a corpus folder holds that cannot be read: listed anyway, so that
# each gets its one-line reason instead of being passed over in silence.
_UNSUPPORTED_DOCUMENTS = frozenset({".doc", ".wps"})

_EXTENSION_FORMAT = {
    ".txt": "txt",
    ".text": "txt",
    ".pdf": "pdf",
    ".docx": "docx",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
}


# --------------------------------------------------------------------------- #
# Public types
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class SourceText:
    """The decoded text of one input file.

    ``text`` is what citation offsets index.  ``encoding`` is the codec used to
    decode the bytes of a text or HTML file (``None`` for PDF and DOCX).
    ``sha256`` is the hex digest of the raw file bytes.  ``warnings`` are
    one-line messages, each starting with the file's path.
    """

    path: str
    text: str
    format: str
    encoding: str | None
    sha256: str
    warnings: tuple[str, ...] = ()


class ReadError(Exception):
    """One-line, user-facing: str(err) names the file and the reason, e.g.
    'data/x.pdf: encrypted PDF (password required)'. Never a traceback.

    ``path`` is the file (as given) and ``reason`` the short explanation.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = " ".join(str(reason).split())  # always a single line
        super().__init__(f"{self.path}: {self.reason}")

    def __reduce__(self):  # picklable across processes (args differ from __init__'s)
        return (type(self), (self.path, self.reason))


# --------------------------------------------------------------------------- #
# Text decoding
# --------------------------------------------------------------------------- #

# Order matters: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls other than tab, LF, VT, FF, CR, SUB (DOS end-of-file) and ESC; DEL; C1.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f]")
_BINARY_CONTROL_SHARE = 0.05

# Characters a reader would call "blank" (str.isspace misses these).
_BLANK_EXTRA = "\ufeff\u200b\u200c\u200d\u2060"


def _is_blank(text: str) -> bool:
    return not text.strip().strip(_BLANK_EXTRA).strip()


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _looks_binary(text: str) -> bool:
    """True when more than 5 % of the (first 64 Ki) characters are control characters."""
    sample = text[:65536]
    if not sample:
        return False
    return len(_CONTROL_RE.findall(sample)) / len(sample) > _BINARY_CONTROL_SHARE


def _strict_decode(data: bytes, codec: str) -> tuple[str, list[str]] | None:
    """Decode strictly; tolerate only an incomplete multi-byte character at the very end.

    Returns ``(text, notes)`` or ``None`` when the bytes are not valid in ``codec``.
    """
    try:
        return data.decode(codec), []
    except UnicodeDecodeError as exc:
        if exc.end != len(data) or exc.start < len(data) - 3:  # only an *incomplete* last character
            return None
        head = data[: exc.start]
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            return None
        dropped = len(data) - exc.start
        return text, [f"truncated {codec} character at end of file ({dropped} byte(s) dropped)"]


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess the endianness of BOM-less UTF-16 from where the NUL bytes are."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    half = len(sample) // 2
    if half == 0:
        return None
    nul_even = sample[0::2].count(0) / half
    nul_odd = sample[1::2].count(0) / half
    if nul_odd >= 0.3 and nul_even <= 0.02:
        return "utf-16-le"
    if nul_even >= 0.3 and nul_odd <= 0.02:
        return "utf-16-be"
    return None


def _decode_ladder(data: bytes) -> tuple[str, str, list[str]]:
    """The decoding ladder behind :func:`decode_bytes`; also returns notes.

    Raises ``ReadError`` with path ``"<bytes>"``; callers re-raise with the file name.
    """
    if not data:
        return "", "utf-8", []
    notes: list[str] = []

    # 1. Byte-order mark.
    codec = _bom_codec(data)
    if codec is not None:
        decoded = _strict_decode(data, codec)
        if decoded is None:
            raise ReadError("<bytes>", f"undecodable bytes (invalid {codec} after byte-order mark)")
        text, notes = decoded
        if _looks_binary(text):
            raise ReadError("<bytes>", "binary file")
        return text, codec, notes  # the codec has dropped the BOM

    # NUL bytes never occur in 8-bit or multi-byte Chinese text: UTF-16 without BOM, or binary.
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        decoded = _strict_decode(data, codec) if codec else None
        if decoded is None or _looks_binary(decoded[0]):
            raise ReadError("<bytes>", "binary file")
        text, notes = decoded
        return text, codec, [f"no byte-order mark; decoded as {codec} from the NUL-byte pattern", *notes]

    # 2. Strict UTF-8, 3. strict GB18030 (a superset of GBK and GB2312).
    for codec in ("utf-8", "gb18030"):
        decoded = _strict_decode(data, codec)
        if decoded is not None:
            text, notes = decoded
            if _looks_binary(text):
                raise ReadError("<bytes>", "binary file")
            return text, codec, notes

    # 4. charset-normalizer, last resort only (it calls short GBK text Korean).
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError("<bytes>", "undecodable bytes")
    text = str(best)
    try:
        codec = codecs.lookup(best.encoding).name
    except LookupError:
        codec = best.encoding
    if _looks_binary(text):
        raise ReadError("<bytes>", "binary file")
    notes.append(f"encoding guessed by charset-normalizer as {codec}; check the text")
    return text.removeprefix("\ufeff"), codec, notes


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw text bytes; return ``(text, encoding name)``.

    The ladder, measured correct on real Chinese government texts (a detector
    is *not* trusted first):

    1. byte-order mark: ``utf-32``, ``utf-8-sig``, ``utf-16`` (either endianness);
    2. strict ``utf-8``;
    3. strict ``gb18030`` (covers GBK and GB2312, including GBK-only characters such as 镕);
    4. charset-normalizer as a last resort;
    5. otherwise ``ReadError('<bytes>: undecodable bytes')``.

    A leading BOM is removed; nothing else is changed (CRLF, U+3000, NBSP stay).
    Binary data (NUL bytes outside UTF-16, or more than 5 % control
    characters) raises ``ReadError('<bytes>: binary file')``.  An incomplete
    multi-byte character at the very end (a truncated download) is dropped.
    Empty input gives ``("", "utf-8")``.
    """
    text, codec, _notes = _decode_ladder(data)
    return text, codec


def _decode_text_file(name: str, data: bytes) -> tuple[str, str, list[str]]:
    try:
        text, codec, notes = _decode_ladder(data)
    except ReadError as exc:
        raise ReadError(name, exc.reason) from None
    return text, codec, [f"{name}: {note}" for note in notes]


# --------------------------------------------------------------------------- #
# Reading files
# --------------------------------------------------------------------------- #


def _path_str(path: str | os.PathLike) -> str:
    return os.fsdecode(os.fspath(path))


def _format_mb(size: int) -> str:
    mb = size / (1024 * 1024)
    if mb >= 10:
        return f"{mb:.0f}"
    if mb >= 0.1:
        return f"{mb:.1f}".removesuffix(".0")
    return f"{mb:.2g}"


def _os_reason(exc: OSError, name: str) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link" if os.path.islink(name) else "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read file ({exc.strerror or exc})"


def _read_limited(name: str, max_bytes: int) -> bytes:
    """Read a regular file of at most ``max_bytes`` bytes, never more than ``max_bytes + 1``."""
    try:
        st = os.stat(name)
    except OSError as exc:
        raise ReadError(name, _os_reason(exc, name)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(name, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(name, "not a regular file")
    if st.st_size > max_bytes:
        raise ReadError(name, f"file too large ({_format_mb(st.st_size)} MB > limit {_format_mb(max_bytes)} MB)")
    try:
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(name, _os_reason(exc, name)) from None
    if len(data) > max_bytes:  # grew since stat
        raise ReadError(name, f"file too large (> limit {_format_mb(max_bytes)} MB)")
    return data


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_HTML_MARKERS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|table|br|h[1-6])[\s/>]", re.IGNORECASE
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_COMMENT_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*", re.DOTALL)
_TAG_LIKE = re.compile(r"<[A-Za-z!/?]")


def _html_head(data: bytes) -> str:
    """The first 4 KiB as text, good enough to look for markup in any encoding."""
    head = data[:4096]
    codec = _bom_codec(head)
    if codec is not None:
        return head.decode(codec, errors="ignore").lstrip("\ufeff")
    return head.decode("latin-1")


def _sniff_html(data: bytes, extension: str) -> bool:
    """HTML markup near the start; for an .htm/.html/.xhtml file any tag early on."""
    head = _html_head(data)
    start = _COMMENT_START.sub("", _XML_DECL.sub("", head.lstrip()), count=1)
    if start.startswith("<") and _HTML_MARKERS.search(head[:1024]):
        return True
    if re.match(r"\s*<!doctype\s+html", head, re.IGNORECASE):
        return True
    return _EXTENSION_FORMAT.get(extension) == "html" and bool(_TAG_LIKE.search(head))


def _detect_format(name: str, data: bytes, extension: str) -> str:
    """Return 'pdf', 'docx', 'html' or 'txt' from the content (raises for unsupported)."""
    stripped = data[:1024].lstrip()
    if stripped.startswith(b"%PDF-") or (extension == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "docx"  # verified (or rejected) when the ZIP is opened
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError(name, "encrypted Office document (password required)")
        raise ReadError(name, "legacy Word/Office file (OLE2, e.g. .doc or .wps) is not supported; save it as DOCX")
    if stripped.startswith(b"{\\rtf"):
        raise ReadError(name, "RTF document is not supported; save it as DOCX or TXT")
    if _sniff_html(data, extension):
        return "html"
    return "txt"


def _short(exc: BaseException) -> str:
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message if len(message) <= 120 else message[:117] + "..."


def _source_from_bytes(name: str, data: bytes, max_bytes: int, digest: str | None = None) -> SourceText:
    """Build a SourceText from bytes already read (shared by read_source and iter_corpus)."""
    if not data:
        raise ReadError(name, "empty file")
    extension = os.path.splitext(name)[1].lower()
    fmt = _detect_format(name, data, extension)
    warnings: list[str] = []
    expected = _EXTENSION_FORMAT.get(extension)
    if expected is not None and expected != fmt:
        warnings.append(f"{name}: content is {fmt.upper()}, not what the extension {extension} says")
    encoding: str | None = None
    try:
        if fmt == "pdf":
            text, notes = extract_pdf_text(data, name=name)
        elif fmt == "docx":
            text, notes = extract_docx_text(data, name=name, max_bytes=max_bytes)
        elif fmt == "html":
            text, encoding, notes = _read_html(name, data)
        else:
            text, encoding, notes = _decode_text_file(name, data)
    except ReadError:
        raise
    except Exception as exc:  # a parser bug or an unexpected library error: still one line
        raise ReadError(name, f"cannot read {fmt.upper()} ({type(exc).__name__}: {_short(exc)})") from exc
    warnings.extend(notes)
    if _is_blank(text):
        raise ReadError(name, "empty file" if fmt == "txt" else f"empty file (no text in the {fmt.upper()})")
    return SourceText(
        path=name,
        text=text,
        format=fmt,
        encoding=encoding,
        sha256=digest or _sha256(data),
        warnings=tuple(warnings),
    )


def read_source(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one file and return its text.

    The format is chosen by content: ``%PDF-`` → PDF, a ZIP with
    ``word/document.xml`` → DOCX, HTML markup near the start → HTML, else text.
    Every failure is a :class:`ReadError` naming the file: ``empty file``,
    ``binary file``, ``undecodable bytes``, ``file too large (N MB > limit M MB)``,
    ``permission denied``, ``encrypted PDF (password required)``,
    ``corrupt PDF (...)``, ``not a Word document (...)``, ...
    """
    name = _path_str(path)
    data = _read_limited(name, max_bytes)
    return _source_from_bytes(name, data, max_bytes)


# --------------------------------------------------------------------------- #
# PDF
# --------------------------------------------------------------------------- #

# PDFium is not thread-safe; serialise calls into it (the lock guards no data).
_PDFIUM_LOCK = threading.Lock()

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d~\uff5e"
_PAGE_NUMBER_ANYWHERE = re.compile(
    rf"^\s*(?:[{_DASHES}]+\s*\d+\s*[{_DASHES}]+"  # — 11 —, - 11 -, －11－
    r"|第\s*\d+\s*页(?:\s*[,，、/]?\s*共\s*\d+\s*页)?"  # 第 11 页, 第11页 共20页
    r"|共\s*\d+\s*页\s*[,，、]?\s*第\s*\d+\s*页)\s*$"  # 共20页 第11页
)
_PAGE_NUMBER_EDGE = re.compile(r"^\s*(?:(?P<n>\d+)\s*/\s*(?P<m>\d+)|[Pp]age\s*\d+(?:\s*of\s*\d+)?)\s*$")
_BARE_NUMBER = re.compile(r"^\s*(\d+)\s*$")
_EDGE_LINES = 2
_RUNNING_MAX_CHARS = 60


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def _count_cjk(text: str) -> int:
    return sum(1 for ch in text if _is_cjk(ch))


def _usable_chars(text: str) -> tuple[int, int]:
    """(non-whitespace characters, of which CJK or printable ASCII)."""
    total = usable = 0
    for ch in text:
        if ch.isspace():
            continue
        total += 1
        if ("!" <= ch <= "~") or _is_cjk(ch) or ch in "“”‘’…—·《》":
            usable += 1
    return total, usable


def _edge_indices(lines: list[str]) -> list[int]:
    """Indexes of the first and last few non-empty lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))


def _is_page_number(line: str, page_number: int, at_edge: bool) -> bool:
    if _PAGE_NUMBER_ANYWHERE.match(line):
        return True
    if not at_edge:
        return False
    match = _PAGE_NUMBER_EDGE.match(line)
    if match:
        if match.group("n") is None:
            return True
        return int(match.group("n")) <= int(match.group("m"))
    bare = _BARE_NUMBER.match(line)
    return bool(bare) and int(bare.group(1)) == page_number


def _running_key(line: str) -> str:
    return re.sub(r"\d+", "#", "".join(line.split()))


def _clean_pdf_pages(pages: list[list[str]]) -> list[list[str]]:
    """Drop page-number lines and running headers/footers from per-page line lists.

    Page numbers: a line that is only ``— 11 —`` / ``- 11 -`` / ``第 11 页`` /
    ``第11页 共20页`` anywhere on the page; ``11/20``, ``Page 3`` or a bare
    number equal to the page's index among the first/last two non-empty lines.
    Running headers/footers: a short line (digits ignored) found among the
    first/last two non-empty lines of at least 3 pages and 60 % of all pages.
    """
    cleaned: list[list[str]] = []
    for index, lines in enumerate(pages):
        edges = set(_edge_indices(lines))
        cleaned.append(
            [line for i, line in enumerate(lines) if not _is_page_number(line, index + 1, i in edges)]
        )

    if len(cleaned) >= 3:
        counts: dict[str, int] = {}
        for lines in cleaned:
            keys = {_running_key(lines[i]) for i in _edge_indices(lines)}
            for key in keys:
                if key and len(key) <= _RUNNING_MAX_CHARS:
                    counts[key] = counts.get(key, 0) + 1
        needed = max(3, math.ceil(0.6 * len(cleaned)))
        running = {key for key, count in counts.items() if count >= needed}
        if running:
            for n, lines in enumerate(cleaned):
                drop = {i for i in _edge_indices(lines) if _running_key(lines[i]) in running}
                cleaned[n] = [line for i, line in enumerate(lines) if i not in drop]
    return cleaned


def _page_ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def _pdf_open_reason(exc: Exception, data: bytes) -> str:
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "encrypted PDF (password required)"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return "encrypted PDF (unsupported security handler)"
    if b"%%EOF" not in data[-2048:]:
        return "corrupt PDF (truncated: no %%EOF marker at the end)"
    if code == pdfium_c.FPDF_ERR_FORMAT:
        return "corrupt PDF (damaged structure, PDFium cannot parse it)"
    return f"corrupt PDF ({_short(exc)})"


def extract_pdf_text(data: bytes, *, name: str = "<bytes>") -> tuple[str, list[str]]:
    """Extract the text layer of a PDF with pypdfium2; return ``(text, warnings)``.

    Per page ``get_text_range()``, ``\\r\\n`` → ``\\n``; page numbers and running
    headers/footers are removed (:func:`_clean_pdf_pages`); pages are joined with
    ``\\n``.  Lines are neither joined nor de-hyphenated.  Pages without text
    but with an image give a 'no text layer' warning; a document without any
    usable text raises ``ReadError('no text layer (scanned PDF?); OCR is out of scope')``.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    warnings: list[str] = []
    raw_pages: list[str] = []
    scanned_pages: list[int] = []
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise ReadError(name, _pdf_open_reason(exc, data)) from None
        try:
            page_count = len(document)
            if page_count == 0:
                raise ReadError(name, "corrupt PDF (no pages)")
            for index in range(page_count):
                try:
                    page = document[index]
                    try:
                        textpage = page.get_textpage()
                        try:
                            text = textpage.get_text_range()
                        finally:
                            textpage.close()
                        if len("".join(text.split())) < 5:
                            images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3)
                            if next(iter(images), None) is not None:
                                scanned_pages.append(index + 1)
                    finally:
                        page.close()
                except pdfium.PdfiumError as exc:
                    warnings.append(f"{name}: page {index + 1} unreadable, skipped ({_short(exc)})")
                    text = ""
                raw_pages.append(text.replace("\r\n", "\n").replace("\r", "\n"))
        finally:
            document.close()

    if b"%%EOF" not in data[-2048:]:
        warnings.append(f"{name}: no %%EOF marker (truncated PDF?); text may be incomplete")

    pages = _clean_pdf_pages([page.split("\n") for page in raw_pages])
    text = "\n".join("\n".join(lines) for lines in pages)

    total, usable = _usable_chars(text)
    no_text_layer = "no text layer (scanned PDF?); OCR is out of scope"
    if usable == 0:
        raise ReadError(name, no_text_layer)
    if "(cid:" in text or usable / total < 0.5 or total / page_count < 10:
        warnings.append(f"{name}: {no_text_layer}")
    elif scanned_pages:
        warnings.append(
            f"{name}: no text layer on page(s) {_page_ranges(scanned_pages)} of {page_count} "
            "(scanned?); OCR is out of scope"
        )
    return text, warnings


# --------------------------------------------------------------------------- #
# DOCX
# --------------------------------------------------------------------------- #

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{%s}" % _W_NS
# Runs under these elements are not part of the visible text of the paragraph.
_SKIPPED_RUN_PARENTS = frozenset({f"{_W}del", f"{_W}moveFrom", "{%s}Fallback" % _MC_NS, f"{_W}p"})


def _paragraph_text(paragraph) -> str:
    """Visible text of a ``w:p``: runs, hyperlinks, tracked insertions, fields.

    Deleted runs, ``mc:Fallback`` copies and paragraphs nested in text boxes
    are skipped.  Run text follows python-docx (``w:tab`` → tab, ``w:br`` → newline).
    """
    parts: list[str] = []
    for run in paragraph.iter(f"{_W}r"):
        parent = run.getparent()
        skip = False
        while parent is not None and parent is not paragraph:
            if parent.tag in _SKIPPED_RUN_PARENTS:
                skip = True
                break
            parent = parent.getparent()
        if not skip:  # python-docx's CT_R.text: w:t text, w:tab → "\t", w:br/w:cr → "\n"
            parts.append(run.text)
    return "".join(parts)


def _docx_block_lines(container) -> Iterator[str]:
    """Lines of a body/cell in document order: one per paragraph, one per table cell paragraph."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            yield _paragraph_text(child)
        elif tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                for cell in row.iterchildren(f"{_W}tc"):
                    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
                    if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
                        continue  # continuation of a vertically merged cell: no own text
                    yield from _docx_block_lines(cell)
        elif tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
            if content is not None:
                yield from _docx_block_lines(content)


def extract_docx_text(
    data: bytes, *, name: str = "<bytes>", max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, list[str]]:
    """Extract a DOCX with python-docx; return ``(text, warnings)``.

    Paragraphs and tables in document order, one line per paragraph; each
    table cell's paragraphs become their own lines, cells of a row in order.
    Headers, footers, footnotes and comments are not included.
    """
    import docx
    from docx.oxml import parse_xml

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise ReadError(name, f"corrupt DOCX/ZIP ({_short(exc)})") from None
    if "word/document.xml" not in names:
        raise ReadError(name, "not a Word document (ZIP without word/document.xml)")
    part_size = archive.getinfo("word/document.xml").file_size
    if part_size > 10 * max_bytes:
        raise ReadError(name, f"file too large (word/document.xml expands to {_format_mb(part_size)} MB)")

    warnings: list[str] = []
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except ValueError as exc:
        if "content type" not in str(exc):
            raise ReadError(name, f"corrupt DOCX ({_short(exc)})") from None
        # .docm / .dotx and friends: same markup, another content type.
        try:
            body = parse_xml(archive.read("word/document.xml")).body
        except Exception as inner:  # noqa: BLE001 - any parser failure is a corrupt file
            raise ReadError(name, f"corrupt DOCX ({_short(inner)})") from None
        warnings.append(f"{name}: not a plain .docx content type; read word/document.xml directly")
    except Exception as exc:  # noqa: BLE001 - zip/xml/package errors from python-docx
        raise ReadError(name, f"corrupt DOCX ({type(exc).__name__}: {_short(exc)})") from None
    if body is None:
        raise ReadError(name, "corrupt DOCX (document has no body)")
    return "\n".join(_docx_block_lines(body)), warnings


# --------------------------------------------------------------------------- #
# HTML
# --------------------------------------------------------------------------- #

_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)", re.IGNORECASE)

# Labels whose real-world pages need a superset codec (WHATWG encoding standard in spirit).
_CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "gb_2312": "gb18030", "csgb2312": "gb18030", "cp936": "gb18030", "windows-936": "gb18030",
    "chinese": "gb18030", "euc-cn": "gb18030", "iso-ir-58": "gb18030", "gb18030": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    # A meta tag cannot really declare UTF-16 (the tag itself is ASCII): treat as UTF-8.
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}
_SINGLE_BYTE = frozenset({"cp1252", "iso8859-15", "cp1250", "cp1251"})


def _declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _decode_html_bytes(name: str, data: bytes) -> tuple[str, str, list[str]]:
    """Decode an HTML page: BOM, then the declared charset (gb2312/gbk → gb18030), then the ladder.

    Like a browser, a page whose declared charset fits all but a few bytes
    (at most 1 % of the characters, e.g. a GBK string cut mid-character by the
    CMS) is decoded with U+FFFD for those bytes, with a warning; plain text
    files get no such leniency.
    """
    declared = None if _bom_codec(data) is not None or b"\x00" in data else _declared_charset(data)
    if declared is None:
        return _decode_text_file(name, data)
    label = _CHARSET_ALIASES.get(declared, declared)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        text, codec, notes = _decode_text_file(name, data)
        return text, codec, [f"{name}: unknown declared charset {declared!r}; decoded as {codec}", *notes]
    if codec in _SINGLE_BYTE and not data.isascii() and _strict_decode(data, "utf-8") is not None:
        codec = "utf-8"  # valid UTF-8 with high bytes is never really Latin-1

    def accept(text: str, actual: str, notes: list[str]) -> tuple[str, str, list[str]] | None:
        if _looks_binary(text):
            return None
        if actual != codec:
            notes = [f"declared charset {declared} does not match the bytes; decoded as {actual}", *notes]
        return text.removeprefix("\ufeff"), actual, [f"{name}: {note}" for note in notes]

    for candidate in dict.fromkeys((codec, "utf-8", "gb18030")):
        decoded = _strict_decode(data, candidate)
        if decoded is not None and (result := accept(decoded[0], candidate, decoded[1])):
            return result
    lenient = data.decode(codec, errors="replace")
    replaced = lenient.count("\ufffd") - data.count("\ufffd".encode(codec, errors="ignore") or b"\xff\xff\xff\xff")
    if 0 < replaced <= max(1, len(lenient) // 100):
        note = f"{replaced} invalid {codec} byte sequence(s) replaced with U+FFFD"
        if result := accept(lenient, codec, [note]):
            return result
    text, actual, notes = _decode_text_file(name, data)
    return text, actual, [f"{name}: declared charset {declared} does not match the bytes; decoded as {actual}", *notes]


_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
    "select", "button", "input", "textarea", "head", "title", "meta", "link",
})
# Dropped unless they hold most of the page (ASP.NET portals wrap the whole page in a <form>).
_STRUCTURAL_CHROME_TAGS = frozenset({"nav", "aside", "form"})
_SEMANTIC_CHROME_TAGS = frozenset({"header", "footer"})
_CHROME_WORD = re.compile(
    r"^(?:nav\w*|\w*nav|menu\w*|\w*menu|footer\w*|\w*footer|header|\w*header|"
    r"breadcrumbs?|\w*crumbs?|sidebar\w*|\w*sidebar)$",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_LINK_BLOCK_TAGS = frozenset({"div", "td", "ul", "ol", "dl", "table", "section"})  # never <p>: citations
_DESCEND_TAGS = frozenset({"div", "section", "td", "table", "tbody", "tr", "center", "font"})
_HTML_WS = re.compile(r"[ \t\n\r\f]+")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cjk_count(element) -> int:
    return _count_cjk(element.text_content())


def _is_chrome(element) -> bool:
    names = " ".join(filter(None, (element.get("id"), element.get("class"))))
    if not names:
        return False
    return any(_CHROME_WORD.match(word) for word in re.split(r"[\s_\-]+", names) if word)


def _inside(element, tags: Iterable[str]) -> bool:
    return any(isinstance(a.tag, str) and a.tag.lower() in tags for a in element.iterancestors())


def _strip_chrome(body) -> bool:
    """Remove scripts, styles, navigation and other page chrome in place. True if any chrome was removed."""
    removed = False
    for element in list(body.iter()):
        if not isinstance(element.tag, str):
            if element.getparent() is not None:
                element.drop_tree()  # comments, processing instructions (tail kept)
            continue
        tag = element.tag.lower()
        if tag in _DROP_TAGS:
            element.drop_tree()
    total = _cjk_count(body) or 1
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element is body:
            continue
        if element.getparent() is None or not _in_tree(element, body):
            continue
        tag = element.tag.lower()
        chrome = (
            tag in _STRUCTURAL_CHROME_TAGS
            or _is_chrome(element)
            or (tag in _SEMANTIC_CHROME_TAGS and not _inside(element, {"article", "main"}))
            or (tag in _LINK_BLOCK_TAGS and _is_link_menu(element))
        )
        if chrome and _cjk_count(element) <= total / 2:
            element.drop_tree()
            removed = True
    return removed


def _is_link_menu(element) -> bool:
    """An unlabelled menu: 3+ links, 80 %+ of the text in links, short links (≤ 12 characters on average).

    Lists of cited documents have long link texts (titles) and are kept.
    """
    links = [a for a in element.iter("a")]
    if len(links) < 3:
        return False
    link_chars = sum(len("".join(a.text_content().split())) for a in links)
    all_chars = len("".join(element.text_content().split()))
    return all_chars > 0 and link_chars >= 0.8 * all_chars and link_chars <= 12 * len(links)


def _in_tree(element, root) -> bool:
    return element is root or any(a is root for a in element.iterancestors())


def _content_root(body, had_chrome: bool):
    """Prefer a dominant <article>/<main>; on a page with chrome, the block holding most CJK text."""
    total = _cjk_count(body)
    if total == 0:
        return body
    candidates = [
        el for el in body.iter()
        if isinstance(el.tag, str) and (el.tag.lower() in {"article", "main"} or el.get("role") == "main")
    ]
    best = max(candidates, key=_cjk_count, default=None)
    if best is not None and _cjk_count(best) >= total / 2:
        return best
    if not had_chrome:
        return body
    node = body
    while True:
        children = [c for c in node if isinstance(c.tag, str) and c.tag.lower() in _DESCEND_TAGS]
        if not children:
            return node
        child = max(children, key=_cjk_count)
        if _cjk_count(child) < 0.8 * _cjk_count(node):
            return node
        node = child


def _render_lines(root) -> list[str]:
    """Text of an element tree with line breaks at block elements (iterative walk)."""
    chunks: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    pre_depth = 0
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if closing:
            if tag == "pre":
                pre_depth -= 1
            if tag in _BLOCK_TAGS:
                chunks.append("\n")
            if element is not root and element.tail:
                chunks.append(element.tail if pre_depth else _HTML_WS.sub(" ", element.tail))
            continue
        if tag in _BLOCK_TAGS:
            chunks.append("\n")
        if tag == "pre":
            pre_depth += 1
        if tag and element.text:
            chunks.append(element.text if pre_depth else _HTML_WS.sub(" ", element.text))
        stack.append((element, True))
        for child in reversed(list(element) if tag else []):
            stack.append((child, False))
    lines = []
    for line in "".join(chunks).split("\n"):
        line = line.lstrip(" \t\r\f").rstrip(" \t\r\f\u00a0\u3000")
        if not _is_blank(line):
            lines.append(line)
    return lines


_RAW_DROP = re.compile(r"<!--.*?-->|<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_RAW_BLOCK_TAG = re.compile(
    r"</?(?:%s)\b[^>]*>" % "|".join(sorted(_BLOCK_TAGS, key=len, reverse=True)), re.IGNORECASE
)
_RAW_TAG = re.compile(r"<[^>]*>")


def _strip_tags(html: str) -> list[str]:
    """Plain regex tag stripping, for pages the HTML parser cannot hold (extreme nesting)."""
    import html as html_module

    text = _RAW_TAG.sub("", _RAW_BLOCK_TAG.sub("\n", _RAW_DROP.sub("", html)))
    lines = []
    for line in html_module.unescape(text).split("\n"):
        line = _HTML_WS.sub(" ", line).strip(" ").rstrip("\u00a0\u3000")
        if not _is_blank(line):
            lines.append(line)
    return lines


def _extract_html(html: str) -> tuple[str, list[str]]:
    """Main text of an HTML string plus notes (see :func:`extract_html_text`)."""
    import lxml.html
    from lxml import etree

    html = _XML_INVALID.sub("", _XML_DECL.sub("", html.lstrip("\ufeff"), count=1))
    if not html.strip():
        return "", []
    try:
        parser = lxml.html.HTMLParser(huge_tree=True)
        document = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        document = None
    # libxml2 silently drops content nested too deeply (e.g. thousands of unclosed <font> tags).
    raw_cjk = _count_cjk(_RAW_TAG.sub("", _RAW_DROP.sub("", html)))
    parsed_cjk = 0 if document is None else _count_cjk(document.text_content())
    if raw_cjk and parsed_cjk < 0.9 * raw_cjk:
        note = "HTML too malformed for the parser (text lost); used plain tag stripping, page chrome not removed"
        return "\n".join(_strip_tags(html)), [note]
    if document is None:
        return "", []
    body = document.find("body")
    if body is None:
        body = document
    had_chrome = _strip_chrome(body)
    root = _content_root(body, had_chrome)
    lines = _render_lines(root)
    if root is not body:
        heading = next((h for h in body.iter("h1") if not _in_tree(h, root)), None)
        if heading is not None:
            title = " ".join(heading.text_content().split())
            if title and (not lines or "".join(title.split()) != "".join(lines[0].split())):
                preceding = next(el for el in body.iter() if el is heading or el is root) is heading
                lines = [title, *lines] if preceding else [*lines, title]
    return "\n".join(lines), []


def extract_html_text(html: str) -> str:
    """Main text of an HTML document given as a decoded string.

    Drops script, style, noscript, nav, header, footer (outside an article),
    aside, form, elements whose id/class says nav/menu/footer/header/
    breadcrumb/sidebar, and unlabelled link menus; prefers a dominant
    ``<article>``/``<main>`` or, on a page with chrome, the block holding most
    of the CJK text (the page's ``<h1>`` is kept).  Block elements (``p div br
    tr td li h1-6`` ...) become line breaks, entities are decoded (``&nbsp;``
    → U+00A0), runs of ASCII whitespace collapse to one space, lines are
    stripped and empty lines dropped.  A page so malformed that the parser
    loses text falls back to plain tag stripping.
    """
    return _extract_html(html)[0]


def _read_html(name: str, data: bytes) -> tuple[str, str, list[str]]:
    text, codec, notes = _decode_html_bytes(name, data)
    extracted, html_notes = _extract_html(text)
    return extracted, codec, notes + [f"{name}: {note}" for note in html_notes]


# --------------------------------------------------------------------------- #
# Corpus iteration
# --------------------------------------------------------------------------- #


def _is_input_name(name: str) -> bool:
    extension = os.path.splitext(name)[1].lower()
    return extension == "" or extension in INPUT_EXTENSIONS or extension in _UNSUPPORTED_DOCUMENTS


def _expand(name: str, visited: dict[tuple[int, int], str]) -> Iterator[str | ReadError]:
    """Files under ``name`` (itself if a file), depth first in sorted order.

    ``visited`` maps (device, inode) of every directory entered during this
    corpus run to the path it was first entered by; a symlink back to an
    ancestor is a loop, a second path to an already-read directory is reported
    and skipped.  Hidden entries (leading dot) inside directories are skipped.
    """
    try:
        st = os.stat(name)
    except OSError as exc:
        yield ReadError(name, _os_reason(exc, name))
        return
    if not stat.S_ISDIR(st.st_mode):
        yield name
        return
    key = (st.st_dev, st.st_ino)
    if key in visited:
        yield ReadError(name, f"directory already read as {visited[key]}")
        return
    visited[key] = name

    # Explicit DFS stack: (directory path, its key, sorted entry names, next position).
    stack: list[tuple[str, tuple[int, int], list[str], list[int]]] = []

    def listing(path: str) -> list[str] | ReadError:
        try:
            return sorted(os.listdir(path))
        except OSError as exc:
            return ReadError(path, f"{_os_reason(exc, path)} (cannot list directory)")

    entries = listing(name)
    if isinstance(entries, ReadError):
        yield entries
        return
    stack.append((name, key, entries, [0]))
    while stack:
        directory, _key, entries, position = stack[-1]
        if position[0] >= len(entries):
            stack.pop()
            continue
        entry = entries[position[0]]
        position[0] += 1
        if entry.startswith("."):
            continue
        path = os.path.join(directory, entry)
        try:
            entry_stat = os.stat(path)
        except OSError as exc:
            if _is_input_name(entry):
                yield ReadError(path, _os_reason(exc, path))
            continue
        if stat.S_ISDIR(entry_stat.st_mode):
            child_key = (entry_stat.st_dev, entry_stat.st_ino)
            if any(frame[1] == child_key for frame in stack):
                yield ReadError(path, f"directory loop (symbolic link back to {visited[child_key]})")
                continue
            if child_key in visited:
                yield ReadError(path, f"directory already read as {visited[child_key]}")
                continue
            visited[child_key] = path
            children = listing(path)
            if isinstance(children, ReadError):
                yield children
                continue
            stack.append((path, child_key, children, [0]))
        elif _is_input_name(entry):
            yield path


def iter_corpus(
    paths: Iterable[str | os.PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[SourceText | ReadError]:
    """Expand directories recursively (sorted, deterministic; follow symlinks but detect directory loops
    and report them once as a ReadError; skip hidden files/dirs), yield one SourceText or ReadError per
    file, and report duplicate files (same sha256 as an earlier file) as a ReadError 'duplicate of X'.
    Files whose extension is not a known input (.txt .text .pdf .docx .htm .html .xhtml, or no extension) are skipped silently
    when found inside a directory, but an explicitly named file is always tried (content sniffing).

    A bad file never stops the iteration.  Duplicates are recognised before
    extraction, against files that were read successfully.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]  # a single path, not an iterable of characters
    visited: dict[tuple[int, int], str] = {}
    first_by_hash: dict[str, str] = {}
    for given in paths:
        for item in _expand(_path_str(given), visited):
            if isinstance(item, ReadError):
                yield item
                continue
            try:
                data = _read_limited(item, max_bytes)
                digest = _sha256(data)
                if digest in first_by_hash and data:
                    raise ReadError(item, f"duplicate of {first_by_hash[digest]}")
                source = _source_from_bytes(item, data, max_bytes, digest)
            except ReadError as exc:
                yield exc
                continue
            first_by_hash[digest] = item
            yield source
