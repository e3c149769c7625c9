"""The canned query catalogue: ``queries/*.rq``, each with a YAML header in ``#`` comments.

The header says what the query answers and which parameters it takes (see ``queries/README.md``); the file
name is the query's name. Reading is strict: a header that is not valid YAML or misses a field is reported
with the file and line, because other tools and pages rely on the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..config import QUERIES_DIR
from ..datafiles import check_schema
from ..errors import GovgraphError

PARAMETER_TYPES = ("iri", "string", "integer", "date")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    kinds: tuple[str, ...] = ()
    default: str | None = None
    optional: bool = False
    doc: str = ""

    def describe(self) -> str:
        text = f"{self.name} ({self.type}{': ' + '|'.join(self.kinds) if self.kinds else ''})"
        if self.default is not None:
            text += f" = {self.default}"
        if self.optional:
            text += " [optional]"
        return text


@dataclass(frozen=True)
class CannedQuery:
    name: str
    path: Path
    summary: str
    question: str
    text: str
    parameters: tuple[Parameter, ...] = ()
    tags: tuple[str, ...] = field(default=())

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def _header(text: str) -> tuple[str, int]:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    return "\n".join(lines), len(lines)


def read_query(path: Path) -> CannedQuery:
    """One query file; a file without a header is an ad-hoc query with no parameters."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GovgraphError(str(path), "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GovgraphError(str(path), f"cannot be read as UTF-8 text ({exc})") from None
    header_text, _header_lines = _header(text)
    try:
        header = yaml.safe_load(header_text) if header_text.strip() else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise GovgraphError(where, f"the query's header is not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(header, dict):  # an ad-hoc query, or comments that are no header
        return CannedQuery(path.stem, path, summary="ad-hoc query", question="", text=text)
    check_schema(header, "query-header", path)
    parameters = tuple(
        Parameter(name=name, type=spec["type"], kinds=tuple(spec.get("kinds", ())),
                  default=None if spec.get("default") is None else str(spec["default"]),
                  optional=bool(spec.get("optional", False)), doc=spec.get("doc", ""))
        for name, spec in (header.get("parameters") or {}).items()
    )
    projection = re.search(r"\bSELECT\b(.*?)\bWHERE\b", text, re.DOTALL | re.IGNORECASE)
    for parameter in parameters:
        if not projection or not re.search(rf"\?{parameter.name}\b", projection.group(1)):
            raise GovgraphError(str(path), f"parameter {parameter.name} must be a projected variable (SELECT ?{parameter.name} ...) "
                                           "bound by a triple pattern of the main WHERE group, so every engine binds it alike")
    return CannedQuery(
        name=path.stem, path=path, summary=header["summary"], question=" ".join(header["question"].split()),
        text=text, parameters=parameters, tags=tuple(header.get("tags") or ()),
    )


def load_catalogue(directory: Path = QUERIES_DIR) -> dict[str, CannedQuery]:
    return {q.name: q for q in (read_query(p) for p in sorted(directory.glob("*.rq")))}


def find(name_or_path: str, directory: Path = QUERIES_DIR) -> CannedQuery:
    """A canned query by name, or a query file by path."""
    candidate = Path(name_or_path)
    if name_or_path.endswith(".rq") or candidate.is_file():
        return read_query(candidate)
    path = directory / f"{name_or_path}.rq"
    if not path.is_file():
        known = ", ".join(sorted(load_catalogue(directory)))
        raise GovgraphError(name_or_path, f"no such canned query (known: {known}); `govgraph query --list` describes them")
    return read_query(path)
