"""A Cambodian centre with agencies, its trainer, a cohort for Thailand and a trainee in it."""

from datetime import date, timedelta

import pytest

from orientation.extensions import db
from orientation.learn.services import create_cohort, get_programme, join_cohort
from orientation.models import Agency
from tests.conftest import departs_in


@pytest.fixture
def kh(centre):
    centre.country = "KH"
    db.session.commit()
    return centre


@pytest.fixture
def agencies(kh):
    """Fictional agencies: licensed for TH; expired; licensed for MY only; one of Laos."""
    rows = {
        "good": Agency(country="KH", name="Demo Agency A", licence_number="T-001",
                       destinations=["TH", "MY"], licence_expires_on=date(2099, 1, 1)),
        "expired": Agency(country="KH", name="Demo Agency B", licence_number="T-002",
                          destinations=["TH"], licence_expires_on=date(2020, 1, 1)),
        "malaysia": Agency(country="KH", name="Demo Agency C", licence_number="T-003",
                           destinations=["MY"], licence_expires_on=None),
        "lao": Agency(country="LA", name="Lao Agency", licence_number="T-004",
                      destinations=["TH"], licence_expires_on=date(2099, 1, 1)),
    }
    db.session.add_all(rows.values())
    db.session.commit()
    return rows


@pytest.fixture
def cohort(courses, kh, trainer, trainee):
    cohort = create_cohort(kh, get_programme("thailand"), "Batch 1",
                           departs_in(kh, -10), departs_in(kh, 30))
    join_cohort(trainee, cohort)
    return cohort


@pytest.fixture
def today(kh):
    return departs_in(kh, 0)


@pytest.fixture
def yesterday(kh):
    return departs_in(kh, 0) - timedelta(days=1)
