"""Shared fixtures: the sample corpus built once per test session."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Test helper modules (makedocs) live next to the tests.
sys.path.insert(0, str(Path(__file__).parent))

FIXTURES = Path(__file__).parent / "fixtures"
DEV = FIXTURES / "dev"


@dataclass
class Built:
    out: Path
    result: object
    store: object


@pytest.fixture(scope="session")
def built_samples(tmp_path_factory) -> Built:
    """``policykg build`` of the bundled samples, with its store opened read-only."""
    from kg import build
    from kg.store import open_store

    out = tmp_path_factory.mktemp("samples") / "output"
    result = build(out_dir=out, use_cache=False)
    return Built(out=out, result=result, store=open_store(out / "store"))
