"""The embedded Oxigraph store that ``policykg query`` and ``policykg serve`` use."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

__all__ = ["load_store", "open_store"]


def load_store(nquads: str | os.PathLike, store_dir: str | os.PathLike) -> None:
    """Bulk-load an N-Quads file into a fresh on-disk Oxigraph store at ``store_dir``."""
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store


def open_store(store_dir: str | os.PathLike, *, read_only: bool = True):
    """Open a built store (read-only by default, so several readers can share it)."""
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    if not store_dir.is_dir():
        raise FileNotFoundError(f"{store_dir}: no store here; run `policykg build` first")
    return ox.Store.read_only(str(store_dir)) if read_only else ox.Store(str(store_dir))
