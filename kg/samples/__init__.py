"""The bundled sample corpus: two budget disclosures of one county bureau (2021, 2022)."""

from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent
SAMPLE_FILES = tuple(sorted(SAMPLES_DIR.glob("*.txt")))
