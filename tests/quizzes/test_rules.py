"""The quiz rules, called directly."""

import random
from datetime import datetime, timedelta

import pytest

from orientation import completion
from orientation.content.packages import Option, Question, Quiz
from orientation.quizzes import rules


def question(kind, correct, ids=("a", "b", "c", "d")):
    options = [] if kind == "true_false" else [Option(i, {"en": i}) for i in ids]
    return Question("q", kind, {"en": "?"}, {"en": "!"}, options, correct)


@pytest.mark.parametrize(("kind", "correct", "chosen", "score"), [
    ("single", "b", ["b"], 1.0),
    ("single", "b", ["a"], 0.0),
    ("true_false", True, [True], 1.0),
    ("true_false", True, [False], 0.0),
    ("multiple", ["a", "b"], ["a", "b"], 1.0),
    ("multiple", ["a", "b"], ["a"], 0.5),            # partly right
    ("multiple", ["a", "b"], ["a", "c"], 0.0),       # one right, one wrong
    ("multiple", ["a", "b", "c"], ["a", "b", "d"], 1 / 3),
    ("multiple", ["a", "b"], ["c", "d"], 0.0),       # floored at 0, never negative
    ("multiple", ["a", "b"], ["a", "b", "c", "d"], 0.0),
    ("ordering", ["a", "b", "c", "d"], ["a", "b", "c", "d"], 1.0),
    ("ordering", ["a", "b", "c", "d"], ["a", "b", "d", "c"], 0.5),  # partly right
    ("ordering", ["a", "b", "c", "d"], ["d", "c", "b", "a"], 0.0),
])
def test_scoring_per_type(kind, correct, chosen, score):
    assert rules.score_question(question(kind, correct), chosen) == pytest.approx(score)


def test_attempt_score_and_pass_mark():
    assert rules.attempt_score([1, 0.5, 0, 1]) == 0.625
    assert rules.attempt_score([]) == 0.0
    assert rules.has_passed(0.7, 70) and not rules.has_passed(0.6999, 70)
    assert rules.has_passed(7 / 10)  # default pass mark 70 %, no float trap
    assert rules.counts_as_correct(1.0) and not rules.counts_as_correct(0.99)


NOW = datetime(2026, 11, 30, 12, 0)


def failed(minutes_ago):
    return (NOW - timedelta(minutes=minutes_ago), False)


def test_defaults_are_unlimited_attempts_and_no_wait():
    decision = rules.may_start([failed(1)] * 20, None, 0, 0, NOW)
    assert decision.allowed and decision.left is None


def test_limit_and_grant():
    assert rules.may_start([failed(60)] * 2, 3, 0, 0, NOW).left == 1
    assert rules.may_start([failed(60)] * 3, 3, 0, 0, NOW).reason == "limit"
    assert rules.may_start([failed(60)] * 3, 3, 0, 1, NOW).allowed  # a trainer's grant


def test_wait_between_attempts():
    decision = rules.may_start([failed(10)], None, 30, 0, NOW)
    assert (decision.reason, decision.wait_until) == ("wait", NOW + timedelta(minutes=20))
    assert rules.may_start([failed(31)], None, 30, 0, NOW).allowed


def test_no_new_attempt_after_passing():
    assert rules.may_start([failed(5), (NOW, True)], None, 0, 0, NOW).reason == "passed"


def test_is_key():
    single = Question("q", "single", {}, {}, [], "a")
    multiple = Question("q", "multiple", {}, {}, [], ["a", "c"])
    assert rules.is_key(single, "a") and not rules.is_key(single, "b")
    assert rules.is_key(multiple, "c") and not rules.is_key(multiple, "b")


def test_a_language_far_below_the_overall_share_is_flagged():
    from orientation.quizzes.stats import QuestionStats, Tally

    stats = QuestionStats("final", "q", Tally(10, 8), {"lo": Tally(4, 2), "km": Tally(6, 6)}, {})
    assert stats.lags("lo") and not stats.lags("km") and not stats.lags("vi")


@pytest.mark.parametrize(("score", "mark"), [(1.0, "right"), (0.5, "partly"), (0.0, "wrong")])
def test_answer_mark(score, mark):
    assert rules.answer_mark(score) == mark


def test_completion_rule():
    assert completion.is_complete(4, 4, True)
    assert not completion.is_complete(3, 4, True)
    assert not completion.is_complete(4, 4, False)


def test_shuffle_is_reproducible_and_ordering_never_starts_solved():
    quiz = Quiz("final", "final", None, [
        question("ordering", ["a", "b", "c", "d"]), question("true_false", True),
    ], path=None)
    quiz.questions[1].id = "tf"
    first = rules.shuffled_order(quiz, random.Random(7))
    assert first == rules.shuffled_order(quiz, random.Random(7))
    for seed in range(200):
        order = dict(rules.shuffled_order(quiz, random.Random(seed)))
        assert order["q"] != ["a", "b", "c", "d"] and sorted(order["q"]) == ["a", "b", "c", "d"]
        assert order["tf"] == []
