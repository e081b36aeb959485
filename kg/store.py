"""Oxigraph stores: graph files loaded safely, and the on-disk store of `kg build --store`.

Loading never touches the network or other files: JSON-LD remote contexts are refused by the
parser, and RDF/XML is refused above MAX_RDF_XML bytes, nested deeper than MAX_RDF_XML_DEPTH
elements (its parser's time grows with the square of the depth), or when it declares a DTD (whose
entities could expand without bound). A literal or IRI over the parsers' 16 MB buffer is one
error line naming the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from xml.parsers import expat

import pyoxigraph as ox

from kg.errors import ExportError, InputError
from kg.files import atomic_write
from kg.ontology import load_ontology
from kg.rdf import DATASET_FORMATS, ENTITY_PROPERTIES, FORMATS, TYPE, Graph, quad_graphs, serialize

RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
               ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
               ".owl": ox.RdfFormat.RDF_XML}
MAX_RDF_XML = 16 * 2**20
MAX_RDF_XML_DEPTH = 256
MAX_TERM_MB = 16  # pyoxigraph's parser buffer: no single literal or IRI may be longer
STORE_MARK = "CURRENT"  # every on-disk Oxigraph (RocksDB) store has it
BUILD_GRAPH = "graph.trig"
STORE_BATCH = 100  # graphs loaded in one transaction


def first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0]


def open_store(directory: str | Path, read_only: bool = False) -> ox.Store:
    """The on-disk store in `directory` (created when missing, unless read-only)."""
    try:
        return ox.Store.read_only(str(directory)) if read_only else ox.Store(str(directory))
    except OSError as e:
        raise InputError(f"{directory}: cannot open the store ({first_line(e)})") from e
    except RuntimeError as e:  # RocksDB's own errors: a store left half-created by a kill, a damaged file
        raise InputError(f"{directory}: cannot open the store ({first_line(e)}); if a build was killed while "
                         "writing it, remove the folder and build again") from e


def source(path: Path) -> Path:
    """A store folder or graph file as it is; a build folder stands for its graph.trig."""
    if path.is_dir() and not (path / STORE_MARK).is_file():
        if not (path / BUILD_GRAPH).is_file():
            raise InputError(f"{path}: neither a store folder (kg build --store) nor a build folder with "
                             f"{BUILD_GRAPH}; pass a graph file (.ttl, .trig, ...)")
        return path / BUILD_GRAPH
    return path


def file_format(path: Path) -> ox.RdfFormat:
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown RDF format (use one of {', '.join(RDF_FORMATS)} or a store folder)")
    return fmt


@contextmanager
def read_errors(path: Path):
    """A graph file that cannot be read or parsed is an InputError naming it."""
    try:
        yield
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or first_line(e)})") from e
    except MemoryError as e:
        raise InputError(f"{path}: cannot load a literal or IRI over {MAX_TERM_MB} MB ({first_line(e)})") from e
    except SyntaxError as e:
        reason = first_line(e)
        if "LoadDocumentCallback" in reason:
            reason = "it names a remote @context, which is never fetched"
        raise InputError(f"{path}: not valid {path.suffix[1:]} ({reason})") from e


def read_store(path: str | Path) -> ox.Store:
    """A store folder opened read-only, or an in-memory store holding a graph file's quads.

    Turtle and N-Triples go to the default graph; TriG, N-Quads and JSON-LD keep their graphs.
    A build folder (`kg build -o OUT`) stands for its `graph.trig`.
    """
    path = source(Path(path))
    if path.is_dir():
        return open_store(path, read_only=True)
    fmt, store = file_format(path), ox.Store()
    with read_errors(path):
        if fmt == ox.RdfFormat.RDF_XML:
            store.load(safe_rdf_xml(path), fmt)
        else:
            store.bulk_load(path=str(path), format=fmt)
    return store


def read_quads(path: str | Path) -> Iterable[ox.Quad]:
    """The quads of a graph file with their literals as written, or of a store folder.

    (A store keeps numbers in canonical form: `1.0` comes back as `"1"^^xsd:decimal`.)
    """
    path = source(Path(path))
    if path.is_dir():
        return open_store(path, read_only=True)
    fmt = file_format(path)
    with read_errors(path):
        if fmt == ox.RdfFormat.RDF_XML:
            return list(ox.parse(safe_rdf_xml(path), format=fmt))
        return list(ox.parse(path=str(path), format=fmt))


def safe_rdf_xml(path: Path) -> bytes:
    if path.stat().st_size > MAX_RDF_XML:
        raise InputError(f"{path}: RDF/XML larger than {MAX_RDF_XML // 2**20} MB is refused (convert it to N-Triples)")
    data = path.read_bytes()
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError(f"{path}: RDF/XML with a DTD or entity declarations is refused")
    if xml_depth(data) > MAX_RDF_XML_DEPTH:
        raise InputError(f"{path}: RDF/XML nested deeper than {MAX_RDF_XML_DEPTH} elements is refused")
    return data


class TooDeep(Exception):
    pass


def xml_depth(data: bytes) -> int:
    """How deep the elements of an XML text nest, counted up to MAX_RDF_XML_DEPTH + 1 (a syntax error is
    left to the RDF/XML parser to report)."""
    parser, depth, deepest = expat.ParserCreate(), 0, 0

    def start(*_) -> None:
        nonlocal depth, deepest
        depth += 1
        deepest = max(deepest, depth)
        if depth > MAX_RDF_XML_DEPTH:
            raise TooDeep

    def end(_) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        parser.Parse(data, True)
    except (TooDeep, expat.ExpatError):
        pass
    return deepest


# Drop what no statement backs any more: direct edges (a symmetric relation's in either
# direction), then entities (the default graph of a store is then what a build of all its
# documents at once would write). SYMMETRIC: the symmetric relations' IRIs.
PRUNE = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
DELETE { ?s ?p ?o } WHERE {
  ?s ?p ?o . ?s a ?class .
  FILTER(STRSTARTS(STR(?p), STR(kgo:)) && ?p != kgo:country)
  FILTER NOT EXISTS { GRAPH ?g { ?statement kgo:relation ?p ; kgo:subject ?s ; kgo:object ?o } }
  FILTER(?p NOT IN (SYMMETRIC)
         || NOT EXISTS { GRAPH ?g { ?statement kgo:relation ?p ; kgo:subject ?o ; kgo:object ?s } })
} ;
DELETE { ?e ?p ?o } WHERE {
  ?e a ?class ; ?p ?o .
  FILTER(STRSTARTS(STR(?class), STR(kgo:)))
  FILTER NOT EXISTS { GRAPH ?g { ?statement kgo:subject|kgo:object ?e } }
}"""


