"""SPARQL over graph files or store folders, on an embedded Oxigraph store.

Queries are read-only and local. Each is parsed with rdflib's SPARQL 1.1 grammar before it
runs, and refused when it is an update (`LOAD`, `INSERT`, `CLEAR` ...), calls `SERVICE`, or
names in `FROM` / `FROM NAMED` a graph that is not in the loaded data: a query never reaches
the network or another file. Keywords inside strings, IRIs or comments are data, not operations.

The check sees exactly the text the engine runs: codepoint escapes (`\u0053`) are decoded once,
before both (as SPARQL 1.1 section 19.2 says, and as rdflib does, while Oxigraph would decode
them only inside strings and IRIs); a text that still holds an escape after that is refused.
Beside the grammar, a lexical scan of that same text refuses the word SERVICE anywhere outside
strings, IRIs and comments, so a disagreement between the two parsers cannot hide one.

kg's prefixes (`kgo:`, `kg:`, `skos:`, `dct:`, `prov:`, `schema:` ...) are declared on a first
line put before the query, so both parsers see them and a query may still declare its own;
error positions are given in the query as written.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.rdf import PREFIXES
from kg.store import first_line, read_store

FORMATS = ("table", "csv", "tsv", "json")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
UPDATES = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
           "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
           "Modify": "DELETE/INSERT"}
Result = tuple[list[str], list[list]] | bool
CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Where keywords are data: strings (long forms first), IRIs, comments, and a backslash escape outside
# them (`ex:a\'b` is a name, not the start of a string).
LEXICAL_DATA = re.compile("|".join([
    r"'''(?:[^'\\]|\\.|'(?!''))*'''", r'"""(?:[^"\\]|\\.|"(?!""))*"""',
    r"'(?:[^'\\\n\r]|\\.)*'", r'"(?:[^"\\\n\r]|\\.)*"',
    r'<[^<>"{}|^`\\\x00-\x20]*>', r"#[^\n\r]*", r"\\.",
]), re.DOTALL)
PROLOGUE = " ".join(f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items()) + "\n"
ENGINE_POSITION = re.compile(r"error at (\d+):(\d+): ")
PREFIXED_NAME_WITH_SLASH = re.compile(r"(?<![\w?$\\])[A-Za-z][\w.-]*:[\w.-]+/")
SERVICE_WORD = re.compile(r"(?<![\w?$:-])service(?![\w:-])", re.IGNORECASE)


def decode_escapes(sparql: str) -> str:
    """The query text with its codepoint escapes decoded, as every SPARQL parser must see it.

    >>> decode_escapes(r"SELECT * { \\u0053ERVICE <x> {} }")
    'SELECT * { SERVICE <x> {} }'
    """
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"invalid SPARQL: escape {match.group(0)} is not a character")
        return chr(code)

    decoded = CODEPOINT_ESCAPE.sub(char, sparql)
    if CODEPOINT_ESCAPE.search(decoded):
        raise QueryError("query refused: an escape decodes to another escape; write the character itself")
    return decoded


def outside_data(sparql: str) -> str:
    """The query text with strings, IRIs and comments blanked out (keywords left where they are).

    >>> outside_data('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    'SELECT * { ?s ?p   }  '
    """
    return LEXICAL_DATA.sub(" ", sparql)


def syntax_error(line: int, column: int, message: str) -> QueryError:
    """A syntax error at a position of the text that runs, named in the query as written (after PROLOGUE)."""
    return QueryError(f"invalid SPARQL at line {line - 1}, column {column}: {message}")


def parse(sparql: str):
    """The parse tree of a query that starts with PROLOGUE; an update or a syntax error is a QueryError."""
    try:
        return parseQuery(sparql)
    except ParseException as e:
        hint = ""
        if PREFIXED_NAME_WITH_SLASH.search(outside_data(sparql)):
            hint = " (a prefixed name cannot hold '/': write kg:country\\/JPN or <https://w3id.org/kg/id/country/JPN>)"
        error = syntax_error(e.lineno, e.col, e.msg + hint)
    try:
        update = parseUpdate(sparql)
    except ParseException:
        raise error from None
    operations = [UPDATES.get(op.name, op.name) for op in update.get("request") or ()]
    if not operations:
        raise error
    raise QueryError(f"query refused: {operations[0]} is an update; only read-only queries run")


def nodes(tree) -> Iterator[CompValue]:
    """Every node of a parse tree, depth first."""
    if isinstance(tree, CompValue):
        yield tree
        children = tree.values()
    elif isinstance(tree, (list, tuple)) or hasattr(tree, "as_list"):
        children = tree
    else:
        return
    for child in children:
        yield from nodes(child)


def check_query(sparql: str, graphs: set[str]) -> bool:
    """Refuse anything that would write, reach the network, or read outside `graphs`.

    Returns whether the query names its own dataset with FROM / FROM NAMED. `sparql` is the
    query, its escapes already decoded (see decode_escapes): the engine runs PROLOGUE + `sparql`.
    """
    tree = parse(PROLOGUE + sparql)
    if SERVICE_WORD.search(outside_data(sparql)):
        raise QueryError("query refused: SERVICE is not allowed (queries never reach the network)")
    own_dataset = False
    try:
        prologue = translatePrologue(tree[0], None)
        for node in nodes(tree):
            if node.name == "ServiceGraphPattern":
                raise QueryError("query refused: SERVICE is not allowed (queries never reach the network)")
            if node.name == "DatasetClause":
                own_dataset = True
                iri = str(prologue.absolutize(node["default"] if "default" in node else node["named"]))
                if iri not in graphs:
                    raise QueryError(f"query refused: FROM <{iri}> is not a graph of the loaded data")
    except (KeyError, ValueError, TypeError) as e:
        raise QueryError(f"invalid SPARQL: {first_line(e)}") from e
    return own_dataset


def run_query(path: str | Path, sparql: str) -> Result:
    """Column names and rows of terms (None when unbound) of a SELECT, CONSTRUCT or DESCRIBE,
    or the answer of an ASK, over a graph file or store folder.

    The default graph is the union of all graphs, unless the query names its own with FROM.
    """
    sparql = decode_escapes(sparql)
    store = read_store(path)
    own_dataset = check_query(sparql, {graph.value for graph in store.named_graphs()})
    try:
        result = store.query(PROLOGUE + sparql, use_default_graph_as_union=not own_dataset)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            return ["subject", "predicate", "object"], [[t.subject, t.predicate, t.object] for t in result]
        names = [v.value for v in result.variables]
        return names, [[solution[name] for name in names] for solution in result]
    except SyntaxError as e:
        position = ENGINE_POSITION.match(first_line(e))
        if position:
            raise syntax_error(int(position[1]), int(position[2]), first_line(e)[position.end():]) from e
        raise QueryError(f"invalid SPARQL: {first_line(e)}") from e
    except OSError as e:
        raise QueryError(f"query failed: {first_line(e)}") from e


def term_json(term) -> dict:
    """A term as in SPARQL 1.1 Query Results JSON."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": term_json(term.subject),
                                        "predicate": term_json(term.predicate), "object": term_json(term.object)}}


