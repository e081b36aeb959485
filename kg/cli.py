"""The `kg` command: parse arguments, call the library, turn its errors into one-line messages.

Exit status: 0 every input used; 1 a fatal error; 2 bad usage; 3 some inputs were skipped;
4 `kg validate`: the graph does not conform to the shapes.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand, TyperGroup

from kg.errors import KGError
from kg.sandbox import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from kg.terminal import printable

EXIT_FATAL, EXIT_SKIPPED, EXIT_NONCONFORMING = 1, 3, 4


class Group(TyperGroup):
    """The one place library errors become messages: every error ends as one line on stderr and exit
    status 1 (a KGError's own message, else `unexpected ...`); `kg --debug` shows the traceback instead."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Exception as e:
            if ctx.params.get("debug") or isinstance(e, (typer.Exit, typer.Abort, BrokenPipeError)) or \
                    type(e).__module__.startswith(("click.", "typer.")):
                raise
            unexpected = f"unexpected {type(e).__name__}: {e} (kg --debug shows where)"
            raise fail(str(e) if isinstance(e, KGError) else unexpected) from None


class Command(TyperCommand):
    """Help in the usual conventions: `kg query [OPTIONS] GRAPH [SPARQL]`, `--out OUT`, choices
    as `[a|b]`, no Python types."""

    def collect_usage_pieces(self, ctx):
        return [self.options_metavar, *(usage_name(p) for p in self.get_params(ctx) if p.param_type_name == "argument")]

    def format_options(self, ctx, formatter):
        arguments = [(p.metavar or p.name.upper(), p.help or "") for p in self.get_params(ctx)
                     if p.param_type_name == "argument"]
        options = []
        for param in self.get_params(ctx):
            if param.param_type_name == "option":
                if param.metavar is None and not (param.is_flag or param.count):
                    param.metavar = param.name.upper()
                options.append(param.get_help_record(ctx))
        for title, records in (("Arguments", arguments), ("Options", [r for r in options if r])):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def usage_name(argument) -> str:
    name = (argument.metavar or argument.name.upper()) + ("..." if argument.nargs != 1 else "")
    return name if argument.required else f"[{name}]"


def choices(kind: type[Enum]) -> str:
    return "[" + "|".join(member.value for member in kind) + "]"


app = typer.Typer(cls=Group, add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False,
                  no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
                  help="Build a geopolitical knowledge graph from news articles.")
command = app.command(cls=Command)


def show_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import version

        typer.echo(f"kg {version('kg-geopolitics')}")
        raise typer.Exit()


@app.callback()
def options(debug: Annotated[bool, typer.Option("--debug", help="On an error, show its traceback.")] = False,
            version: Annotated[bool, typer.Option("--version", callback=show_version, is_eager=True,
                                                  help="Show kg's version and exit.")] = False) -> None:
    """Build a geopolitical knowledge graph from news articles."""


def fail(message: str) -> typer.Exit:
    typer.echo(printable(f"kg: error: {message}"), err=True)
    return typer.Exit(EXIT_FATAL)


def notice(item) -> str:
    """`kg: skipped PATH: REASON`, or `kg: repaired ...` for a document kept with replacements."""
    return printable(f"kg: {'repaired' if item.repaired else 'skipped'} {item}")


def warn(item) -> None:
    typer.echo(notice(item), err=True)


Paths = Annotated[list[Path], typer.Argument(help="Files or folders of .txt, .md, .html or .jsonl articles.")]
Model = Annotated[str | None, typer.Option(
    metavar="NAME", help="Installed spaCy pipeline to use (default: best installed English one).")]
Strict = Annotated[bool, typer.Option(help="Stop at the first input that cannot be used.")]


class EngineName(str, Enum):
    local = "local"
    spark = "spark"


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class RdfFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    trig = "trig"
    nq = "nq"
    jsonld = "jsonld"


def output_suffix(path: Path, accepted: tuple[str, ...], option: str = "'-o' / '--out'") -> str:
    """The suffix of an output path, or a usage error (exit 2) naming the accepted ones."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in accepted:
        names = [f".{a}" for a in accepted]
        raise typer.BadParameter(f"{path} does not end in {', '.join(names[:-1])} or {names[-1]}", param_hint=option)
    return suffix


@contextmanager
def progress_bar(quiet: bool, total: Callable[[], int]):
    """Live progress on stderr (when it is a terminal): what is being done, articles done of
    `total()` (counted only when shown), parsed, rate; and a plain-text printer."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True)
    disable = quiet or not console.is_terminal
    columns = (SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(bar_width=24),
               TextColumn("{task.completed}/{task.total} articles, {task.fields[parsed]} parsed, "
                          "{task.fields[rate]} articles/s", markup=False), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=disable) as bar:
        task = bar.add_task("counting articles", total=None, parsed=0, rate="0.0")
        if not disable:
            bar.update(task, total=total(), description="loading the language model, extracting")
        yield bar, task


def job_count(jobs: str) -> int:
    """`--jobs`: a positive number, or `auto` for the cores free now."""
    if jobs == "auto":
        from kg.engines import free_cores

        return free_cores()
    if not jobs.isdigit() or int(jobs) < 1:
        raise typer.BadParameter(f"{jobs!r} is neither a positive number nor auto", param_hint="'-j' / '--jobs'")
    return int(jobs)


@command
def build(paths: Paths,
          out: Annotated[Path, typer.Option("-o", "--out", metavar="DIR", help="Output folder.")] = Path("out"),
          model: Model = None, strict: Strict = False,
          jobs: Annotated[str, typer.Option("-j", "--jobs", metavar="N|auto",
                                            help="Worker processes for extraction; auto: as many as cores are "
                                                 "free now (by the load average).")] = "1",
          engine: Annotated[EngineName, typer.Option(metavar=choices(EngineName),
                                                     help="Where extraction runs: here, or on Apache Spark.")]
          = EngineName.local,
          spark_master: Annotated[str, typer.Option(metavar="URL", help="Spark master URL for --engine spark.")]
          = "local[*]",
          cache: Annotated[Path | None, typer.Option(
              metavar="DIR", help="Extraction cache folder (default: OUT/.kg-cache).")] = None,
          nquads_parts: Annotated[Path | None, typer.Option(
              metavar="DIR", help="Also write the dataset as N-Quads part files (part-00000.nq, ...) in this folder.")]
          = None,
          quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar and no summary.")] = False,
          max_nodes: Annotated[int | None, typer.Option(
              "--max-nodes", min=1, metavar="N", help="Entities drawn on graph.html (default 500): the most "
              "connected part, the page saying what it leaves out; the other outputs hold everything.")] = None,
          store: Annotated[Path | None, typer.Option(
              metavar="DIR", help="Also add the graph to this on-disk Oxigraph store (created if missing; articles "
              "built again are replaced).")] = None,
          ) -> None:
    """Build triples.jsonl, graph.ttl, graph.trig and graph.html from articles.

    Articles already extracted with the same model and ontology come from the cache.

    Example: kg build seeds/ -o out --jobs 2
    """
    from kg.ingest import count_articles
    from kg.pipeline import Settings, write_outputs
    from kg.pipeline import build as run_build

    settings = Settings(model=model, strict=strict, jobs=job_count(jobs), engine=engine.value,
                        spark_master=spark_master, cache=cache or out / ".kg-cache", exclude=(out,))

    started, counts = time.monotonic(), Counter()
    with progress_bar(quiet, lambda: count_articles(paths, (out,))) as (bar, task):
        def advance(kind: str) -> None:
            """Parsed articles are counted as each is done, cached ones as their wave comes back."""
            counts[kind] += 1
            done = max(counts["done"], counts["parsed"])
            bar.update(task, completed=done, parsed=counts["parsed"], description="extracting",
                       rate=f"{done / max(time.monotonic() - started, 1e-9):.1f}")

        result = run_build(paths, settings, on_document=lambda _: advance("done"),
                           on_parsed=lambda _: advance("parsed"), on_skip=lambda item: bar.console.print(notice(item)))
        if not result.documents:
            raise KGError("no article could be read; the previous outputs are left as they were")
        written = write_outputs(result, out, store, nquads_parts, max_nodes)
    seconds = time.monotonic() - started
    if not quiet:
        repaired = sum(item.repaired for item in result.skipped)
        typer.echo(f"documents {len(result.documents)}  entities {len(result.entities)}  "
                   f"triples {len(result.statements)}  skipped inputs {len(result.skipped) - repaired}  "
                   f"repaired {repaired}  "
                   f"parsed {counts['parsed']}  from cache {len(result.documents) - counts['parsed']}  "
                   f"{seconds:.1f} s  {len(result.documents) / max(seconds, 1e-9):.1f} articles/s")
        typer.echo(printable("wrote " + ", ".join(str(p) for p in written)))
    if result.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@command
def extract(paths: Paths,
            out: Annotated[Path | None, typer.Option("-o", "--out", metavar="FILE",
                                                     help="Output file (default: stdout).")] = None,
            model: Model = None, strict: Strict = False) -> None:
    """Print the extracted triples as JSON Lines.

    Example: kg extract seeds/003_4b7e92986d6aa487.txt | head
    """
    from kg.files import atomic_write
    from kg.pipeline import Settings, triples_jsonl
    from kg.pipeline import build as run_build

    result = run_build(paths, Settings(model=model, strict=strict), on_skip=warn)
    if out:
        atomic_write(out, triples_jsonl(result.statements))
    else:
        sys.stdout.writelines(line for text in triples_jsonl(result.statements) for line in text.splitlines(True))
    if result.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@command
def query(graph: Annotated[Path, typer.Argument(help="A graph file (.ttl, .nt, .trig, .nq, .jsonld) or a store "
                                                    "folder (kg build --store).")],
          sparql: Annotated[str | None, typer.Argument(help="The SPARQL query.")] = None,
          file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
          format: Annotated[QueryFormat, typer.Option(
              "--format", metavar=choices(QueryFormat), help="table (cut to the terminal's width), csv (plain "
              "values), tsv (SPARQL TSV) or json (SPARQL 1.1 results JSON).")] = QueryFormat.table,
          timeout: Annotated[float, typer.Option(min=0.1, metavar="SECONDS",
                                                 help="Stop the query after this many seconds.")]
          = DEFAULT_TIMEOUT,
          memory: Annotated[int, typer.Option(min=64, metavar="MB",
                                              help="Stop the query when it needs more than this many MB.")]
          = DEFAULT_MEMORY_MB) -> None:
    """Run a read-only SPARQL query over a graph file or store; updates, SERVICE and outside FROM are refused.

    The query runs in a child process, stopped after --timeout seconds or beyond --memory MB. kg's
    prefixes (kgo:, kg:, skos:, dct:, prov:, schema: ...) are declared for every query.

    Example: kg query out/graph.trig "SELECT ?who ?whom WHERE { ?a kgo:met_with ?b . ?a skos:prefLabel ?who .
    ?b skos:prefLabel ?whom }"
    """
    from kg.sandbox import read_query, stream_query

    if (sparql is None) == (file is None):
        raise KGError("give a query or --file, not both or neither")
    text = sparql if sparql is not None else read_query(file)
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() or "COLUMNS" in os.environ else None
    for piece in stream_query(graph, text, format.value, width, timeout, memory):
        typer.echo(piece, nl=False)
    typer.echo()


GraphFile = Annotated[Path, typer.Argument(help="A graph file (.ttl, .nt, .trig, .nq, .jsonld) or a store folder.")]


@command
def export(graph: GraphFile,
           out: Annotated[Path, typer.Option("-o", "--out", metavar="FILE", help="The file to write.")],
           format: Annotated[RdfFormat | None, typer.Option(
               "--format", metavar=choices(RdfFormat), help="The RDF format (default: the suffix of --out). TriG, "
               "N-Quads and JSON-LD keep the document graphs; Turtle and N-Triples hold their union.")]
           = None) -> None:
    """Write a graph file or store in another RDF format.

    Example: kg export out/graph.trig -o out/graph.jsonld
    """
    from kg.store import export as run_export

    fmt = format.value if format else output_suffix(out, tuple(f.value for f in RdfFormat))
    run_export(graph, out, fmt)
    typer.echo(printable(f"wrote {out}"))


@command
def validate(graph: GraphFile) -> None:
    """Check a graph against the SHACL shapes of ontology/shapes.ttl; exit 4 when it does not conform.

    Example: kg validate out/graph.trig
    """
    from kg.validate import validate as run_validate

    violations = run_validate(graph)
    for violation in violations:
        typer.echo(printable(str(violation)))
    typer.echo(printable(f"{graph}: {len(violations)} violations" if violations else f"{graph}: conforms"))
    if violations:
        raise typer.Exit(EXIT_NONCONFORMING)


@command
def push(graph: GraphFile,
         endpoint: Annotated[str, typer.Option(metavar="URL", help="The SPARQL 1.1 Graph Store Protocol endpoint, "
                                               "e.g. http://localhost:7878/store.")]) -> None:
    """Load a graph into a SPARQL graph store: PUT per document graph, POST for the default graph.

    Example: kg push out/graph.trig --endpoint http://localhost:7878/store
    """
    from kg.push import push as run_push

    graphs, triples = run_push(graph, endpoint)
    typer.echo(f"pushed {graphs} graphs, {triples} triples")


@command
def viz(graph: Annotated[Path, typer.Argument(help="A graph file, store or build folder written by kg build.")],
        out: Annotated[Path | None, typer.Option(
            "-o", "--out", metavar="FILE",
            help="The page to write (.html; default: beside GRAPH, with its name: out/graph.trig -> out/graph.html).")]
        = None,
        relation: Annotated[list[str] | None, typer.Option(
            "--relation", metavar="RELATION", help="Only statements of this relation (repeatable).")] = None,
        country: Annotated[list[str] | None, typer.Option(
            "--country", metavar="COUNTRY",
            help="Only statements with one end in this country: ISO 3166 alpha-2 or alpha-3 code or name "
                 "(repeatable).")] = None,
        min_confidence: Annotated[float, typer.Option(
            "--min-confidence", min=0.0, max=1.0, metavar="0..1",
            help="Only statements at least this confident.")] = 0.0,
        max_nodes: Annotated[int | None, typer.Option(
            "--max-nodes", min=1, metavar="N", help="Keep only the nodes with most statements.")] = None) -> None:
    """Write the interactive HTML page for a graph file.

    Example: kg viz out/graph.ttl -o page.html --country JPN --min-confidence 0.6
    """
    from kg.files import atomic_write
    from kg.graph import to_graph
    from kg.html import limit_view, to_html
    from kg.readback import read_graph

    out = out or graph.with_name(graph.name.removesuffix(graph.suffix) + ".html")
    output_suffix(out, ("html", "htm"))
    entities, statements, documents = read_graph(graph)
    dates = {doc_id: document.date for doc_id, document in documents.items() if document.date}
    view = limit_view(to_graph(entities, statements, dates), relations=relation or (), countries=country or (),
                      min_confidence=min_confidence, max_nodes=max_nodes)
    if not view.number_of_edges():
        raise KGError(f"no statement of {graph} is left by the filters ({len(statements)} before them); "
                      f"{out} not written")
    atomic_write(out, to_html(view, documents=documents))
    typer.echo(printable(f"wrote {out} ({view.number_of_nodes()} nodes, {view.number_of_edges()} statements)"))


def main() -> None:
    app()
