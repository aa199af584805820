"""Starting and submitting attempts, and the statistics trainers read."""

import random

from sqlalchemy import func, select, update

from orientation import audit
from orientation.completion import lock_trainee, reconcile
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Answer, Attempt, AttemptGrant, Status
from orientation.models.base import utcnow
from orientation.quizzes import rules

_rng = random.SystemRandom()


class InvalidAnswer(ValueError):
    """An answer names an option the question does not have: refused, nothing recorded."""


class Unanswered(ValueError):
    """Some questions have no answer; `question_ids` says which."""

    def __init__(self, question_ids):
        super().__init__(question_ids)
        self.question_ids = question_ids


def get_attempt_of(user_id, attempt_id):
    """An attempt of this trainee, or None (someone else's attempt does not exist for them)."""
    return db.session.scalar(select(Attempt).where(Attempt.id == attempt_id,
                                                   Attempt.user_id == user_id))


def get_attempts(user_id, course_id, quiz_id):
    return db.session.scalars(select(Attempt).where(
        Attempt.user_id == user_id, Attempt.course_id == course_id, Attempt.quiz_id == quiz_id)
        .order_by(Attempt.started_at, Attempt.id)).all()


def decide(user_id, course, quiz, attempts, now=None):
    """May this trainee start this quiz now? Practice quizzes: always."""
    if quiz.kind != "final":
        return rules.Decision(True)
    submitted = [(a.submitted_at, bool(a.passed)) for a in attempts if a.submitted_at]
    grants = db.session.scalar(select(func.count()).select_from(AttemptGrant).where(
        AttemptGrant.user_id == user_id, AttemptGrant.course_id == course.id))
    return rules.may_start(submitted, course.max_attempts, course.attempt_wait_minutes, grants,
                           now or utcnow())


def review_shows_key(user_id, course, quiz):
    """Whether this trainee's reviews of this quiz may show the right answers now."""
    if quiz.kind != "final":
        return True
    decision = decide(user_id, course, quiz, get_attempts(user_id, course.id, quiz.id))
    return rules.review_shows_key(True, decision.reason == "passed",
                                  0 if decision.reason == "limit" else decision.left)


def is_open(attempt):
    return attempt.submitted_at is None and attempt.voided_at is None


def void_if_outdated(attempt, quiz):
    """Close an open attempt that a new course version made impossible to grade (a question
    or option it showed is gone): it does not count as a try. True when it was closed."""
    if not is_open(attempt) or rules.is_gradable(attempt.order, quiz):
        return False
    db.session.execute(update(Attempt).where(
        Attempt.id == attempt.id, Attempt.submitted_at.is_(None), Attempt.voided_at.is_(None))
        .values(voided_at=utcnow()))
    db.session.commit()
    db.session.refresh(attempt)
    return True


def start_attempt(user, course, quiz, locale, rng=_rng):
    """Start an attempt with a new order; an attempt still open is returned instead."""
    if course.status != Status.published or learning.get_enrolment(user.id, course.id) is None:
        raise learning.NotAllowed("not enrolled")
    attempts = get_attempts(user.id, course.id, quiz.id)
    open_attempt = next((a for a in attempts if is_open(a)), None)
    if open_attempt is not None and not void_if_outdated(open_attempt, quiz):
        return open_attempt
    decision = decide(user.id, course, quiz, attempts)
    if not decision.allowed:
        raise learning.NotAllowed(decision.reason)
    attempt = Attempt(user_id=user.id, course_id=course.id, quiz_id=quiz.id,
                      final=quiz.kind == "final", course_version=course.version, locale=locale,
                      order=rules.shuffled_order(quiz, rng))
    db.session.add(attempt)
    db.session.commit()
    return attempt


def read_answers(attempt, quiz, form):
    """The choices of a submitted form, as option ids by question id.

    Fields name positions in the order this attempt showed (q0=2, q3-1=4), never option ids,
    so the page tells nothing about the key. A position that was not shown is refused.
    """
    answers, unanswered = {}, []
    for index, (question_id, option_ids) in enumerate(attempt.order):
        question = quiz.question(question_id)
        if question is None:  # removed by a later version: it scores as shown
            raise InvalidAnswer(question_id)
        try:
            chosen = _read_one(question, option_ids, form, f"q{index}")
        except (ValueError, IndexError):
            raise InvalidAnswer(question_id) from None
        if chosen is None:
            unanswered.append(question_id)
        else:
            answers[question_id] = chosen
    if unanswered:
        raise Unanswered(unanswered)
    return answers


def _read_one(question, option_ids, form, name):
    if question.type == "true_false":
        value = form.get(name)
        if value is None:
            return None
        if value not in ("true", "false"):
            raise ValueError(value)
        return [value == "true"]
    if question.type == "ordering":
        places = [form.get(f"{name}-{i}") for i in range(len(option_ids))]
        if not all(places):
            return None
        positions = [int(place) for place in places]
        if sorted(positions) != list(range(1, len(option_ids) + 1)):
            raise ValueError(positions)
        return [option_ids[i] for i in sorted(range(len(option_ids)), key=positions.__getitem__)]
    picked = form.getlist(name) if question.type == "multiple" else form.getlist(name)[:1]
    if not picked:
        return None
    indexes = [int(value) for value in picked]
    if any(i < 0 or i >= len(option_ids) for i in indexes) or len(set(indexes)) != len(indexes):
        raise ValueError(indexes)
    return [option_ids[i] for i in indexes]


def submit_attempt(user, attempt, course, quiz, answers, locale):
    """Grade and record an attempt once; a replay returns the stored result unchanged."""
    if attempt.submitted_at is not None:
        return attempt
    claimed = db.session.execute(
        update(Attempt).where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None),
                              Attempt.voided_at.is_(None))
        .values(submitted_at=utcnow()))
    if claimed.rowcount != 1:  # another request submitted it first
        db.session.rollback()
        db.session.refresh(attempt)
        return attempt
    scores = []
    for position, (question_id, _) in enumerate(attempt.order):
        score = rules.score_question(quiz.question(question_id), answers[question_id])
        scores.append(score)
        db.session.add(Answer(attempt_id=attempt.id, question_id=question_id, position=position,
                              chosen=answers[question_id], score=score, locale=locale))
    attempt.score = rules.attempt_score(scores)
    attempt.passed = rules.has_passed(attempt.score, course.pass_mark)
    if attempt.final and attempt.passed:
        lock_trainee(user.id)
        reconcile(user.id)
    db.session.commit()
    db.session.refresh(attempt)
    return attempt


def grant_attempt(user_id, course, actor=None):
    """One more final-quiz attempt for a trainee, beyond the course's limit (audited)."""
    grant = AttemptGrant(user_id=user_id, course_id=course.id,
                         granted_by_id=actor.id if actor else None)
    db.session.add(grant)
    audit.record("attempt.granted", grant, actor=actor, course=course.slug, trainee=user_id)
    db.session.commit()
    return grant