def term_text(term) -> str:
    """A term's plain value (`_:id` for blank nodes), as in SPARQL CSV results."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def printable(text: str) -> str:
    """Control, format and other non-printing characters shown as escapes, never sent raw."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def column_widths(natural: list[int], width: int | None, gap: int = 2, least: int = 6) -> list[int]:
    """Column widths that fit `width` characters: the widest columns cut to one cap, never below `least`.

    >>> column_widths([10, 40, 5], 40)
    [10, 21, 5]
    """
    room = None if width is None else width - gap * (len(natural) - 1)
    if room is None or sum(natural) <= room:
        return natural
    cap = max(natural)
    while cap > least and sum(min(w, cap) for w in natural) > room:
        cap -= 1
    return [min(w, cap) for w in natural]


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def format_result(result: Result, fmt: str, width: int | None = None) -> str:
    """`table` (plain values, for reading; cells cut with `…` to fit `width` characters), `csv`
    (SPARQL CSV: plain values), `tsv` (SPARQL TSV: terms in N-Triples syntax) or `json` (SPARQL
    1.1 Query Results JSON)."""
    if isinstance(result, bool):
        return json.dumps({"head": {}, "boolean": result}) if fmt == "json" else str(result).lower()
    names, rows = result
    if fmt == "json":
        bindings = [{n: term_json(t) for n, t in zip(names, row, strict=True) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([term_text(t) for t in row] for row in rows)
        return out.getvalue().removesuffix("\r\n")
    if fmt == "tsv":
        lines = ["\t".join("?" + n for n in names)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return "\n".join(lines)
    cells = [[printable(term_text(t)) for t in row] for row in rows]
    widths = column_widths([max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)], width)
    lines = ["  ".join(fit(v, w).ljust(w) for v, w in zip(row, widths, strict=True)) for row in [names, *cells]]
    return "\n".join(line.rstrip() for line in lines)
