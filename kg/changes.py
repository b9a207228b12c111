"""Change detection (placeholder until the change-detection module lands)."""

from __future__ import annotations


def apply_inference(result, declared=None) -> None:
    result.stale = []
    result.changes = []


def write_changes(result, out_dir) -> None:
    pass