def write_store(graphs: Iterable[Graph], directory: str | Path) -> Path:
    """Add the graphs of a kg dataset (`kg.rdf.to_graphs`) to the on-disk store in `directory`, duplicating nothing.

    Each document graph replaces the one of the same name; each entity's description replaces
    the stored one; direct edges and entities no statement backs any more are dropped. So
    building again with more articles adds them, and building an article again replaces it.
    """
    store = open_store(directory)
    try:
        graphs = iter(graphs)
        while batch := list(islice(graphs, STORE_BATCH)):
            for name, triples in batch:
                if name:
                    store.remove_graph(ox.NamedNode(name[1:-1]))
                else:
                    remove_descriptions(store, {s for s, p, _ in triples if p == TYPE})
            store.load("".join(serialize(batch, "nq")), ox.RdfFormat.N_QUADS)
        symmetric = ", ".join(f"kgo:{r.name}" for r in load_ontology().relations.values() if r.symmetric)
        store.update(PRUNE.replace("SYMMETRIC", symmetric))
        store.flush()
    except (OSError, SyntaxError) as e:
        raise ExportError(f"{directory}: cannot write to the store ({first_line(e)})") from e
    return Path(directory)


def remove_descriptions(store: ox.Store, entities: Iterable[str]) -> None:
    """Drop what the store says of these entities (N-Triples IRIs) in the default graph."""
    default = ox.DefaultGraph()
    for entity in entities:
        for prop in ENTITY_PROPERTIES:
            for quad in list(store.quads_for_pattern(ox.NamedNode(entity[1:-1]), ox.NamedNode(prop[1:-1]),
                                                     None, default)):
                store.remove(quad)


def export(source: str | Path, out: str | Path, fmt: str | None = None) -> Path:
    """A graph file or store written in another format (`FORMATS`) by kg's serializer."""
    fmt = fmt or Path(out).suffix.lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r} (use one of {', '.join(FORMATS)})")
    return atomic_write(out, serialize(quad_graphs(read_quads(source), union=fmt not in DATASET_FORMATS), fmt))
