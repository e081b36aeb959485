"""One exception root; each stage raises a subclass with a one-line message."""


class KGError(Exception):
    """Base of every error kg reports to the user."""


class InputError(KGError):
    """An input file cannot be read or parsed."""


class OntologyError(KGError):
    """The ontology data is missing or malformed."""


class ModelError(KGError):
    """The spaCy pipeline cannot be loaded."""


class QueryError(KGError):
    """A SPARQL query is invalid or refused."""


class ExportError(KGError):
    """An output cannot be written."""
