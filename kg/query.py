"""SPARQL over written graph files, on an embedded Oxigraph store.

Queries are read-only and local: updates, `LOAD`, `SERVICE` and `FROM`/`FROM NAMED`
pointing outside the loaded data are refused before anything runs.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError

RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
               ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
               ".owl": ox.RdfFormat.RDF_XML}
_STRINGS = re.compile(r"\"\"\".*?\"\"\"|'''.*?'''|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|#[^\n]*", re.S)
_REFUSED = re.compile(r"\b(SERVICE|LOAD|INSERT|DELETE|CLEAR|DROP|CREATE|COPY|MOVE|ADD|WITH)\b", re.I)
_FROM = re.compile(r"\bFROM\s+(?:NAMED\s+)?<([^>]*)>", re.I)


def load_store(path: str | Path) -> ox.Store:
    """An in-memory store holding the file's triples; Turtle/N-Triples go to the default graph."""
    path = Path(path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{path}: unknown RDF format (use one of {', '.join(sorted(RDF_FORMATS))})")
    store = ox.Store()
    try:
        with open(path, "rb") as f:
            store.bulk_load(f, fmt)
    except OSError as e:
        raise QueryError(f"{path}: cannot read ({e.strerror})") from e
    except SyntaxError as e:
        raise QueryError(f"{path}: not valid {path.suffix[1:]} ({str(e).splitlines()[0]})") from e
    return store


def check_query(sparql: str, store: ox.Store) -> None:
    """Refuse anything that would write, fetch from the network, or read outside the store."""
    code = _STRINGS.sub(" ", sparql)
    refused = _REFUSED.search(code)
    if refused:
        raise QueryError(f"query refused: {refused.group(1).upper()} is not allowed (read-only, local queries only)")
    graphs = {str(g.value) for g in store.named_graphs()}
    for iri in _FROM.findall(code):
        if iri not in graphs:
            raise QueryError(f"query refused: FROM <{iri}> is not a graph of the loaded data")


def run_query(path: str | Path, sparql: str) -> tuple[list[str], list[list[str]]] | bool:
    """Column names and rows of a SELECT, or the answer of an ASK."""
    store = load_store(path)
    check_query(sparql, store)
    try:
        result = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(f"invalid SPARQL: {str(e).splitlines()[0]}") from e
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        rows = [[term_text(t.subject), term_text(t.predicate), term_text(t.object)] for t in result]
        return ["subject", "predicate", "object"], rows
    names = [v.value for v in result.variables]
    return names, [[term_text(solution[name]) for name in names] for solution in result]


def term_text(term) -> str:
    if term is None:
        return ""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)) else str(term)


def format_result(result: tuple[list[str], list[list[str]]] | bool, fmt: str) -> str:
    """The result as `table`, `csv`, `tsv` or `json` (SPARQL 1.1 results JSON shape)."""
    if isinstance(result, bool):
        return json.dumps({"head": {}, "boolean": result}) if fmt == "json" else str(result).lower()
    names, rows = result
    if fmt == "json":
        bindings = [{n: {"type": "literal", "value": v} for n, v in zip(names, row) if v} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)
