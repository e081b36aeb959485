"""Load a graph into a SPARQL 1.1 Graph Store Protocol server over HTTP.

Each named graph is sent with `PUT ?graph=IRI` (replacing that graph on the server, so pushing
again duplicates nothing); default-graph triples are merged with `POST ?default`. Requests go
straight to the endpoint (no proxy, no redirect followed). Each has a deadline of TIMEOUT seconds
for the whole exchange, however slowly the server answers, and no more than MAX_RESPONSE bytes
of an answer are read. Credentials come from the URL (`http://user:password@host/store`) or the
KG_PUSH_AUTH environment variable (`user:password`) and are sent as HTTP Basic auth; messages
show the endpoint with the password masked.
"""

from __future__ import annotations

import base64
import http.client
import os
import socket
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import ExportError
from kg.store import read_store

TIMEOUT = 60
MAX_RESPONSE = 2**16
AUTH_VARIABLE = "KG_PUSH_AUTH"


@dataclass(frozen=True)
class Request:
    method: str
    target: str  # path and query
    body: bytes
    triples: int


@dataclass(frozen=True)
class Endpoint:
    scheme: str
    host: str
    port: int | None
    path: str
    query: str
    authorization: str | None
    origin: str  # scheme, user and host as messages show them: the password masked


def parse_endpoint(endpoint: str) -> Endpoint:
    """The parts of an http(s) endpoint URL, its credentials as a Basic authorization header."""
    try:
        url = urllib.parse.urlsplit(endpoint)
        host, port = url.hostname, url.port
    except ValueError as e:
        raise ExportError(f"endpoint {mask(endpoint)!r} is not a valid URL ({e})") from None
    if url.scheme not in ("http", "https") or not host:
        raise ExportError(f"endpoint {mask(endpoint)!r} is not an http(s) URL")
    if any(c.isspace() or not c.isprintable() for c in endpoint):
        raise ExportError(f"endpoint {mask(endpoint)!r} holds spaces or control characters")
    user, password = url.username, url.password
    if user is None and os.environ.get(AUTH_VARIABLE):
        user, _, password = os.environ[AUTH_VARIABLE].partition(":")
    authorization = None
    if user is not None:
        pair = f"{urllib.parse.unquote(user)}:{urllib.parse.unquote(password or '')}"
        authorization = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
    origin = "/".join(mask(endpoint).split("/", 3)[:3])
    return Endpoint(url.scheme, host, port, url.path or "/", url.query, authorization, origin)


def mask(endpoint: str) -> str:
    """The URL with the password of its `user:password@` replaced by `***`."""
    scheme, sep, rest = endpoint.partition("://")
    authority, slash, tail = rest.partition("/")
    userinfo, at, hostport = authority.rpartition("@")
    if not at or ":" not in userinfo:
        return endpoint
    return f"{scheme}{sep}{userinfo.split(':', 1)[0]}:***@{hostport}{slash}{tail}"


def to_requests(store: ox.Store, endpoint: Endpoint) -> list[Request]:
    """One request per graph of the store, as N-Triples."""
    base = endpoint.path + (f"?{endpoint.query}&" if endpoint.query else "?")
    requests = []
    graphs = [(graph, "PUT", "graph=" + urllib.parse.quote(graph.value, safe=""))
              for graph in sorted(store.named_graphs(), key=str)]
    for graph, method, target in [(ox.DefaultGraph(), "POST", "default"), *graphs]:
        triples = len(list(store.quads_for_pattern(None, None, None, graph)))
        if triples or method == "PUT":
            body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            requests.append(Request(method, base + target, body, triples))
    return requests


def send(request: Request, endpoint: Endpoint) -> None:
    """One request, answered within TIMEOUT seconds or cut off: a watchdog closes the connection."""
    kind = http.client.HTTPSConnection if endpoint.scheme == "https" else http.client.HTTPConnection
    connection = kind(endpoint.host, endpoint.port, timeout=TIMEOUT)
    headers = {"Content-Type": "application/n-triples"}
    if endpoint.authorization:
        headers["Authorization"] = endpoint.authorization
    url = endpoint.origin + request.target
    expired = threading.Event()

    def cut_off() -> None:
        expired.set()
        if connection.sock:
            connection.sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(TIMEOUT, cut_off)
    watchdog.start()
    try:
        connection.request(request.method, request.target, body=request.body, headers=headers)
        response = connection.getresponse()
        response.read(MAX_RESPONSE)  # the answer is not needed: never more than this is read
        status, reason = response.status, response.reason
    except (http.client.HTTPException, OSError, ValueError) as e:
        if expired.is_set():
            raise ExportError(f"{request.method} {url}: no complete answer within {TIMEOUT} s") from None
        if isinstance(e, OSError) and not isinstance(e, (ConnectionResetError, BrokenPipeError)):
            raise ExportError(f"{url}: cannot connect ({e.strerror or e})") from None
        raise ExportError(f"{request.method} {url}: not a valid HTTP answer ({type(e).__name__})") from None
    finally:
        watchdog.cancel()
        connection.close()
    if not 200 <= status < 300:
        raise ExportError(f"{request.method} {url}: HTTP {status} {reason}")


def push(path: str | Path, endpoint: str) -> tuple[int, int]:
    """Send every graph of a graph file or store folder; (graphs, triples) sent."""
    parsed = parse_endpoint(endpoint)
    requests = to_requests(read_store(path), parsed)
    for request in requests:
        send(request, parsed)
    return len(requests), sum(r.triples for r in requests)
