"""Login cards: a trainee's code and first PIN, eight to an A4 page, in their language."""

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from orientation.accounts.rules import format_code
from orientation.certificates.render import render_pdf
from orientation.i18n import BY_CODE

LABELS = {
    "code": _l("Trainee code"),
    "pin": _l("PIN"),
    "where": _l("Log in at"),
    "keep": _l("Keep this card. Do not show your PIN to anyone."),
}


def _labels(locale):
    with force_locale(locale):
        return {key: str(text) for key, text in LABELS.items()}


def cards_pdf(cards, fallback_locale):
    """PDF of login cards for [(user, pin)]; labels in each trainee's language and English."""
    english = _labels("en")
    items = []
    for user, pin in cards:
        locale = user.preferred_locale or fallback_locale
        items.append({"user": user, "pin": pin, "code": format_code(user.login_code),
                      "lang": BY_CODE[locale].html_lang, "local": _labels(locale),
                      "english": english, "bilingual": locale != "en"})
    return render_pdf("trainer/cards.html", "cards.css", cards=items,
                      site=current_app.config["PUBLIC_BASE_URL"])
