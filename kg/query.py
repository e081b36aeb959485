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

A query deeper than MAX_NESTING brackets or with more than MAX_OPERATORS operators (UNION,
OPTIONAL, `||`, `+` ...) is refused before either parser sees it: both recurse over the tree.
`kg query` runs queries through kg.sandbox, in a child process with a deadline and a memory bound.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.rdf import PREFIXES
from kg.store import first_line, read_store
from kg.terminal import printable

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
MAX_NESTING = 32
MAX_OPERATORS = 1000
BRACKETS = re.compile(r"[{}()\[\]]")
OPERATORS = re.compile(r"\|\||&&|[-+*/|^!=<>]|(?<![\w?$:-])(?:union|optional|minus|filter|bind|values)(?![\w:-])",
                       re.IGNORECASE)
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


def check_size(sparql: str) -> None:
    """Refuse a query nested deeper than MAX_NESTING or chaining more than MAX_OPERATORS operators."""
    code = outside_data(sparql)
    depth = deepest = 0
    for bracket in BRACKETS.findall(code):
        depth += 1 if bracket in "{([" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise QueryError(f"query refused: nested {deepest} levels deep, over the limit of {MAX_NESTING}")
    operators = len(OPERATORS.findall(code))
    if operators > MAX_OPERATORS:
        raise QueryError(f"query refused: {operators} operators (UNION, OPTIONAL, ||, + ...), "
                         f"over the limit of {MAX_OPERATORS}")


def parse(sparql: str):
    """The parse tree of a query that starts with PROLOGUE; an update or a syntax error is a QueryError."""
    try:
        return parseQuery(sparql)
    except RecursionError:
        raise QueryError("query refused: nested too deeply to parse") from None
    except ParseException as e:
        hint = ""
        if PREFIXED_NAME_WITH_SLASH.search(outside_data(sparql)):
            hint = " (a prefixed name cannot hold '/': write kg:country\\/JPN or <https://w3id.org/kg/id/country/JPN>)"
        error = syntax_error(e.lineno, e.col, e.msg + hint)
    try:
        update = parseUpdate(sparql)
    except (ParseException, RecursionError):
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
    check_size(sparql)
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


def evaluate(path: str | Path, sparql: str) -> Result:
    """Like run_query, but the rows are an iterator, evaluated as they are read."""
    sparql = decode_escapes(sparql)
    store = read_store(path)
    own_dataset = check_query(sparql, {graph.value for graph in store.named_graphs()})
    with engine_errors():
        result = store.query(PROLOGUE + sparql, use_default_graph_as_union=not own_dataset)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return ["subject", "predicate", "object"], solutions(result, None)
    names = [v.value for v in result.variables]
    return names, solutions(result, names)


@contextmanager
def engine_errors():
    """The engine's syntax and evaluation errors as QueryErrors (positions in the query as written)."""
    try:
        yield
    except SyntaxError as e:
        position = ENGINE_POSITION.match(first_line(e))
        if position:
            raise syntax_error(int(position[1]), int(position[2]), first_line(e)[position.end():]) from e
        raise QueryError(f"invalid SPARQL: {first_line(e)}") from e
    except OSError as e:
        raise QueryError(f"query failed: {first_line(e)}") from e


def solutions(result, names: list[str] | None) -> Iterator[list]:
    """The rows of a SELECT (`names`) or CONSTRUCT / DESCRIBE (None) result, as they are evaluated."""
    with engine_errors():
        for row in result:
            yield [row.subject, row.predicate, row.object] if names is None else [row[name] for name in names]


def run_query(path: str | Path, sparql: str) -> Result:
    """Column names and rows of terms (None when unbound) of a SELECT, CONSTRUCT or DESCRIBE,
    or the answer of an ASK, over a graph file or store folder.

    The default graph is the union of all graphs, unless the query names its own with FROM.
    """
    result = evaluate(path, sparql)
    return result if isinstance(result, bool) else (result[0], list(result[1]))


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
    return "".join(format_chunks(result, fmt, width))


def format_chunks(result: Result, fmt: str, width: int | None = None, batch: int = 1000) -> Iterator[str]:
    """format_result's text in pieces, `batch` rows at a time, reading the rows as it goes.

    A table sizes its columns within each batch."""
    if isinstance(result, bool):
        yield json.dumps({"head": {}, "boolean": result}) if fmt == "json" else str(result).lower()
        return
    names, rows = result
    rows = iter(rows)
    if fmt == "json":
        yield json.dumps({"head": {"vars": names}}, ensure_ascii=False)[:-1] + ', "results": {"bindings": ['
        for n, chunk in enumerate(iter(lambda: list(islice(rows, batch)), [])):
            yield ", " * (n > 0) + ", ".join(json.dumps({v: term_json(t) for v, t in zip(names, row, strict=True)
                                                          if t is not None}, ensure_ascii=False) for row in chunk)
        yield "]}}"
        return
    first = True
    while (chunk := list(islice(rows, batch))) or first:
        separator = "" if first else "\r\n" if fmt == "csv" else "\n"
        yield separator + format_rows(names, chunk, fmt, width, header=first)
        first = False


def format_rows(names: list[str], rows: list[list], fmt: str, width: int | None, header: bool) -> str:
    """Rows of a csv, tsv or table result, after the header line when `header`, without a final newline."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if header:
            writer.writerow(names)
        writer.writerows([term_text(t) for t in row] for row in rows)
        return out.getvalue().removesuffix("\r\n")
    if fmt == "tsv":
        lines = ["\t".join("?" + n for n in names)] if header else []
        return "\n".join(lines + ["\t".join("" if t is None else str(t) for t in row) for row in rows])
    cells = [[printable(term_text(t)) for t in row] for row in rows]
    widths = column_widths([max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)], width)
    lines = [fit_row(row, widths) for row in ([names] if header else []) + cells]
    return "\n".join(line.rstrip() for line in lines)


def fit_row(row: list[str], widths: list[int]) -> str:
    return "  ".join(fit(v, w).ljust(w) for v, w in zip(row, widths, strict=True))
