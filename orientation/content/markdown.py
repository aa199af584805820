"""Lesson Markdown to safe HTML: markdown-it-py renders, nh3 sanitises, pictures get sizes.

Lesson links are written `other-lesson.md` and become relative links to the lesson page;
files are written `../media/NAME` and are served from /course-media/<course>/NAME.
"""

import re
import struct
from functools import cache
from html import escape
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

AUDIO = {".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".m4a": "audio/mp4"}
ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "img", "blockquote",
                "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "hr", "br", "audio",
                "source"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "download"}, "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "audio": {"controls", "preload"}, "source": {"src", "type"}, "ol": {"start"},
}


@cache
def parser():
    """CommonMark with tables; raw HTML in lessons is shown as text, never run."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def render(course, text):
    """The lesson text as sanitised HTML (contact placeholders still in place)."""
    md = parser()
    env = {"course": course}
    tokens = md.parse(text.body, env)
    html = _Renderer(md).render(tokens, md.options, env)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https"}, link_rel="noopener noreferrer")


class _Renderer:
    """markdown-it's HTML renderer with our rules for links, pictures and recordings."""

    def __init__(self, md):
        self.md = md
        self.renderer = md.renderer
        self.renderer.rules["image"] = self.image
        self.renderer.rules["link_open"] = self.link_open

    def render(self, tokens, options, env):
        return self.renderer.render(tokens, options, env)

    def link_open(self, tokens, idx, options, env):
        token = tokens[idx]
        href = token.attrs.get("href", "")
        parts = urlsplit(href)
        if not parts.scheme and parts.path.endswith(".md"):
            token.attrs["href"] = parts.path[:-3] + (f"#{parts.fragment}" if parts.fragment else "")
        return self.renderer.renderToken(tokens, idx, options, env)

    def image(self, tokens, idx, options, env):
        token = tokens[idx]
        course = env["course"]
        name = token.attrs.get("src", "").removeprefix("../media/")
        alt = escape(self.renderer.renderInlineAsText(token.children or [], options, env))
        url = f"/course-media/{course.id}/{escape(name)}"
        suffix = name[name.rfind("."):].lower()
        if suffix in AUDIO:
            # A player, and a link for phones whose browser cannot play it.
            return (f'<audio controls preload="none"><source src="{url}" '
                    f'type="{AUDIO[suffix]}"></audio> <a href="{url}" download>{alt}</a>')
        size = image_size(course.media / name)
        dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
        return f'<img src="{url}" alt="{alt}"{dims} loading="lazy" decoding="async">'


def image_size(path):
    """(width, height) of an SVG, PNG or JPEG file, or None when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    head = data[:2000].decode("utf-8", "ignore")
    svg = re.search(r"<svg\b[^>]*>", head)
    if svg:
        width = re.search(r'\bwidth="(\d+)(?:px)?"', svg[0])
        height = re.search(r'\bheight="(\d+)(?:px)?"', svg[0])
        if width and height:
            return int(width[1]), int(height[1])
        box = re.search(r'viewBox="[\d.\-]+[ ,]+[\d.\-]+[ ,]+([\d.]+)[ ,]+([\d.]+)"', svg[0])
        if box:
            return round(float(box[1])), round(float(box[2]))
    return None


def _jpeg_size(data):
    index = 2
    while index + 9 < len(data):
        marker, length = data[index + 1], struct.unpack(">H", data[index + 2:index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return width, height
        index += 2 + length
    return None
