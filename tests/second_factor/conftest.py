"""Staff with a second factor set up (its secret and recovery codes known to the test)."""

import time

import pyotp
import pytest

from orientation.second_factor import services


def code_now(secret, offset=0):
    """The app's code at this moment (plus `offset` seconds)."""
    return pyotp.TOTP(secret).at(time.time() + offset)


@pytest.fixture
def with_factor():
    """with_factor(user) -> (secret, recovery codes): the second factor set up and confirmed
    a minute ago, so that the code of this moment has not been used yet."""

    def turn_on(user):
        secret = services.get_setup_secret(user)
        earlier = time.time() - 60
        codes = services.confirm_setup(user, pyotp.TOTP(secret).at(earlier), now=earlier)
        assert codes is not None
        return secret, codes

    return turn_on
