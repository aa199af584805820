"""Form fields never carry a Python value as an attribute (inputmode="None" hides a keyboard)."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from orientation.extensions import db
from orientation.forms import present_attributes
from orientation.learn import services as learning
from orientation.models import Programme

PYTHON_VALUE = re.compile(r'="(None|True|False)"')


def test_present_attributes_leaves_out_none_and_false():
    attrs = {"inputmode": None, "autocomplete": "username", "maxlength": 64, "readonly": False}
    assert present_attributes(attrs) == {"autocomplete": "username", "maxlength": 64}


@pytest.mark.parametrize("path", ["/km/login", "/lo/register", "/en/login"])
def test_public_forms_render_no_python_value(client, path):
    page = client.get(path).get_data(as_text=True)
    assert not PYTHON_VALUE.search(page), PYTHON_VALUE.search(page).group(0)


def test_login_field_asks_for_a_keyboard(client):
    page = client.get("/km/login").get_data(as_text=True)
    login_input = re.search(r'<input[^>]*name="login"[^>]*>', page).group(0)
    assert 'autocomplete="username"' in login_input
    assert 'maxlength="64"' in login_input
    assert "inputmode" not in login_input  # the phone shows its ordinary keyboard


def test_register_phone_field_asks_for_a_phone_keypad(client):
    page = client.get("/km/register").get_data(as_text=True)
    phone = re.search(r'<input[^>]*name="phone"[^>]*>', page).group(0)
    assert 'inputmode="tel"' in phone and 'autocomplete="tel"' in phone


def test_trainer_forms_render_no_python_value(trainer_client, trainer, courses):
    programme = db.session.scalar(select(Programme))
    cohort = learning.create_cohort(trainer.centre, programme, "Batch 1", date.today(),
                                    date.today() + timedelta(days=10))
    for path in ["/km/trainer/cohorts/new", f"/lo/trainer/cohorts/{cohort.id}/sessions/new"]:
        response = trainer_client.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert not PYTHON_VALUE.search(page), path


def test_errors_keep_attributes_clean(client):
    page = client.post("/lo/login", data={"login": "", "secret": ""}).get_data(as_text=True)
    assert not PYTHON_VALUE.search(page)
    assert 'aria-invalid="true"' in page
