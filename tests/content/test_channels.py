"""courses/channels.yaml: read into Channels, and each kind of mistake reported by the check."""

from datetime import date
from pathlib import Path

import pytest

from orientation.config import REPO_ROOT
from orientation.content.channels import ORIGINS
from orientation.content.packages import DESTINATIONS
from orientation.content.reader import read_library
from tests.content.test_check import edit, problems_of


def test_shipped_channels_cover_every_origin_and_destination():
    library, problems = read_library(REPO_ROOT / "courses")
    assert [p for p in problems if p.error] == []
    for origin in ORIGINS:
        assert set(library.channels[origin]) == set(DESTINATIONS), origin
        for channel in library.channels[origin].values():
            assert channel.source.strip() and isinstance(channel.checked, date)


def test_shipped_channels_say_what_curriculum_says():
    channels = read_library(REPO_ROOT / "courses")[0].channels
    assert channels["KH"]["HK"].status == "legal"
    assert [channels[o]["HK"].status for o in ("LA", "VN", "CN")] == ["not_legal"] * 3
    assert channels["CN"]["TH"].status == "not_legal"
    assert channels["CN"]["TH"].work["en"] == "manual work"
    assert channels["LA"]["HK"].work["en"] == "domestic work"
    assert channels["VN"]["TH"].status == channels["LA"]["MY"].status == "ask_centre"
    assert "69/2020/QH14" in channels["VN"]["MY"].scheme
    assert all(channels[o]["KR"].status == "legal" for o in ORIGINS)


CHANNELS = "channels.yaml"
LA_HK = """  HK:
    status: not_legal"""

# (what is broken, how to break it, words the problem says)
BREAKAGES = [
    ("missing file", lambda f: (f / CHANNELS).unlink(), "channels.yaml: missing"),
    ("missing pair", lambda f: edit(f / CHANNELS, LA_HK, "  XX:\n    status: not_legal"),
     "LA -> HK: missing entry"),
    ("unknown destination", lambda f: edit(f / CHANNELS, LA_HK, "  XX:\n    status: not_legal"),
     "LA: unknown destination 'XX'"),
    ("unknown origin", lambda f: edit(f / CHANNELS, "\nLA:\n", "\nTH:\n"), "unknown origin 'TH'"),
    ("unknown status", lambda f: edit(f / CHANNELS, LA_HK, "  HK:\n    status: maybe"),
     "LA -> HK: status: one of legal, not_legal, ask_centre"),
    ("missing source", lambda f: edit(
        f / CHANNELS, '    source: "Hong Kong government letter (2005) listing nationalities '
        'not admitted as foreign domestic helpers"\n', "", ), "LA -> HK: source: missing"),
    ("empty source", lambda f: edit(f / CHANNELS, 'source: "MoU between the governments of '
                                    'Viet Nam and Thailand (2015)"', 'source: " "'),
     "VN -> TH: source: a non-empty text"),
    ("missing date", lambda f: edit(f / CHANNELS, "    checked: 2026-12-07\nLA:", "LA:"),
     "KH -> KR: checked: missing"),
    ("not a date", lambda f: edit(f / CHANNELS, "    checked: 2026-12-07\nLA:",
                                  "    checked: last year\nLA:"), "KH -> KR: checked: a date"),
    ("missing language", lambda f: edit(
        f / CHANNELS, '      zh: "香港不接受老挝人做外籍家庭佣工。"\n', ""),
     "LA -> HK: text: missing in zh"),
    ("missing work language", lambda f: edit(
        f / CHANNELS, 'vi: "lao động chân tay", zh: "体力劳动"}', 'vi: "lao động chân tay"}'),
     "KH -> TH: work: missing in zh"),
    ("unknown field", lambda f: edit(f / CHANNELS, LA_HK, LA_HK + "\n    fee: 100"),
     "LA -> HK: unknown field 'fee'"),
]


@pytest.mark.parametrize(("what", "break_it", "words"), BREAKAGES,
                         ids=[b[0] for b in BREAKAGES])
def test_each_channel_mistake_is_an_error(app, what, break_it, words):
    folder = Path(app.config["COURSES_FOLDER"])
    assert problems_of(folder)[0] == []
    break_it(folder)
    errors, _ = problems_of(folder)
    assert any(words in str(problem) for problem in errors), [str(p) for p in errors]


def test_courses_check_fails_on_a_channel_mistake(app, runner):
    folder = Path(app.config["COURSES_FOLDER"])
    assert runner.invoke(args=["courses", "check"]).exit_code == 0
    edit(folder / CHANNELS, LA_HK, "  HK:\n    status: maybe")
    result = runner.invoke(args=["courses", "check"])
    assert result.exit_code == 1
    assert "LA -> HK: status" in result.output
