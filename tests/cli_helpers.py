"""What the CLI tests share: `kg ARGS` run in-process, and two sentences that each give one triple."""

from __future__ import annotations

from typer.testing import CliRunner

from kg.cli import app

GOOD = "Japan signed a trade agreement with China on Monday."
OTHER = "Germany imposed sanctions on Russia."


def kg(*args) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of `kg ARGS`; fails on any error that escaped as a traceback."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    if not isinstance(result.exception, (SystemExit, type(None))):
        raise AssertionError(f"kg {' '.join(map(str, args))} raised") from result.exception
    return result.exit_code, result.stdout, result.stderr
