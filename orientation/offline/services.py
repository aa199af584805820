"""What the service worker may keep and for whom: rules without a request, tested alone."""

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

# Pages a person has opened that open again offline, from their own saved copies; a
# certificate's PDF once downloaded; a verification page once opened; a quiz attempt's
# page (the questions as shown, never the key), shown again when its post could not go.
KEPT_FOR_USER = frozenset({"learn.lesson", "learn.course", "learn.my_learning",
                           "certificates.mine", "certificates.pdf", "verify.verify",
                           "offline.destination_help", "quizzes.attempt"})
# Public pages a visitor's phone keeps (a verifier checking a certificate's QR code).
KEPT_PUBLIC = frozenset({"verify.verify"})
NOBODY = "none"  # the Offline-User value of an answer to someone not logged in
KEY_LENGTH = 16


def user_key(secret, user_id):
    """The name of a person's saved copies on a phone: a keyed hash, never the raw id, so the
    cache names tell nobody who used the phone and cannot be guessed for another account."""
    digest = hmac.new(str(secret).encode(), f"offline-cache:{user_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:KEY_LENGTH]


def keep_mode(endpoint, status, logged_in):
    """"user" when the worker may save this answer among the person's copies, "public" when
    among the phone's public copies, else None.

    Only a whole answer (200) of the kinds people open again. Anonymous pages are not saved
    per user; a logged-in person's verification page goes with their own copies.
    """
    if status != 200:
        return None
    if logged_in and endpoint in KEPT_FOR_USER:
        return "user"
    if not logged_in and endpoint in KEPT_PUBLIC:
        return "public"
    return None


def manifest(name, lang, start_url, icons, theme="#0b5c8c"):
    """The web app manifest of one language (one app: the same id in every language)."""
    return {
        "id": "/", "name": name, "short_name": name, "lang": lang, "start_url": start_url,
        "scope": "/", "display": "standalone", "background_color": "#ffffff",
        "theme_color": theme,
        "icons": [{"src": url, "sizes": f"{size}x{size}", "type": "image/png"}
                  for size, url in icons],
    }


def course_files(folder):
    """The pictures and recordings of a course (its media folder): [(name, bytes)]."""
    if not folder.is_dir():
        return []
    return [(path.name, path.stat().st_size) for path in sorted(folder.iterdir())
            if path.is_file() and not path.name.startswith(".")]


def bundle(slug, version, lang, pages, files):
    """A course's offline bundle: what "Keep this course on my phone" saves. `files` are
    [(url, bytes)]; pages are sent without a size (it depends on who reads them)."""
    return {"course": slug, "version": version, "lang": lang, "pages": list(pages),
            "files": [{"url": url, "size": size} for url, size in files],
            "size": sum(size for _, size in files)}


HELP_LABELS = {
    "embassy_phone": _l("Your embassy or consulate: phone"),
    "embassy_address": _l("Your embassy or consulate: address"),
    "labour_attache_phone": _l("Labour attaché at your embassy: phone"),
    "destination_labour_hotline": _l("Labour office hotline of the country"),
    "police_number": _l("Police"),
    "ambulance_number": _l("Ambulance"),
    "migrant_helpline": _l("Help for migrant workers"),
    "home_labour_office": _l("Office for workers abroad, at home"),
    "centre_phone": _l("Your training centre: phone"),
    "anti_trafficking_hotline": _l("Hotline against trafficking and forced labour"),
}
PHONE = re.compile(r"\+?[0-9][0-9 ()-]{1,30}")


@dataclass(frozen=True)
class HelpContact:
    label: str
    value: str
    tel: str | None  # a tel: link when the value is a phone number
    checked_on: date | None = None  # when the centre last checked it: numbers change


def help_contacts(known, values, checked=None):
    """The contacts a centre set for the trainee's destination, in the order of
    courses/contacts.yaml, each with its label (the file's description for a key added
    there since), a tel: link for a phone number and the date it was checked ({key: date})."""
    checked = checked or {}
    return [HelpContact(str(HELP_LABELS.get(key, description)), values[key],
                        "tel:" + re.sub(r"[^0-9+]", "", values[key])
                        if PHONE.fullmatch(values[key]) else None, checked.get(key))
            for key, description in known.items() if values.get(key)]
