"""Load a graph into a SPARQL 1.1 Graph Store Protocol server over HTTP.

Each named graph is sent with `PUT ?graph=IRI` (replacing that graph on the server, so pushing
again duplicates nothing); default-graph triples are merged with `POST ?default`. Redirects are
not followed, and loopback endpoints are reached directly, never through a proxy.
"""

from __future__ import annotations

import ipaddress
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import ExportError
from kg.store import read_store

TIMEOUT = 60


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    body: bytes
    triples: int


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_endpoint(endpoint: str) -> urllib.parse.SplitResult:
    url = urllib.parse.urlsplit(endpoint)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ExportError(f"endpoint {endpoint!r} is not an http(s) URL")
    return url


def to_requests(store: ox.Store, endpoint: str) -> list[Request]:
    """One request per graph of the store, as N-Triples."""
    joiner = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    requests = []
    graphs = [(graph, "PUT", "graph=" + urllib.parse.quote(graph.value, safe=""))
              for graph in sorted(store.named_graphs(), key=str)]
    for graph, method, target in [(ox.DefaultGraph(), "POST", "default"), *graphs]:
        triples = len(list(store.quads_for_pattern(None, None, None, graph)))
        if triples or method == "PUT":
            body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            requests.append(Request(method, f"{endpoint}{joiner}{target}", body, triples))
    return requests


def send(request: Request, opener: urllib.request.OpenerDirector) -> None:
    http = urllib.request.Request(request.url, data=request.body, method=request.method,
                                  headers={"Content-Type": "application/n-triples"})
    try:
        with opener.open(http, timeout=TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as e:
        raise ExportError(f"{request.method} {request.url}: HTTP {e.code} {e.reason}") from e
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", None) or e
        raise ExportError(f"{request.url}: cannot connect ({reason})") from e


def push(path: str | Path, endpoint: str) -> tuple[int, int]:
    """Send every graph of a graph file or store folder; (graphs, triples) sent."""
    url = check_endpoint(endpoint)
    handlers = [NoRedirect()] + ([urllib.request.ProxyHandler({})] if is_loopback(url.hostname) else [])
    opener = urllib.request.build_opener(*handlers)
    requests = to_requests(read_store(path), endpoint)
    for request in requests:
        send(request, opener)
    return len(requests), sum(r.triples for r in requests)
