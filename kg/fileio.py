"""Copying byte ranges between files, in the kernel where it can: how a rebuild reuses the
previous output's unchanged parts (graph.nq, graph.trig, graph.ttl, citations.csv, graph.json)."""

from __future__ import annotations

import os

__all__ = ["copy_range"]


def copy_range(src: int, dst: int, offset: int, length: int) -> None:
    """Append ``length`` bytes of the file ``src`` (a descriptor) from ``offset`` to the file ``dst``
    at its current position (``copy_file_range``; through memory where the kernel cannot)."""
    copy = getattr(os, "copy_file_range", None)
    while length > 0 and copy is not None:
        try:
            done = copy(src, dst, length, offset)
        except OSError:
            break  # not supported here: copy through memory
        if done == 0:
            break
        offset, length = offset + done, length - done
    while length > 0:
        chunk = os.pread(src, min(length, 1 << 24), offset)
        if not chunk:
            raise OSError("the previous output is shorter than its manifest says")
        view = memoryview(chunk)
        while view:
            view = view[os.write(dst, view):]
        offset, length = offset + len(chunk), length - len(chunk)
