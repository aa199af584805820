"""The app's signing key, loaded once per process."""

from flask import current_app

from orientation.certificates import signing


def signing_key():
    key = current_app.extensions.get("orientation.signing_key")
    if key is None:
        key = signing.load_or_create_key(current_app.config["SIGNING_KEY_PATH"],
                                         create=current_app.config["ENV"] != "production")
        current_app.extensions["orientation.signing_key"] = key
    return key


def public_key_raw():
    return signing.public_bytes(signing_key())
