"""Agencies made directly through the services, for the tests of this folder."""

from datetime import date

import pytest

from orientation.agencies import services


@pytest.fixture
def make_agency(app, admin):
    """make_agency(name=..., country="KH", licence_number=..., **fields) -> Agency"""
    counter = iter(range(1, 10_000))

    def make(**fields):
        n = next(counter)
        values = {"country": "KH", "name": f"Agency {n}", "licence_number": f"L-{n}",
                  "destinations": ["TH"], "licence_expires_on": date(2030, 1, 1),
                  "address": "", "phone": "", **fields}
        return services.create_agency(values, admin)

    return make
