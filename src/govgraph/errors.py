"""The project's own errors.

Every failure a user can cause (a broken source file, a bad option, an invalid record) is raised as a
:class:`GovgraphError` that names where the problem is and what is wrong, so that the CLI can print one
clear line and exit 1 instead of a traceback.
"""

from __future__ import annotations


class GovgraphError(Exception):
    """A failure caused by input, with a location a person can find.

    ``where`` is a file path, optionally followed by ``:line``, or the name of an entry; ``what`` says what is
    wrong in words a policy analyst can act on.
    """

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")
        self.where = where
        self.what = what


class IngestError(GovgraphError):
    """A source document or data file could not be turned into RDF."""


class BuildError(GovgraphError):
    """The build could not complete; the previous build is left as it was."""


class UsageError(GovgraphError):
    """A command was called with options that cannot work together (exit status 2)."""
