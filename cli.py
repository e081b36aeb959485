"""Run kg from a checkout: `python cli.py build seeds -o out` (installed, the command is `kg`)."""

from kg.cli import app

if __name__ == "__main__":
    app()
