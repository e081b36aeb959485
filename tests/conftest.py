"""Shared fixtures: the ontology and the spaCy pipeline are loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from kg.nlp import load_pipeline
from kg.ontology import load_ontology

# CI runs the same examples every time, so a red build always means a change, never a lucky draw.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def ontology():
    return load_ontology()


@pytest.fixture(scope="session")
def nlp(ontology):
    return load_pipeline(ontology)


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The seeds built once with default settings: (BuildResult, output folder)."""
    from kg.pipeline import build, write_outputs

    out = tmp_path_factory.mktemp("seeds-build")
    result = build([SEEDS])
    write_outputs(result, out)
    return result, out
