"""Ed25519 signatures on certificates, and the payload a QR code carries.

The payload is `base64url(JSON message) "." base64url(signature)`; the message is
[key id, number, name, Latin name, title, date]. Anyone with the issuer's public key can check
it, offline: this module needs no app, and the verification page does the same in the browser.
"""

import base64
import hashlib
import json
import os
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FIELDS = ("kid", "number", "name", "latin_name", "title", "date")


class NotGenuine(ValueError):
    """A payload that does not verify; the message says why."""


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def load_or_create_key(path, create):
    """The private key at `path`; made there when missing and `create` (development only)."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise FileNotFoundError(f"no signing key at {path}")
        _create_once(path, Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def _create_once(path, data):
    """Write a new key file whole, unless another thread or process made one first: two
    workers starting together must not each sign with a key of their own, nor read half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".signing-key-")
    try:
        os.write(fd, data)
        os.fchmod(fd, 0o600)
        os.close(fd)
        os.link(temporary, path)  # fails if the key exists: the first one stays
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)


def public_bytes(key):
    """The 32 raw bytes of the public key of a private or public key."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_raw):
    """A short id of a public key, so that a verifier knows which key signed."""
    return hashlib.sha256(public_raw).hexdigest()[:8]


def make_payload(private_key, number, name, latin_name, title, date):
    message = json.dumps([key_id(public_bytes(private_key)), number, name, latin_name or "",
                          title, date], ensure_ascii=False, separators=(",", ":"))
    data = message.encode("utf-8")
    return f"{_b64(data)}.{_b64(private_key.sign(data))}"


def read_payload(payload, public_raw):
    """The fields of a genuine payload, as a dict; NotGenuine says why it is not."""
    try:
        encoded, signature = payload.strip().split(".")
        data, signature = _unb64(encoded), _unb64(signature)
        values = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise NotGenuine("the code is damaged or incomplete") from error
    if not isinstance(values, list) or len(values) != len(FIELDS):
        raise NotGenuine("the code is not a certificate code")
    fields = dict(zip(FIELDS, values, strict=True))
    if fields["kid"] != key_id(public_raw):
        raise NotGenuine("it was signed with another key than this issuer's")
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except InvalidSignature:
        raise NotGenuine("the signature does not match: the data was changed") from None
    return fields


def payload_of_url(text):
    """The payload of a scanned URL (BASE/v/NUMBER#PAYLOAD), or the text itself."""
    return text.split("#", 1)[1] if "#" in text else text


def number_of_url(text):
    """The number a scanned URL's path names (BASE/v/NUMBER#...), or None for a bare payload."""
    if "#" not in text or "/v/" not in text:
        return None
    return text.split("#", 1)[0].rsplit("/v/", 1)[1].strip("/")
