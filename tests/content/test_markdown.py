"""Lesson Markdown becomes safe HTML with sized pictures, a player, and filled contacts."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from orientation.content.library import get_library, lesson_html
from orientation.content.markdown import image_size, render
from orientation.content.packages import LessonText


def text(body, lesson_id="hello", lang="en"):
    return LessonText(lesson_id, lang, "T", 1, body, Path("x.md"), 5)


@pytest.fixture
def course(app):
    return get_library().courses["first-steps"]


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '[click](JaVaScRiPt:alert(1) "t")',
    "![x](javascript:alert(1))",
    '<a href="#" onclick="alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    '<iframe src="https://evil.example"></iframe>',
])
def test_hostile_markdown_is_harmless(course, hostile):
    elements = Elements()
    elements.feed(render(course, text(hostile)))
    for tag, attrs in elements.found:
        assert tag not in ("script", "iframe", "object", "embed", "style"), tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:"))


class Elements(HTMLParser):
    """Every element of a piece of HTML, with its attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def test_pictures_get_size_and_lazy_loading(course):
    html = render(course, text("![A passport](../media/passport.svg)"))
    assert ('<img src="/course-media/first-steps/passport.svg" alt="A passport" width="120" '
            'height="80" loading="lazy"') in html


def test_recordings_get_a_player_and_a_download_link(course):
    html = render(course, text("![Listen](../media/hello.mp3)"))
    assert '<audio controls="" preload="none"><source src="/course-media/first-steps/hello.mp3"' \
        in html
    assert '<a href="/course-media/first-steps/hello.mp3" download' in html


def test_lesson_links_become_lesson_pages(course):
    html = render(course, text("[next](goodbye.md)"))
    assert '<a href="goodbye"' in html


def test_contacts_are_filled_or_say_ask_your_trainer(app, course):
    lesson = text("Embassy: {{contact:embassy_phone}}. Police: {{contact:emergency_number}}.",
                  lesson_id="contacts-test")
    with app.test_request_context("/en/"):
        html = lesson_html(course, lesson, {"embassy_phone": "+66 <2> 000"}, "ask your trainer")
    assert isinstance(html, Markup)
    assert "+66 &lt;2&gt; 000" in html  # a centre's value is escaped too
    assert '<em class="contact missing">ask your trainer</em>' in html


def test_image_sizes(tmp_path):
    png = tmp_path / "a.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big")
                    + (480).to_bytes(4, "big") + bytes(8))
    svg = tmp_path / "a.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"></svg>')
    assert image_size(png) == (640, 480)
    assert image_size(svg) == (300, 150)
    assert image_size(tmp_path / "missing.svg") is None
