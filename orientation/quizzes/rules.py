"""The quiz rules, one function each: scoring, passing, limits and waits, completion, order."""

from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_PASS_MARK = 70


def score_question(question, chosen):
    """0 to 1 for what was chosen (a list of option ids, or [True]/[False])."""
    if question.type in ("single", "true_false"):
        return 1.0 if chosen == [question.correct] else 0.0
    if question.type == "multiple":
        right, picked = set(question.correct), set(chosen)
        return max(0.0, (len(picked & right) - len(picked - right)) / len(right))
    # ordering: the share of steps in their right place
    placed = sum(1 for got, want in zip(chosen, question.correct, strict=False) if got == want)
    return placed / len(question.correct)


def attempt_score(scores):
    """The attempt's score: the mean of its questions' scores (0 to 1)."""
    return sum(scores) / len(scores) if scores else 0.0


def has_passed(score, pass_mark=DEFAULT_PASS_MARK):
    """True when a score (0 to 1) reaches the pass mark (per cent)."""
    return round(score * 100, 6) >= pass_mark


def counts_as_correct(score):
    """In statistics a question is answered correctly only with full marks."""
    return score >= 1.0


def is_key(question, option_id):
    """Whether an option is (one of) the right answer(s) of a question."""
    correct = question.correct
    return option_id in correct if isinstance(correct, list) else option_id == correct


def answer_mark(score):
    """How a review marks one answer: "right" (full marks), "partly" or "wrong"."""
    if counts_as_correct(score):
        return "right"
    return "partly" if score > 0 else "wrong"


@dataclass(frozen=True)
class Decision:
    """Whether a new attempt may start now, and if not, why and until when."""

    allowed: bool
    reason: str | None = None  # "passed", "limit" or "wait"
    wait_until: datetime | None = None
    left: int | None = None  # attempts left after this one's start; None = unlimited


def may_start(submitted, max_attempts, wait_minutes, grants, now):
    """May a trainee start a final quiz again?

    `submitted` lists their submitted attempts as (submitted_at, passed), oldest first.
    Defaults: unlimited attempts and no wait; a trainer's grant adds one attempt.
    """
    if any(passed for _, passed in submitted):
        return Decision(False, "passed")
    limit = None if max_attempts is None else max_attempts + grants
    if limit is not None and len(submitted) >= limit:
        return Decision(False, "limit", left=0)
    if wait_minutes and submitted:
        until = submitted[-1][0] + timedelta(minutes=wait_minutes)
        if now < until:
            return Decision(False, "wait", wait_until=until)
    left = None if limit is None else limit - len(submitted)
    return Decision(True, left=left)


def is_gradable(order, quiz):
    """Can an attempt still be graded on what it showed? Every question in its stored order,
    and every option shown, must still be in the quiz (a new version may remove some)."""
    for question_id, option_ids in order:
        question = quiz.question(question_id)
        if question is None:
            return False
        if sorted(option_ids) != sorted(option.id for option in question.options):
            return False
    return True


def review_shows_key(final, final_passed, attempts_left):
    """May a review show the right answers? Practice: always. A final: only once it is passed
    or no attempt is left, so that failing once and copying the key is no way to pass."""
    return not final or final_passed or attempts_left == 0


def shuffled_order(quiz, rng):
    """A new order for an attempt: questions shuffled, and the options of each question."""
    questions = list(quiz.questions)
    rng.shuffle(questions)
    order = []
    for question in questions:
        options = [option.id for option in question.options]
        rng.shuffle(options)
        if question.type == "ordering" and options == question.correct and len(options) > 1:
            options = options[1:] + options[:1]  # never shown already in the right order
        order.append([question.id, options])
    return order
