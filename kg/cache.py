"""The build cache: analyses keyed by content hash and analysis version, and a file index.

* :class:`AnalysisCache` keeps one pickled :class:`~kg.analyse.DocAnalysis`
  per input under ``root/v<version>/``, keyed by the sha256 of the file's
  bytes: a changed file has a new hash and is analysed again, a removed file
  is simply not asked for.  A corrupt or foreign entry is a miss, never an
  error.  Next to the analyses it keeps each document's share of the corpus
  model (:class:`~kg.corpus.SourcePart`, keyed by sha256 and name, under the
  version of the code that makes parts): a rebuild folds the unchanged
  documents' parts without loading their analyses.
* :class:`FileIndex` remembers, per input path, the file's size, mtime, ctime
  and inode with its sha256 and what reading it gave (format, encoding,
  warnings).  A file whose ``stat`` is unchanged is neither read nor hashed
  again: rebuilding an unchanged corpus reads nothing but the analyses.

A file modified within :data:`RACY_SECONDS` before it was read is not
indexed: a second change in the same timestamp tick would go unseen.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .analyse import DocAnalysis
from .corpus import PART_VERSION, SourcePart, h

__all__ = ["AnalysisCache", "FileIndex", "FileEntry", "RACY_SECONDS"]

RACY_SECONDS = 2.0
_INDEX_FORMAT = 1


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class AnalysisCache:
    """``get``/``put`` analyses under ``root/v<version>/``; picklable (workers write to it)."""

    def __init__(self, root: str | os.PathLike, version: str) -> None:
        self.dir = Path(root) / f"v{version}"

    def _path(self, sha256: str) -> Path:
        return self.dir / sha256[:2] / f"{sha256}.pkl"

    def get(self, sha256: str) -> DocAnalysis | None:
        try:
            with open(self._path(sha256), "rb") as f:
                value = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError,
                IndexError, KeyError, MemoryError):
            return None
        return value if isinstance(value, DocAnalysis) and isinstance(value.text, str) and value.text else None

    def put(self, sha256: str, analysis: DocAnalysis) -> None:
        try:
            _atomic_write(self._path(sha256), pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _part_path(self, sha256: str, name: str) -> Path:
        return self.dir / f"parts-{PART_VERSION}" / sha256[:2] / f"{sha256}-{h(name, n=12)}.pkl"

    def get_part(self, sha256: str, name: str) -> SourcePart | None:
        """The part of the document with these bytes and this name, or None."""
        try:
            with open(self._part_path(sha256, name), "rb") as f:
                value = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError,
                IndexError, KeyError, MemoryError):
            return None
        ok = isinstance(value, SourcePart) and value.source.sha256 == sha256 and value.source.name == name
        return value if ok and isinstance(value.source.text, str) and value.source.text else None

    def put_part(self, part: SourcePart) -> None:
        try:
            _atomic_write(self._part_path(part.source.sha256, part.source.name),
                          pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a cache that cannot be written only costs time

    def file_index(self) -> FileIndex:
        """The stat index of the inputs, kept next to the analyses."""
        return FileIndex(self.dir / "files.json")


@dataclass(frozen=True)
class FileEntry:
    """What an input file was when it was last read."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    sha256: str
    format: str
    encoding: str | None
    warnings: tuple[str, ...] = ()

    def matches(self, st: os.stat_result) -> bool:
        return (self.size, self.mtime_ns, self.ctime_ns, self.inode) == (st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                                                                          st.st_ino)


class FileIndex:
    """path → :class:`FileEntry`; ``save`` keeps only the paths seen in this build."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._old: dict[str, FileEntry] = {}
        self._new: dict[str, FileEntry] = {}
        try:
            data = json.loads(self.path.read_bytes())
            if data.get("format") == _INDEX_FORMAT:
                for p, e in data["files"].items():
                    self._old[p] = FileEntry(*e[:7], tuple(e[7]))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self._old = {}  # no index, or a broken one: every file is read

    def lookup(self, path: str, st: os.stat_result) -> FileEntry | None:
        """The entry of ``path`` if the file is unchanged since it was indexed (and keep it)."""
        e = self._old.get(path)
        if e is not None and e.matches(st):
            self._new[path] = e
            return e
        return None

    def record(self, path: str, st: os.stat_result, sha256: str, fmt: str, encoding: str | None,
               warnings: tuple[str, ...]) -> None:
        """Index ``path`` as read, with the ``stat`` taken before reading it."""
        if time.time_ns() - st.st_mtime_ns < RACY_SECONDS * 1e9:
            return  # modified just now: another change in the same tick would keep this stat
        self._new[path] = FileEntry(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, sha256, fmt, encoding,
                                    tuple(warnings))

    def __len__(self) -> int:
        return len(self._new)

    def save(self) -> None:
        files = {p: [e.size, e.mtime_ns, e.ctime_ns, e.inode, e.sha256, e.format, e.encoding, list(e.warnings)]
                 for p, e in sorted(self._new.items())}
        try:
            _atomic_write(self.path, json.dumps({"format": _INDEX_FORMAT, "files": files}, ensure_ascii=False)
                          .encode("utf-8"))
        except OSError:
            pass
