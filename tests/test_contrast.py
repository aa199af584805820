"""The focus ring can be seen: WCAG 2.2 asks 3:1 against what surrounds it (1.4.11)."""

import re

import pytest

from orientation.config import REPO_ROOT

CSS = REPO_ROOT / "static" / "css"


def luminance(colour):
    """WCAG relative luminance of #rgb or #rrggbb."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(digit * 2 for digit in hex_digits)
    channels = [int(hex_digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def site_colours():
    """The custom properties of site.css's :root, resolved to colours."""
    root = re.search(r":root\s*{([^}]*)}", (CSS / "site.css").read_text())[1]
    values = dict(re.findall(r"--([\w-]+):\s*([^;]+);", root))
    return {name: {"#fff": "#ffffff"}.get(value.strip(), value.strip())
            for name, value in values.items()}


def test_contrast_matches_known_values():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#767676", "#fff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#f2b705", "#fff") == pytest.approx(1.8, abs=0.05)  # the old ring


@pytest.mark.parametrize("ring, background", [
    ("focus", "paper"),  # cards
    ("focus", "wash"),  # the page
    ("focus-on-brand", "brand"),  # the header
    ("focus-on-brand", "brand-dark"),  # the open menu
])
def test_focus_ring_has_3_to_1(ring, background):
    colours = site_colours()
    assert contrast(colours[ring], colours[background]) >= 3, (ring, background)


def test_the_rings_use_these_colours():
    site = (CSS / "site.css").read_text()
    assert re.search(r":focus-visible\s*{\s*outline:\s*3px solid var\(--focus\)", site)
    assert re.search(r"\.top :focus-visible\s*{\s*outline-color:\s*var\(--focus-on-brand\)",
                     site)
    # The printable certificate's page: a grey screen behind white paper.
    ring = re.search(r"\.actions :focus-visible\s*{[^}]*solid (#[0-9a-f]{6})",
                     (CSS / "certificate.css").read_text())[1]
    assert min(contrast(ring, "#f3f5f8"), contrast(ring, "#ffffff")) >= 3
