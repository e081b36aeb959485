"""Relation extraction over spaCy's dependency parse, driven by the ontology's lexicons.

`extract(docs, nlp, ontology)` turns documents into `Statement`s; no spaCy object leaves
this package. The rules are general: a trigger word from `ontology/lexicon/triggers.tsv`
names a relation, and its arguments are found along the parse (subjects, objects,
prepositions, possessives, coordination), then resolved to entities through the gazetteer,
titles, and within-document coreference for pronouns, role nouns and short names.

Each sentence is read once into a frozen `SentenceContext` (`mentions`), then every reader
of `READERS` (a plain function: context -> statements; `READS` names the reader of each
`read` kind of relations.tsv) reads it in turn:

- `offices`: titles, appositions and copulas (head_of_state, official_of, ...), remembered as roles;
  `tenures`: offices said by other words (`Yeltsin's administration`, `won the presidential election`);
- `capitals`: capital_of from `capital` nouns;
- `membership`: member_of from `NATO-member Norway`, `Labour leader X`, and negated from `X withdrew from Y`;
- `relations`: trigger words, with `arguments` (subjects, objects, owners, coordination),
  `coref` (pronouns, role nouns, short names) and `modality`;
- `structural`: visits and places read from the sentence's shape.

`time` gives each statement the time its sentence says, read against the document's date.

`confidence` holds every confidence factor; `text` the paragraphs and headlines spaCy parses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import confidence
from kg.extract.capitals import capitals
from kg.extract.context import DocState, SentenceContext
from kg.extract.coref import note_named
from kg.extract.membership import membership
from kg.extract.mentions import read_sentence, sentence_ents
from kg.extract.offices import titles
from kg.extract.relations import relations
from kg.extract.structural import places, visits
from kg.extract.text import is_headline, is_title_span, paragraphs, parse_text
from kg.ontology import Ontology
from kg.timex import parse_date
from kg.types import Document, Statement

__all__ = ["READERS", "READS", "dedupe", "extract", "extract_doc", "is_headline", "paragraphs", "parse_text"]

Reader = Callable[[SentenceContext], Iterable[Statement]]
# The reader for each way a relation can be read (the `read` column of relations.tsv), in the order they run.
READS: dict[str, Reader] = {"office": titles, "capital": capitals, "membership": membership,
                            "trigger": relations, "visit": visits, "place": places}
READERS: tuple[Reader, ...] = tuple(READS.values())


def extract_doc(document: Document, parsed: Iterable[tuple[int, bool, Doc]], ontology: Ontology,
                readers: tuple[Reader, ...] = READERS) -> Iterator[Statement]:
    """Statements of one document from its parsed paragraphs, in text order."""
    state = DocState(ontology, parse_date(document.date))
    for offset, headline, doc in parsed:
        title = is_title_span(doc)
        for sent, ents in sentence_ents(doc):
            ctx = read_sentence(sent, ents, state, offset, document.id, headline)
            for reader in readers:
                for statement in reader(ctx):
                    yield replace(statement, confidence=round(statement.confidence * confidence.TITLE_LINE, 3)) \
                        if title else statement
            note_named(ctx)


def extract(documents: Iterable[Document], nlp: Language, ontology: Ontology,
            batch_size: int = 64) -> Iterator[tuple[Document, list[Statement]]]:
    """Each document with its statements; the paragraphs of all documents stream through one `nlp.pipe`
    (a paragraph's parse does not depend on the paragraphs batched with it)."""
    def pieces() -> Iterator[tuple[str, tuple[int, Document, int, bool]]]:
        for n, document in enumerate(documents):
            for offset, line in list(paragraphs(document.text)) or [(0, "")]:
                text = parse_text(line, ontology)
                yield text, (n, document, offset, text != line)

    parsed = nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True)
    for _, group in groupby(parsed, key=lambda item: item[1][0]):
        group = list(group)
        document = group[0][1][1]
        found = ((offset, headline, doc) for doc, (_, _, offset, headline) in group)
        yield document, dedupe(extract_doc(document, found, ontology), ontology)


def dedupe(statements: Iterable[Statement], ontology: Ontology) -> list[Statement]:
    """One statement per sentence and (subject, relation, object); symmetric pairs once."""
    best: dict[tuple, Statement] = {}
    for st in statements:
        if ontology.relations[st.relation].symmetric and st.subject.id > st.object.id:
            st = replace(st, subject=st.object, object=st.subject)
        key = (st.evidence.start, st.relation, st.subject.id, st.object.id)
        if key not in best or st.confidence > best[key].confidence:
            best[key] = st
    return list(best.values())
