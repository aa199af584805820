"""The reader parses YAML with libyaml when PyYAML has it: the same library, problems and
lines as the pure-Python parser, which took 4.6 s a process for the shipped courses."""

import yaml

from orientation.content import reader
from tests.conftest import FIXTURE_COURSES


def test_libyaml_reads_the_same_library_as_the_python_parser(monkeypatch, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: ok\nlist: [1, 2\n", encoding="utf-8")
    fast, fast_problems = reader.read_library(FIXTURE_COURSES)
    fast_broken = reader.Reader(tmp_path)
    fast_result = fast_broken.yaml(broken)
    monkeypatch.setattr(reader, "SafeLoader", yaml.SafeLoader)
    slow, slow_problems = reader.read_library(FIXTURE_COURSES)
    slow_broken = reader.Reader(tmp_path)
    assert fast_result == slow_broken.yaml(broken) == (None, {})
    assert repr(fast.courses) == repr(slow.courses)
    assert repr(fast.programmes) == repr(slow.programmes)
    assert fast_problems == slow_problems
    # The same line; libyaml words the problem its own way ("did not find expected ',' or
    # ']'" where the Python parser says "expected ',' or ']', but got '<stream end>'").
    assert [p.line for p in fast_broken.problems] == [p.line for p in slow_broken.problems] == [3]
    assert fast_broken.problems[0].message.startswith("not valid YAML: ")


def test_each_top_level_key_keeps_its_line(tmp_path):
    path = tmp_path / "course.yaml"
    path.write_text("# comment\nid: x\n\ntitle:\n  en: X\n", encoding="utf-8")
    data, lines = reader.Reader(tmp_path).yaml(path)
    assert data == {"id": "x", "title": {"en": "X"}}
    assert lines == {"id": 2, "title": 4}


def test_the_fast_parser_is_used_when_there():
    assert reader.SafeLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
