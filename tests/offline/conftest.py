"""Fixtures of the offline tests."""

import pytest
from flask_babel import force_locale, gettext


@pytest.fixture
def t(app):
    """t(locale, msgid, **values): the interface string as that locale's catalog has it."""

    def translate(locale, msgid, **values):
        with app.test_request_context(f"/{locale}/"), force_locale(locale):
            return gettext(msgid, **values)

    return translate
