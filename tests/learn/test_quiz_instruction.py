"""A multiple-choice question says once that several answers may be right: in its text."""

import pytest

from orientation.config import REPO_ROOT
from orientation.content.library import get_library
from orientation.content.reader import read_library
from orientation.learn import services as learning
from orientation.quizzes import services as quizzes
from tests.conftest import PIN, log_in

SHIPPED = REPO_ROOT / "courses"
INSTRUCTION = {"en": "Choose all the right answers.", "km": "សូមជ្រើសរើសចម្លើយត្រូវទាំងអស់។",
               "lo": ("ເລືອກທຸກຄຳຕອບທີ່ຖືກຕ້ອງ.", "ເລືອກທຸກຄຳຕອບທີ່ຖືກ."),
               "vi": "Hãy chọn tất cả các câu đúng.", "zh": "请选出所有正确的答案。"}


def multiple_choice_texts():
    for course in read_library(SHIPPED)[0].courses.values():
        for quiz in course.quizzes.values():
            for question in quiz.questions:
                if question.type == "multiple":
                    yield f"{course.id}/{quiz.id}/{question.id}", question.text


def test_every_shipped_multiple_choice_question_says_it_once():
    for where, texts in multiple_choice_texts():
        for lang, instruction in INSTRUCTION.items():
            endings = instruction if isinstance(instruction, tuple) else (instruction,)
            assert texts[lang].endswith(endings), f"{where} [{lang}]"
            assert sum(texts[lang].count(ending) for ending in endings) == 1, f"{where} [{lang}]"


@pytest.fixture
def settings(settings):
    settings["COURSES_FOLDER"] = str(SHIPPED)
    return settings


def test_the_quiz_page_adds_no_second_instruction(app, courses, make_trainee):
    trainee = make_trainee()
    package = get_library().courses["money-matters"]
    learning.enrol(trainee, courses["money-matters"])
    attempt = quizzes.start_attempt(trainee, courses["money-matters"], package.final_quiz, "km")
    client = app.test_client()
    log_in(client, trainee.login_code, PIN)
    html = client.get(f"/km/attempts/{attempt.id}").get_data(as_text=True)
    multiple = sum(1 for q in package.final_quiz.questions if q.type == "multiple")
    assert multiple >= 2
    assert html.count("សូមជ្រើសរើសចម្លើយ") == multiple  # "choose ... answers", once each
