"""Refusal holds by construction: obfuscated SERVICE, FROM and LOAD queries never open a connection.

A plain TCP listener on 127.0.0.1 counts every connection attempt; each generated query either is
refused with a QueryError or runs, and in both cases the listener must see nothing.
"""

from __future__ import annotations

import socket
import threading

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.query import check_query, decode_escapes, outside_data, run_query


@pytest.fixture(scope="module")
def listener():
    """(host:port, list of accepted connections) of a TCP server that answers nothing useful."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)
    accepted: list[tuple] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, peer = server.accept()
            except OSError:
                continue
            accepted.append(peer)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                         b"Content-Length: 60\r\n\r\n"
                         b'{"head":{"vars":["x"]},"results":{"bindings":[]}}          ')
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    server.close()


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("refusal") / "g.nq"
    path.write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n", encoding="utf-8")
    return path


def escape_some(word: str, mask: list[bool]) -> str:
    """`word` with the letters picked by `mask` written as \\u codepoint escapes."""
    return "".join(f"\\u{ord(c):04X}" if flag else c for c, flag in zip(word, mask, strict=False))


@st.composite
def keyword(draw, word: str) -> str:
    cased = "".join(c.upper() if draw(st.booleans()) else c.lower() for c in word)
    if not draw(st.booleans()):  # Oxigraph reads an escape outside strings as an error, rdflib as the letter
        return cased
    return escape_some(cased, draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word))))


# What may stand between two tokens: white space, comments, comments ended by an escaped line break.
GAPS = st.sampled_from([" ", "\t", "\n", "\r\n", " # note\n", " #\\u000A\n", " #\\u000D\n", "\n#\\u0020\n"])


@st.composite
def service_query(draw, address: str) -> str:
    gap = lambda: draw(GAPS)  # noqa: E731
    url = f"http://{address}/sparql"
    target = draw(st.sampled_from([
        f"<{url}>", f"<{escape_some(url, [True] * 4)}>", "e:sparql", "?endpoint", f"<{url.upper()}>"]))
    silent = draw(st.sampled_from(["", " SILENT", " silent", " \\u0053ILENT", "", ""]))
    service = f"{draw(keyword('service'))}{silent}{gap()}{target}{gap()}{{ ?x ?y ?z }}"
    wrap = draw(st.sampled_from([
        "{}", "OPTIONAL {{ {} }}", "FILTER EXISTS {{ {} }}", "{{ ?s ?p ?o }} UNION {{ {} }}",
        "{{ SELECT * WHERE {{ {} }} }}", "MINUS {{ {} }}", "GRAPH ?g {{ {} }}", "?s ?p ?o .{}",
        "BIND(<{url}> AS ?endpoint) {}",
        # a comment whose escaped newline, decoded early, would open a long string around the call
        '?a ?b ?c . # \\u000a ?a ?b """\n{}\n# """\n', "?a ?b ?c . # \\u000A ?a ?b '''\n{}\n# '''\n",
    ]))
    body = wrap.replace("{url}", url).format(service)
    prefix = f"PREFIX e: <http://{address}/>{gap()}"
    select = draw(keyword("select"))
    where = draw(st.sampled_from(["WHERE", "where", "", "\\u0057HERE"]))
    return f"{prefix}{select} *{gap()}{where}{gap()}{{{gap()}{body}{gap()}}}"


@st.composite
def dataset_or_load_query(draw, address: str) -> str:
    gap = lambda: draw(GAPS)  # noqa: E731
    iri = f"<http://{address}/data.ttl>"
    return draw(st.sampled_from([
        f"SELECT *{gap()}{draw(keyword('from'))}{gap()}{iri}{gap()}WHERE {{ ?s ?p ?o }}",
        f"SELECT * {draw(keyword('from'))} {draw(keyword('named'))}{gap()}{iri} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"{draw(keyword('load'))}{gap()}{iri}",
        f"{draw(keyword('load'))} SILENT {iri} INTO GRAPH <urn:x>",
    ]))


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def outcome(graph, query: str) -> str:
    try:
        run_query(graph, query)
    except QueryError as e:
        return str(e)
    return "ran"


@pytest.mark.parametrize("strategy", [service_query, dataset_or_load_query])
@SETTINGS
@given(data=st.data())
def test_obfuscated_service_from_and_load_never_connect(listener, graph, strategy, data):
    """Refused or run, a query opens no connection; FROM and LOAD queries never run at all."""
    address, accepted = listener
    query = data.draw(strategy(address))
    before = len(accepted)
    result = outcome(graph, query)
    assert strategy is service_query or result != "ran", query
    assert len(accepted) == before, (query, result)


def test_an_escaped_newline_in_a_comment_cannot_hide_service(listener, graph):
    """rdflib decodes escapes everywhere, Oxigraph only in strings: the check must see what runs."""
    address, accepted = listener
    query = ('SELECT ?x WHERE { # \\u000a ?a ?b """\n'
             f"SERVICE <http://{address}/sparql> {{ ?x ?y ?z }}\n"
             '# """\n}')
    run_query(graph, query)  # after decoding, SERVICE sits inside a long string: data, not a call
    assert accepted == []
    visible = f"SELECT ?x WHERE {{ # \\u000a\nSERVICE <http://{address}/sparql> {{ ?x ?y ?z }} }}"
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        run_query(graph, visible)
    assert accepted == []


def test_the_engine_runs_the_text_the_check_saw(graph):
    """A string whose escape would be decoded twice is refused rather than read two ways."""
    with pytest.raises(QueryError, match="decodes to another escape"):
        decode_escapes('SELECT * { ?s ?p "\\u005Cu0041" }')
    store = ox.Store()
    decoded = decode_escapes('SELECT ?v { BIND("\\u0041b" AS ?v) }')
    assert check_query(decoded, set()) is False
    assert [s["v"].value for s in store.query(decoded)] == ["Ab"]


def test_service_right_after_a_dot_is_refused(graph):
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        run_query(graph, "SELECT * WHERE { ?s ?p ?o.SERVICE <http://127.0.0.1:9/x> { ?a ?b ?c } }")


def test_an_escaped_quote_in_a_name_does_not_open_a_string(graph):
    assert "SERVICE" in outside_data("{ ?s e:a\\' ?o . SERVICE <http://127.0.0.1:9/> { ?s e:b\\' ?c } }")
    assert run_query(graph, "PREFIX e: <urn:> SELECT ?s ?o WHERE { ?s e:a\\'b ?o }") == (["s", "o"], [])
