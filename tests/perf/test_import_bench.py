"""A 300-trainee import at the default hashing cost (aim: well under 15 s), then its first
200 login cards (aim: under 10 s)."""

from datetime import date

from sqlalchemy import select

from orientation.config import Defaults
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Programme
from orientation.trainer import import_batches

NAMES = ["សុខ ចាន់ថា", "ສົມສັກ ພົມມະວົງ", "Nguyễn Thị Hoa", "李明"]


def test_import_300_trainees(benchmark, app, courses, trainer):
    app.config.update({name: getattr(Defaults, name) for name in
                       ("ARGON2_TIME_COST", "ARGON2_MEMORY_COST", "ARGON2_PARALLELISM")})
    programme = db.session.scalar(select(Programme))
    lines = ["name,latin_name,language"] + [f"{NAMES[n % 4]} {n},TRAINEE {chr(65 + n % 26)},km"
                                            for n in range(300)]
    data = "\r\n".join(lines).encode()
    batches = iter(range(100))

    def run():
        cohort = learning.create_cohort(trainer.centre, programme, f"Batch {next(batches)}",
                                        date(2027, 1, 4), date(2027, 2, 1))
        batch, _ = import_batches.check_file(cohort, trainer, data, "KH")
        import_batches.save(batch, trainer, "KH")
        return import_batches.draw_cards(batch, 1, trainer)

    cards = benchmark.pedantic(run, rounds=1, warmup_rounds=0)
    assert len(cards) == import_batches.CARDS_PER_PDF
