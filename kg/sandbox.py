"""`kg query`'s evaluation in a child process: a deadline, a memory bound, Ctrl-C, streamed rows.

The child (forked, so it starts at once) loads the graph, checks and runs the query and sends
its formatted output back in pieces through a pipe, which holds at most a few of them: rows are
never all in memory. The parent waits on the pipe a tenth of a second at a time, so a deadline
or Ctrl-C kills the child within that; a child whose parent was killed ends too, and none runs
past its deadline in CPU time. The child's address space may grow by `memory` bytes at
most (RLIMIT_AS); an allocation beyond it fails there, and a crash of the engine (a signal)
becomes one line here. Query text is bounded too: MAX_QUERY_BYTES, read no further.
"""

from __future__ import annotations

import ctypes
import faulthandler
import math
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from kg.errors import KGError, QueryError

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 2048
MAX_QUERY_BYTES = 2**20
POLL_SECONDS = 0.1
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a Linux process gets when its parent ends


def check_length(sparql: str, source: Path | None = None) -> str:
    if len(sparql) > MAX_QUERY_BYTES or len(sparql.encode("utf-8", errors="surrogatepass")) > MAX_QUERY_BYTES:
        where = f"{source}: " if source else ""
        raise QueryError(f"{where}query refused: longer than the limit of {MAX_QUERY_BYTES // 2**10} kB")
    return sparql


def read_query(path: Path) -> str:
    """The query text of a file, read no further than MAX_QUERY_BYTES."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_QUERY_BYTES + 1)
        return check_length(data.decode("utf-8"), path)
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read query ({getattr(e, 'strerror', None) or e})") from e


def address_space() -> int:
    """This process's virtual memory size in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def child(connection, path: str, sparql: str, fmt: str, width: int | None, timeout: float, memory: int) -> None:
    """Run in the child: every piece of output, then ("done",) or ("error", message).

    The child also ends by itself: when the parent dies (killed, say), and at `timeout` seconds of CPU."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    cpu = math.ceil(timeout) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    faulthandler.disable()  # a crash is told by the parent, on one line
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # the engine's own messages (an allocation failure) stay out of the terminal
    resource.setrlimit(resource.RLIMIT_AS, (address_space() + memory, resource.RLIM_INFINITY))
    from kg.query import evaluate, format_chunks

    try:
        for piece in format_chunks(evaluate(path, sparql), fmt, width):
            connection.send(("text", piece))
        connection.send(("done",))
    except KGError as e:
        connection.send(("error", str(e)))
    except MemoryError:
        connection.send(("error", f"query stopped: it needs more than {memory // 2**20} MB of memory (--memory)"))
    except RecursionError:
        connection.send(("error", "query refused: nested too deeply"))
    except Exception as e:  # noqa: BLE001 -- anything the engine raises is the query's failure, told on one line
        where = traceback.extract_tb(e.__traceback__)[-1]
        connection.send(("error", f"query failed: {type(e).__name__}: {e} (in {Path(where.filename).name})"))


def stream_query(path: str | Path, sparql: str, fmt: str, width: int | None = None,
                 timeout: float = DEFAULT_TIMEOUT, memory_mb: int = DEFAULT_MEMORY_MB) -> Iterator[str]:
    """The output of a query (format_result's, a table fitted to `width`), in pieces as the child produces
    them; a QueryError when it fails, runs past `timeout` seconds or would use more than `memory_mb` MB."""
    check_length(sparql)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    arguments = (sender, str(path), sparql, fmt, width, timeout, memory_mb * 2**20)
    process = context.Process(target=child, args=arguments, daemon=True)
    process.start()
    sender.close()
    deadline = time.monotonic() + timeout
    try:
        while True:
            if time.monotonic() > deadline:
                raise QueryError(stopped(timeout))
            if not receiver.poll(POLL_SECONDS):
                continue
            try:
                message = receiver.recv()
            except EOFError:
                process.join(5)
                raise QueryError(crash(process.exitcode, timeout, memory_mb)) from None
            if message[0] == "text":
                yield message[1]
            elif message[0] == "error":
                raise QueryError(message[1])
            else:
                return
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()


def stopped(timeout: float) -> str:
    return f"query stopped after {timeout:g} s (--timeout SECONDS allows more)"


def crash(exitcode: int | None, timeout: float, memory_mb: int) -> str:
    """The one line for a child that ended without a word."""
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        if -exitcode in (signal.SIGXCPU, signal.SIGKILL):  # its CPU time limit
            return stopped(timeout)
        if -exitcode == signal.SIGABRT:  # how the engine ends when an allocation fails
            return f"query stopped ({name}), most likely at the memory limit of {memory_mb} MB (--memory allows more)"
        return f"query failed: the query engine crashed ({name})"
    return f"query failed: the query engine exited with status {exitcode}"
