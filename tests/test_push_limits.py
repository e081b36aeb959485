"""`kg push` against servers that misbehave: a deadline for the whole request, a bounded answer,
malformed answers and URLs as one error line, Basic auth from the URL or the environment, and
never a password in a message. Every server here is a thread on 127.0.0.1."""

from __future__ import annotations

import base64
import socket
import threading
import time
from collections.abc import Callable

import pytest
from cli_helpers import kg

GRAPH = "<https://e.org/s> <https://e.org/p> <https://e.org/o> .\n"


class Server:
    """Answers every connection with `answer(connection, request_head)`; records the request heads and
    how many bytes it managed to send."""

    def __init__(self, answer: Callable[[socket.socket, bytes], None]):
        self.answer, self.heads, self.sent = answer, [], 0
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            with connection:
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    head += chunk
                self.heads.append(head)
                try:
                    self.answer(connection, head)
                except OSError:
                    pass

    def send(self, connection: socket.socket, data: bytes) -> None:
        connection.sendall(data)
        self.sent += len(data)


@pytest.fixture
def serve():
    """Start a Server with an answer; every one is closed after the test."""
    started: list[Server] = []
    yield lambda answer: started.append(Server(answer)) or started[-1]
    for server in started:
        server.socket.close()


@pytest.fixture
def graph(tmp_path):
    path = tmp_path / "g.nt"
    path.write_text(GRAPH)
    return path


def fixed(data: bytes) -> Callable[[socket.socket, bytes], None]:
    return lambda connection, head: connection.sendall(data)


def test_a_server_answering_a_byte_at_a_time_is_cut_off_at_the_deadline(serve, graph, monkeypatch):
    def drip(connection, head):
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 1000:
            connection.sendall(bytes([byte]))
            time.sleep(0.2)  # each byte well within any per-read timeout

    monkeypatch.setattr("kg.push.TIMEOUT", 2)
    server = serve(drip)
    status, stdout, stderr = kg("push", graph, "--endpoint", f"http://127.0.0.1:{server.port}/store")
    assert (status, stdout) == (1, "")
    assert stderr == f"kg: error: POST http://127.0.0.1:{server.port}/store?default: no complete answer within 2 s\n"


def test_a_huge_answer_is_not_read(serve, graph):
    def huge(connection, head):
        server.send(connection, b"HTTP/1.1 204 No Content\r\n\r\n" if b"PUT" in head[:4] else
                    b"HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\n")
        for _ in range(2000):
            server.send(connection, b"\0" * 2**20)

    server = serve(huge)
    status, stdout, stderr = kg("push", graph, "--endpoint", f"http://127.0.0.1:{server.port}/store")
    assert (status, stdout, stderr) == (0, "pushed 1 graphs, 1 triples\n", "")
    assert server.sent < 200 * 2**20  # the client stopped reading: the rest of the 2 GB never went out


@pytest.mark.parametrize("answer", [b"", b"garbage\r\n\r\n", b"HTTP/1.1 abc OK\r\n\r\n",
                                    b"HTTP/1.1 200 OK\r\nX: " + b"y" * 100_000 + b"\r\n\r\n"])
def test_a_malformed_answer_is_one_line(serve, graph, answer):
    server = serve(fixed(answer))
    status, stdout, stderr = kg("push", graph, "--endpoint", f"http://127.0.0.1:{server.port}/store")
    assert (status, stdout) == (1, "")
    assert stderr.startswith(f"kg: error: POST http://127.0.0.1:{server.port}/store?default: not a valid HTTP "
                             "answer (")
    assert stderr.count("\n") == 1


@pytest.mark.parametrize("url", ["http://[::1/store", "http://127.0.0.1:port/store", "http://127.0.0.1:99999/store",
                                 "http:///store", "http://a b/store", "http://e.org\r\nX: y/store", "ftp://e.org/"])
def test_a_malformed_endpoint_is_one_line(graph, url):
    status, stdout, stderr = kg("push", graph, "--endpoint", url)
    assert (status, stdout) == (1, "")
    assert stderr.startswith("kg: error: endpoint ") and stderr.count("\n") == 1
    assert "unexpected" not in stderr


def test_basic_auth_from_the_url_never_shows_the_password(serve, graph):
    server = serve(fixed(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"))
    status, _, stderr = kg("push", graph, "--endpoint", f"http://alice:s%3Acret@127.0.0.1:{server.port}/store")
    assert status == 1
    assert stderr == (f"kg: error: POST http://alice:***@127.0.0.1:{server.port}/store?default: "
                      "HTTP 401 Unauthorized\n")
    assert f"Authorization: Basic {base64.b64encode(b'alice:s:cret').decode()}\r\n".encode() in server.heads[0]


def test_basic_auth_from_the_environment(serve, graph, monkeypatch):
    monkeypatch.setenv("KG_PUSH_AUTH", "bob:hunter2")
    server = serve(fixed(b"HTTP/1.1 204 No Content\r\n\r\n"))
    assert kg("push", graph, "--endpoint", f"http://127.0.0.1:{server.port}/store")[0] == 0
    assert f"Authorization: Basic {base64.b64encode(b'bob:hunter2').decode()}\r\n".encode() in server.heads[0]


def test_a_refused_connection_masks_the_password(graph):
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    status, _, stderr = kg("push", graph, "--endpoint", f"http://alice:s3cret@127.0.0.1:{port}/store")
    assert status == 1 and "s3cret" not in stderr
    assert stderr == (f"kg: error: http://alice:***@127.0.0.1:{port}/store?default: cannot connect "
                      "(Connection refused)\n")
