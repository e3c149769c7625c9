"""Where things live: the shipped resources, the seed texts, the built dataset, and the base IRI.

The ontology, data files and queries sit at the top of the repository so that a reader finds them at once;
an installed wheel carries them under ``govgraph/_resources``. Locations that a user may want to move are
read from the environment: ``GOVGRAPH_HOME`` (the built dataset and store, default ``.govgraph`` in the
current directory), ``GOVGRAPH_SEEDS`` (the folder of source texts, default ``../shared/seeds`` beside the
repository) and ``GOVGRAPH_BASE`` (the base IRI, default ``https://w3id.org/govgraph/``).
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_BASE = "https://w3id.org/govgraph/"
ONTOLOGY_NS = DEFAULT_BASE + "ontology#"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _resource_root() -> Path:
    bundled = _PACKAGE_DIR / "_resources"
    if bundled.is_dir():
        return bundled
    return _PACKAGE_DIR.parent.parent  # the repository, for an editable install or a checkout


RESOURCES = _resource_root()
ONTOLOGY_DIR = RESOURCES / "ontology"
DATA_DIR = RESOURCES / "data"
QUERIES_DIR = RESOURCES / "queries"


def home() -> Path:
    """The folder holding the built dataset and the embedded store."""
    return Path(os.environ.get("GOVGRAPH_HOME", ".govgraph")).resolve()


def seeds_dir() -> Path:
    """The folder of source texts (read only; never copied into the project)."""
    env = os.environ.get("GOVGRAPH_SEEDS")
    if env:
        return Path(env).resolve()
    return (RESOURCES.parent / "shared" / "seeds").resolve()


def base_iri() -> str:
    """The base under which instance IRIs are minted; always ends with a slash."""
    base = os.environ.get("GOVGRAPH_BASE", DEFAULT_BASE)
    return base if base.endswith("/") else base + "/"
