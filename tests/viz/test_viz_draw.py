"""PNG and SVG pictures: real images of the A4 size they claim, with the view's colours, a title and a legend;
the same bytes every time."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
import zlib

import networkx as nx
import pytest

from govgraph.viz import build_view, png_size, prepare, to_png, to_svg
from govgraph.viz.style import GROUP_MEMBER

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == PNG_SIGNATURE
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        kind = data[offset + 4:offset + 8]
        body = data[offset + 8:offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks.append((kind, body))
        offset += 12 + length
    return chunks


def _pixels(data: bytes):
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


@pytest.fixture(scope="module")
def signatories(store) -> nx.Graph:
    return build_view("signatories", store)


@pytest.fixture(scope="module")
def picture(signatories) -> bytes:
    return to_png(signatories)


def test_the_png_is_a_real_a4_picture_of_the_expected_size(picture):
    chunks = _chunks(picture)
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[0][1][:10])
    assert (width, height) == png_size() == (2339, 1654)  # A4 landscape at 200 dpi
    assert depth == 8 and colour_type in (2, 6)
    assert abs(width / height - 297 / 210) < 0.001
    image = _pixels(picture)
    assert image.size == (2339, 1654)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 500  # anti-aliased drawing, not a blank or flat image
    background = max(colours)[1]
    assert background == (255, 255, 255)
    assert sum(count for count, colour in colours if colour != background) > 60_000


def test_the_png_shows_the_view_colours(signatories, picture):
    image = _pixels(picture)
    counts = {colour: count for count, colour in image.getcolors(maxcolors=1 << 20)}
    kinds = prepare(signatories).graph["kind_colours"]
    for kind in ("state", "declaration", "unresolved"):
        rgb = tuple(int(kinds[kind][i:i + 2], 16) for i in (1, 3, 5))
        assert counts.get(rgb, 0) > 50, kind


def test_the_png_is_the_same_every_time(signatories, picture):
    assert to_png(signatories) == picture


def test_a_smaller_resolution_gives_a_smaller_a4_picture(store):
    data = to_png(build_view("voices", store), dpi=100)
    width, height = struct.unpack(">II", _chunks(data)[0][1][:8])
    assert (width, height) == png_size(100) == (1169, 827)


def test_colouring_by_group_marks_the_members(signatories):
    image = _pixels(to_png(signatories, group="G7", dpi=100))
    counts = {colour: count for count, colour in image.getcolors(maxcolors=1 << 20)}
    member = tuple(int(GROUP_MEMBER[i:i + 2], 16) for i in (1, 3, 5))
    assert counts.get(member, 0) > 30


def test_the_svg_has_the_title_the_legend_and_every_label(store):
    graph = build_view("voices", store)
    text = to_svg(graph)
    root = ET.fromstring(text)
    assert root.tag.endswith("svg")
    width, height = (float(root.get(k).removesuffix("pt")) for k in ("width", "height"))
    assert (round(width, 2), round(height, 2)) == (841.89, 595.28)  # 297 x 210 mm
    words = " ".join(t for t in root.itertext())
    assert "Who said what about the declaration and the decisions on it" in words
    assert "Legend" in words and "person (6)" in words and "supports" in words and "critical" in words
    for _node, short in prepare(graph).nodes(data="short"):
        assert short in words, short  # labels are text, not outlines
    assert to_svg(graph) == text
    assert "<dc:date>" not in text


def test_an_empty_graph_still_draws_a_titled_page():
    data = to_png(nx.Graph(view="custom", title="Nothing here"), dpi=50)
    assert struct.unpack(">II", _chunks(data)[0][1][:8]) == png_size(50)
    assert "Nothing here" in to_svg(nx.Graph(title="Nothing here"))
