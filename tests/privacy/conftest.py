"""Two trainees of one cohort with data in every table that can hold a trainee's: both
created by one import (its job too), with progress, answers, an extra attempt, attendance,
a certificate, a print job of their cohort, a file not saved yet that names them, and an
audit detail that names the first one."""

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from orientation import audit
from orientation.extensions import db
from orientation.jobs import certificates as print_job
from orientation.learn.services import create_cohort, get_programme
from orientation.models import Certificate, Cohort, Departure, Payment, User
from orientation.quizzes.services import grant_attempt
from orientation.trainer import import_batches
from orientation.trainer.cohorts import add_session, record_attendance

HEADER = "name,latin_name,phone,language,trainee_code\r\n"
FIRST = ("សុខ ចាន់ថា", "SOK CHANTHA", "+85512345678")
SECOND = ("ບຸນມີ ພົມມະວົງສາ", "BOUNMY PHOMMAVONG", "+85598765432")
# The saved file gives birth dates, as a spreadsheet writes them (stored 2001-03-31, 2000-12-01).
BORN = ("31/03/2001", "01.12.2000")


@dataclass
class World:
    trainee: User
    other: User
    cohort: Cohort
    trainer: User

    def values(self, user):
        """What names a person: name, Latin name, phone, login code (stored and printed)."""
        from orientation.accounts.rules import format_code

        return [user.display_name, user.latin_name, user.phone, user.login_code,
                format_code(user.login_code)]

    def certificate(self, user):
        return db.session.scalar(select(Certificate).where(Certificate.user_id == user.id))


def _import(cohort, trainer, text):
    batch, rows = import_batches.check_file(cohort, trainer, text.encode(), "KH")
    assert batch is not None, [row.errors for row in rows]
    return batch


@pytest.fixture
def world(courses, trainer, complete):
    cohort = create_cohort(trainer.centre, get_programme("thailand"), "Batch 7",
                           date(2027, 1, 4), date(2027, 2, 1))
    lines = "".join(f"{name},{latin},{phone},km,,{born}\r\n"
                    for (name, latin, phone), born in zip((FIRST, SECOND), BORN, strict=True))
    header = HEADER.replace("\r\n", ",birth_date\r\n")
    assert import_batches.save(_import(cohort, trainer, header + lines), trainer, "KH")
    trainee, other = (db.session.scalar(select(User).where(User.display_name == person[0]))
                      for person in (FIRST, SECOND))
    session = add_session(cohort, date(2027, 1, 5), 3.0, "Rights at work", trainer)
    record_attendance(session, {trainee.id, other.id}, trainer)
    for user in (trainee, other):
        complete(user)
        grant_attempt(user.id, courses["first-steps"], actor=trainer)
        db.session.commit()
    assert print_job.start(cohort, trainer) is not None  # runs at once in tests: a result
    # A file checked but not saved yet that names both (by code), and a new person.
    _import(cohort, trainer, HEADER + f"{FIRST[0]},,,km,{trainee.login_code}\r\n"
            f"{SECOND[0]},,,km,{other.login_code}\r\nChan Dara,CHAN DARA,,km,\r\n"
            "Sok Chantha,,012 345 678,km,\r\n")  # their phone, their name spelt otherwise
    for user, paid_to in ((trainee, f"Uncle of {trainee.display_name}"), (other, "Agency")):
        db.session.add(Departure(user_id=user.id, destination="TH", agency_name="Typed Co",
                                 payments=[Payment(paid_to=paid_to, category="service_fee",
                                                   amount=500, currency="USD", receipt=True,
                                                   created_by_id=trainer.id)]))
    # A detail that names the trainee in passing, as a later feature might write one.
    audit.record("user.note", trainee, actor=trainer, centre_id=trainee.centre_id,
                 note=f"Called {trainee.display_name} on {trainee.phone}")
    db.session.commit()
    return World(trainee, other, cohort, trainer)
