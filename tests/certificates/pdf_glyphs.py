"""Reading back what a PDF draws: the glyph outlines of each text run, per font."""

import io
import re

from fontTools.ttLib import TTFont


def fonts_of(reader):
    """{resource name: (base font name, embedded TTFont)} of the first page."""
    found = {}
    for name, ref in reader.pages[0]["/Resources"]["/Font"].items():
        font = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        data = descriptor["/FontFile2"].get_object().get_data()
        found[name.lstrip("/")] = (str(font["/BaseFont"]), TTFont(io.BytesIO(data)))
    return found


def drawn_glyphs(reader, page_index=0):
    """[(font resource name, glyph id), ...] in the order a page draws them."""
    content = reader.pages[page_index].get_contents().get_data().decode("latin-1")
    drawn, font = [], None
    for token in re.finditer(r"/(\w+) [\d.]+ Tf|\[(.*?)\] TJ", content, re.S):
        if token[1]:
            font = token[1]
        else:
            for hexes in re.findall(r"<([0-9a-fA-F]*)>", token[2]):
                drawn += [(font, int(hexes[i:i + 4], 16)) for i in range(0, len(hexes), 4)]
    return drawn


def outline(font, glyph_id):
    """A glyph's outline (points and contour ends), comparable across font subsets."""
    glyf = font["glyf"]
    name = font.getGlyphOrder()[glyph_id]
    coordinates, ends, _ = glyf[name].getCoordinates(glyf)
    return tuple(coordinates), tuple(ends)
