"""The progress matrix of a cohort of 200 and of 2,000 trainees."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Programme
from tests.trainer.test_cohorts import add_members


@pytest.mark.parametrize("size", [200, 2000])
def test_matrix(benchmark, app, courses, trainer, trainer_client, size):
    cohort = learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                    "Big", date.today(), date.today() + timedelta(days=30))
    add_members(cohort, size, 0)
    response = benchmark(trainer_client.get, f"/en/trainer/cohorts/{cohort.id}")
    assert response.status_code == 200
