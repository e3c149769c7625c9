"""``govgraph export --dump DIR``: every format, the summit documents, ``void.ttl`` and ``SHA256SUMS``.

Layout of ``DIR``::

    dataset.nq  dataset.trig  dataset.jsonld     named graphs kept
    dataset.ttl dataset.nt    dataset.rdf        named graphs merged
    summits/<summit>.jsonld                      framed JSON-LD, one per summit
    void.ttl                                     VoID + DCAT: counts, partitions, subsets, files, checksums
    SHA256SUMS                                   ``sha256sum -c SHA256SUMS`` checks every file above

Two dumps of the same build are byte-identical: nothing depends on the clock (``dcterms:modified`` is the
build's date, read from its folder name) or on the order of a hash map.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import GovgraphError
from .core import FORMATS, Dataset, load, restrict, serialize
from .frames import summit_frames
from .jsonld import dumps
from .void import Distribution, describe, to_turtle

SUMMITS_DIR = "summits"


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise GovgraphError(str(path), f"cannot write ({exc.strerror or exc})") from None


def dump(home_or_store, folder: Path, *, graphs: list[str] | None = None, endpoint_url: str | None = None,
         download_url: str | None = None) -> list[Path]:
    """Write the full dump of the dataset into ``folder``; returns the files written, sorted.

    ``download_url`` is where the folder will be published (default ``<base>dump/``): the VoID ``dataDump``
    and DCAT ``downloadURL`` of each file are under it. ``endpoint_url`` adds ``void:sparqlEndpoint``.
    """
    dataset: Dataset = restrict(load(home_or_store), graphs)
    folder = Path(folder)
    files: dict[str, bytes] = {}
    distributions: list[Distribution] = []
    titles: dict[str, tuple[str, str, bool]] = {}  # file -> (media type, title, whole-dataset dump?)
    for fmt, (name, media_type, what) in FORMATS.items():
        files[name] = serialize(dataset, fmt)
        titles[name] = (media_type, "govgraph dataset: " + what, True)
    for slug, document in sorted(summit_frames(dataset.quads).items()):
        name = f"{SUMMITS_DIR}/{slug}.jsonld"
        files[name] = dumps(document)
        label = document.get("label", slug)
        titles[name] = ("application/ld+json", f"{label}: the summit, its declarations, signatories, initiatives and "
                                               "amounts as framed JSON-LD", False)
    for name, data in sorted(files.items()):
        media_type, title, is_dump = titles[name]
        distributions.append(Distribution(name, media_type, title, len(data), hashlib.sha256(data).hexdigest(), is_dump))
    files["void.ttl"] = to_turtle(describe(dataset.quads, dataset.base, distributions, modified=dataset.build_date,
                                           endpoint_url=endpoint_url, download_url=download_url))
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))
    files["SHA256SUMS"] = sums.encode("ascii")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GovgraphError(str(folder), f"cannot create the dump folder ({exc.strerror or exc})") from None
    written = []
    for name, data in sorted(files.items()):
        _write(folder / name, data)
        written.append(folder / name)
    for stale in sorted((folder / SUMMITS_DIR).glob("*.jsonld")):  # a summit an earlier dump had and this one has not
        if stale not in written:
            try:
                stale.unlink()
            except OSError as exc:
                raise GovgraphError(str(stale), f"cannot remove this stale summit document ({exc.strerror or exc})") from None
    return written
