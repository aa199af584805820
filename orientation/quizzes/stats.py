"""Per-question results for trainers: how often each question is answered right, overall, by
language and by course version (a question only one language gets wrong is often a
translation problem)."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import case, func, select

from orientation.extensions import db
from orientation.models import Answer, Attempt, User


@dataclass(frozen=True)
class Tally:
    answers: int
    correct: int

    @property
    def share_correct(self):
        return self.correct / self.answers if self.answers else 0.0


# A language whose share of right answers is this far below the overall share is flagged:
# often the translation, not the learners, is at fault.
LAG_MARGIN = 0.25


@dataclass
class QuestionStats:
    quiz_id: str
    question_id: str
    overall: Tally
    by_locale: dict[str, Tally]
    by_version: dict[int, Tally]

    def lags(self, locale):
        """Whether readers of this language answer it right far less often than everyone."""
        tally = self.by_locale.get(locale)
        return tally is not None and tally.share_correct + LAG_MARGIN < \
            self.overall.share_correct


def get_question_stats(course_id, centre_id=None):
    """Statistics of every question answered in a course's quizzes, in one query.

    A question counts as correct when it scored 1. With `centre_id`, only trainees of that
    centre count (a trainer sees their own centre).
    """
    query = (
        select(Attempt.quiz_id, Answer.question_id, Answer.locale, Attempt.course_version,
               func.count(Answer.id), func.sum(case((Answer.score >= 1, 1), else_=0)))
        .join(Attempt, Answer.attempt_id == Attempt.id)
        .where(Attempt.course_id == course_id)
        .group_by(Attempt.quiz_id, Answer.question_id, Answer.locale, Attempt.course_version)
    )
    if centre_id is not None:
        query = query.join(User, User.id == Attempt.user_id).where(User.centre_id == centre_id)
    cells = defaultdict(lambda: (defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])))
    for quiz_id, question_id, locale, version, answers, correct in db.session.execute(query):
        by_locale, by_version = cells[(quiz_id, question_id)]
        for bucket in (by_locale[locale], by_version[version]):
            bucket[0] += answers
            bucket[1] += int(correct or 0)
    stats = []
    for (quiz_id, question_id), (by_locale, by_version) in sorted(cells.items()):
        total = [sum(v[0] for v in by_locale.values()), sum(v[1] for v in by_locale.values())]
        stats.append(QuestionStats(quiz_id, question_id, Tally(*total),
                                   {k: Tally(*v) for k, v in by_locale.items()},
                                   {k: Tally(*v) for k, v in by_version.items()}))
    return stats
