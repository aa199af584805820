"""Drawing the login cards of a 2,000-trainee import, part by part as the trainer's
downloads do (10 PDFs of 200 cards). Memory is bounded in tests/trainer/test_cards_memory.py."""

from datetime import date, timedelta

from sqlalchemy import select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Programme
from orientation.trainer import import_batches
from tests.trainer.test_cards_memory import draw_part, saved_import


def test_draw_2000_login_cards(benchmark, app, courses, trainer):
    cohort = learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                    "Big", date.today(), date.today() + timedelta(days=30))
    batch_id, trainer_id = saved_import(cohort, trainer, 2000), trainer.id
    parts = range(1, 2000 // import_batches.CARDS_PER_PDF + 1)

    def run():
        return [draw_part(batch_id, number, trainer_id) for number in parts]

    pdfs = benchmark.pedantic(run, rounds=1, warmup_rounds=0)
    assert len(pdfs) == 10 and all(pdf.startswith(b"%PDF") for pdf in pdfs)
