"""Reading the project's YAML data files with line numbers, and checking them against JSON Schemas.

Curated data is edited by hand, so a mistake must come back as "file:line: what is wrong", never as a
traceback or a silently skipped entry. Mappings are loaded as :class:`LineDict`, which remembers the line it
started on; schema errors are reported at the line of the entry they concern.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .config import DATA_DIR
from .errors import IngestError


class LineDict(dict):
    """A mapping loaded from YAML that knows its 1-based line number."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Load one YAML file; any syntax or encoding problem becomes an :class:`IngestError` with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IngestError(str(path), "file not found") from None
    except UnicodeDecodeError as exc:
        raise IngestError(str(path), f"not UTF-8 text (byte {exc.start} cannot be decoded)") from None
    except OSError as exc:
        raise IngestError(str(path), f"cannot be read ({exc.strerror})") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise IngestError(where, f"invalid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:  # a control character (a NUL byte: binary data); its own message spans lines
        line = text[: exc.position].count("\n") + 1
        raise IngestError(f"{path}:{line}", f"not YAML text: character U+{exc.character:04X} is not allowed "
                                            "(is this a binary file?)") from None
    except yaml.YAMLError as exc:
        raise IngestError(str(path), "invalid YAML: " + " ".join(str(exc).split())) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise IngestError(str(path), f"invalid YAML: a value cannot be read ({shorten(str(exc))})") from None
    except RecursionError:
        raise IngestError(str(path), "invalid YAML: collections nested too deeply") from None


def shorten(text: str, limit: int = 200) -> str:
    """At most ``limit`` characters of ``text`` on one line: error messages quote values, and values can be huge."""
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


@lru_cache(maxsize=None)
def _schema(name: str) -> dict:
    return json.loads((DATA_DIR / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def _line_of(document: Any, path: list) -> int:
    """The line of the deepest mapping on ``path`` inside ``document``."""
    line = getattr(document, "line", 0)
    node = document
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    return line


def check_schema(document: Any, schema_name: str, path: Path) -> None:
    """Raise an :class:`IngestError` naming the line and field of the first schema violation."""
    import jsonschema

    validator_cls = jsonschema.validators.validator_for(_schema(schema_name))
    validator = validator_cls(_schema(schema_name), format_checker=jsonschema.FormatChecker())
    try:
        plain = _jsonable(document)
    except _TooLarge:
        raise IngestError(str(path), f"more than {MAX_VALUES:,} values once YAML aliases are expanded: "
                                     "anchors and aliases nested in each other (a 'billion laughs')?") from None
    errors = sorted(validator.iter_errors(plain), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = jsonschema.exceptions.best_match(errors)
    location = "/".join(str(p) for p in error.absolute_path) or "top level"
    line = _line_of(document, list(error.absolute_path))
    where = f"{path}:{line}" if line else str(path)
    raise IngestError(where, f"{shorten(location, 100)}: {shorten(error.message)}")


MAX_VALUES = 1_000_000  # a data file is thousands of values; aliases of aliases can make it billions


class _TooLarge(Exception):
    pass


def _jsonable(value: Any) -> Any:
    """YAML dates become ISO strings so that JSON Schema can check them with ``format: date``.

    Copying expands YAML aliases, so it stops at :data:`MAX_VALUES` values instead of running for hours.
    """
    import datetime

    count = 0

    def plain(value: Any) -> Any:
        nonlocal count
        count += 1
        if count > MAX_VALUES:
            raise _TooLarge
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return value

    return plain(value)


def load_checked(path: Path, schema_name: str) -> Any:
    document = load_yaml(path)
    check_schema(document, schema_name, path)
    return document


def line_of(entry: Any) -> int:
    return getattr(entry, "line", 0)
