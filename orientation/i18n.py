"""Supported languages and how a request's language is chosen.

The URL prefix (/km/, /lo/, ...) always decides. A URL without one is redirected by the
saved preference, then the cookie, then the browser's Accept-Language.
"""

from dataclasses import dataclass
from datetime import date

from babel.dates import get_datetime_format
from flask import current_app, request, url_for
from flask_babel import (
    format_date,
    format_decimal,
    format_percent,
    format_time,
    get_locale,
    get_translations,
)
from flask_babel import format_datetime as babel_format_datetime
from flask_login import current_user
from markupsafe import Markup
from werkzeug.routing import AnyConverter

LANGUAGE_COOKIE = "lang"


@dataclass(frozen=True)
class Language:
    code: str  # URL prefix and catalog folder
    native_name: str  # shown in the switcher, in its own script
    html_lang: str  # BCP 47 tag for <html lang>


LANGUAGES = (
    Language("km", "ខ្មែរ", "km"),
    Language("lo", "ລາວ", "lo"),
    Language("vi", "Tiếng Việt", "vi"),
    Language("zh", "中文", "zh-Hans"),
    Language("en", "English", "en"),
)
CODES = tuple(language.code for language in LANGUAGES)
BY_CODE = {language.code: language for language in LANGUAGES}
DEFAULT = "en"


class LanguageConverter(AnyConverter):
    """Matches only a supported language code, so /fr/... is an ordinary 404."""

    def __init__(self, url_map):
        super().__init__(url_map, *CODES)


def prefix_of(path):
    """The language code that starts a URL path, or None."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in CODES else None


def negotiate():
    """The language for a URL without a prefix: preference, cookie, then the browser."""
    if current_user.is_authenticated and current_user.preferred_locale in CODES:
        return current_user.preferred_locale
    if request.cookies.get(LANGUAGE_COOKIE) in CODES:
        return request.cookies[LANGUAGE_COOKIE]
    return request.accept_languages.best_match(CODES) or DEFAULT


def select_locale():
    """Flask-Babel's locale selector."""
    return prefix_of(request.path) or negotiate()


def current_language():
    """The Language of this request."""
    return BY_CODE.get(str(get_locale()), BY_CODE[DEFAULT])


def drop_lang_code(endpoint, values):
    """Views never need the prefix: the locale selector has read it from the path."""
    if values:
        values.pop("lang_code", None)


def add_lang_code(endpoint, values):
    """url_for() keeps the page's language unless told otherwise."""
    if "lang_code" not in values and current_app.url_map.is_endpoint_expecting(
        endpoint, "lang_code"
    ):
        values["lang_code"] = current_language().code


def switch_url(code):
    """Where the switcher's link for a language goes: this page, in that language."""
    return url_for("main.switch_language", code=code, next=request.full_path.rstrip("?"))


NAMED_FORMATS = ("short", "medium", "long", "full")


def format_datetime(value, format="medium"):
    """A moment as people read it: the date in `format`, the time to the minute, in the
    user's time zone and the locale's order; never seconds (Babel's medium shows them)."""
    if format not in NAMED_FORMATS:
        return babel_format_datetime(value, format)
    pattern = get_datetime_format(format, locale=get_locale())
    return (pattern.replace("'", "").replace("{0}", format_time(value, "short"))
            .replace("{1}", format_date(value, format)))


def template_globals():
    return {
        "languages": LANGUAGES,
        "languages_by_code": BY_CODE,
        "current_language": current_language(),
        "switch_url": switch_url,
        **template_gettext(get_translations()),
    }


def template_gettext(translations):
    """gettext and ngettext for one render, bound to the catalog of that moment (also inside
    force_locale). Flask-Babel's own look the catalog up again for every string (a sixth of
    a page's time); these behave like Jinja's newstyle ones: escaped, always %-formatted."""

    def gettext(string, **variables):
        return Markup(translations.ugettext(string)) % variables

    def ngettext(singular, plural, num, **variables):
        # A count reads with the locale's grouping (1,234; 1.234 in Vietnamese); catalogs keep
        # the %(num)d that translators and Babel's format checks know.
        variables.setdefault("num", format_decimal(num))
        text = translations.ungettext(singular, plural, num).replace("%(num)d", "%(num)s")
        return Markup(text) % variables

    return {"gettext": gettext, "ngettext": ngettext}


def init_app(app):
    app.url_map.converters["lang"] = LanguageConverter
    app.url_value_preprocessor(drop_lang_code)
    app.url_defaults(add_lang_code)
    app.context_processor(template_globals)
    app.jinja_env.filters["format_number"] = format_decimal
    app.jinja_env.filters["format_datetime"] = format_datetime
    app.jinja_env.filters["format_date"] = format_date
    app.jinja_env.filters["format_percent"] = format_percent
    app.jinja_env.filters["iso_date"] = lambda text, style="medium": format_date(
        date.fromisoformat(text), style)  # a date stored as text (certificate snapshots)
