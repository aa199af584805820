"""The courses we ship: clean under `courses check`, and every lesson renders in every language
with the right `lang` and in the right script."""

import gzip
import re
import unicodedata

import pytest

from orientation.config import REPO_ROOT
from orientation.content.check import check_library
from orientation.content.reader import read_library
from orientation.learn import services
from tests.conftest import PIN, log_in

SHIPPED = REPO_ROOT / "courses"
LIBRARY, READ_PROBLEMS = read_library(SHIPPED)
HTML_LANG = {"en": "en", "km": "km", "lo": "lo", "vi": "vi", "zh": "zh-Hans"}
# A few letters of each script that any lesson in that language is bound to contain.
SCRIPT = {
    "km": re.compile("[\u1780-\u17ff]"),
    "lo": re.compile("[\u0e80-\u0eff]"),
    "zh": re.compile("[\u4e00-\u9fff]"),
    "vi": re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]"),
    "en": re.compile("[A-Za-z]"),
}
MIN_SHARE = {"vi": 0.02, "zh": 0.3}
PUBLISHED = [(course.id, lesson.id) for course in LIBRARY.courses.values() if course.published
             for lesson in course.lessons]


def test_shipped_packages_pass_the_check():
    errors = [str(p) for p in READ_PROBLEMS + check_library(LIBRARY) if p.error]
    assert errors == []


def test_published_courses_belong_to_programmes():
    published = {course.id for course in LIBRARY.courses.values() if course.published}
    assert {"safe-migration", "your-rights", "living-in-thailand"} <= published
    assert {"safe-migration", "your-rights", "living-in-thailand"} <= set(
        LIBRARY.programmes["thailand"].courses)
    in_programmes = {c for p in LIBRARY.programmes.values() for c in p.courses}
    for course_id in published:
        assert course_id in in_programmes
        assert len(LIBRARY.courses[course_id].lessons) >= 4
    for programme in LIBRARY.programmes.values():
        if programme.published:
            assert all(LIBRARY.courses[c].published for c in programme.courses), programme.id


def test_english_lessons_are_300_to_900_words():
    for course in LIBRARY.courses.values():
        for lesson in course.lessons:
            if course.published:
                words = len(lesson.texts["en"].body.split())
                assert 300 <= words <= 900, f"{course.id}/{lesson.id}: {words} words"


def test_no_lesson_states_a_phone_number():
    phone = re.compile(r"\+\d[\d\s-]{6,}|\b\d{3}[\s-]\d{3,4}[\s-]\d{3,4}\b")
    for course in LIBRARY.courses.values():
        for lesson in course.lessons:
            for text in lesson.texts.values():
                assert not phone.search(text.body), f"{text.path}: use a contact placeholder"


@pytest.fixture
def shipped(settings):
    settings["COURSES_FOLDER"] = str(SHIPPED)
    return settings


@pytest.fixture
def reader(shipped, app, courses, make_trainee):
    """A trainee enrolled in every published course of the shipped packages."""
    trainee = make_trainee()
    for course in courses.values():
        if course.published:
            services.enrol(trainee, course)
    client = app.test_client()
    log_in(client, trainee.login_code, PIN)
    return client


@pytest.mark.parametrize("lang", HTML_LANG)
def test_every_shipped_lesson_renders_in_its_language(reader, lang):
    for course_id, lesson_id in PUBLISHED:
        where = f"{lang}/{course_id}/{lesson_id}"
        response = reader.get(f"/{lang}/courses/{course_id}/{lesson_id}")
        assert response.status_code == 200, where
        html = response.get_data(as_text=True)
        article = html.split(f'<article class="lesson" lang="{HTML_LANG[lang]}">', 1)
        assert len(article) == 2, f"{where} is not in its own language"
        body = re.sub(r"<[^>]+>", " ", article[1].split("</article>", 1)[0])
        letters = [ch for ch in body if unicodedata.category(ch).startswith("L")]
        in_script = sum(1 for ch in letters if SCRIPT[lang].match(ch.lower()))
        share = in_script / len(letters)
        # Phrase lessons quote Thai, Malay, Cantonese or Korean; a Chinese character says more
        # than a letter does, so Chinese needs a smaller share.
        assert share > MIN_SHARE.get(lang, 0.5), f"{where}: {share:.0%} in its script"
        assert "{{" not in body and "**" not in body, where
        assert len(gzip.compress(response.data)) < 20 * 1024, f"{where} is heavy"
