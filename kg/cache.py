"""The build cache: one pickled analysis per input, keyed by content hash and analysis version.

Rebuilding an unchanged corpus re-reads nothing but the files' bytes (to hash
them); a changed file has a new hash and is analysed again; a removed file is
simply not asked for.  A corrupt or foreign cache entry is a miss, never an
error.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from .analyse import DocAnalysis

__all__ = ["AnalysisCache"]


class AnalysisCache:
    """``get``/``put`` analyses under ``root/<version>/``."""

    def __init__(self, root: str | os.PathLike, version: str) -> None:
        self.dir = Path(root) / f"v{version}"

    def _path(self, sha256: str) -> Path:
        return self.dir / sha256[:2] / f"{sha256}.pkl"

    def get(self, sha256: str) -> DocAnalysis | None:
        p = self._path(sha256)
        try:
            with open(p, "rb") as f:
                value = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None
        return value if isinstance(value, DocAnalysis) else None

    def put(self, sha256: str, analysis: DocAnalysis) -> None:
        p = self._path(sha256)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(analysis, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, p)
        except OSError:
            pass  # a cache that cannot be written only costs time
