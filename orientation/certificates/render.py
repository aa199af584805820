"""A certificate as HTML (for the browser's print) and as PDF (WeasyPrint, shaped by HarfBuzz).

WeasyPrint renders the same template the browser prints, lays text out with Pango and
HarfBuzz, and embeds subsets of the fonts: Khmer subscripts and Lao marks land in place.
"""

from datetime import date
from pathlib import Path

import segno
from babel.dates import format_date
from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from orientation.certificates import numbers
from orientation.certificates.fonts import font_files
from orientation.i18n import BY_CODE

LABELS = {
    "course": _l("Certificate of completion"),
    "programme": _l("Certificate of pre-departure training"),
    "certifies": _l("This certifies that"),
    "completed_course": _l("has completed the course"),
    "completed_programme": _l("has completed the programme"),
    "language": _l("Language"),
    "destination": _l("Destination"),
    "hours": _l("Hours"),
    "hours_value": _l("%(online)s online + %(classroom)s in class, of %(required)s required"),
    "score": _l("Final score"),
    "score_value": _l("%(score)s (pass mark %(mark)s%%)"),
    "completed_on": _l("Completed on"),
    "issued_on": _l("Issued on"),
    "cohort": _l("Cohort"),
    "identity": _l("Identity"),
    "identity_checked": _l("Checked by %(centre)s"),
    "identity_checked_by": _l("Checked by %(centre)s (%(trainer)s)"),
    "identity_unchecked": _l("Not checked: self-study"),
    "centre": _l("Training centre"),
    "licence": _l("Licence number"),
    "number": _l("Certificate number"),
    "verify": _l("Scan to check that this certificate is genuine"),
    "revoked": _l("REVOKED"),
    "replaced": _l("REPLACED"),
}


def labels(locale):
    """{key: (text in the certificate's language, text in English)}."""
    local, english = {}, {}
    for locale_, target in ((locale, local), ("en", english)):
        with force_locale(locale_):
            target.update({key: str(text) for key, text in LABELS.items()})
    return {key: (local[key], english[key]) for key in LABELS}


def verify_url(number):
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/v/{number}"


def qr_url(certificate):
    return f"{verify_url(certificate.number)}#{certificate.payload}"


def qr_svg(certificate):
    """The QR code as inline SVG (a vector: sharp on paper at any size)."""
    code = segno.make(qr_url(certificate), error="m")
    return Markup(code.svg_inline(scale=3, border=2, dark="#000", light=None))


def certificate_html(certificate, for_pdf=False):
    return render_template("certificates/document.html", certificates=[certificate],
                           for_pdf=for_pdf, **_helpers())


def _helpers():
    return {"labels": labels, "rows": rows, "qr_svg": qr_svg, "display": numbers.display,
            "html_lang": lambda code: BY_CODE[code].html_lang}


def _font_faces():
    """@font-face rules for the made instances, under names no system font has, so that the
    PDF never picks a different font that happens to be installed."""
    rules = []
    for (family, weight), path in font_files(current_app.config["FONTS_FOLDER"]).items():
        rules.append(f'@font-face {{ font-family: "Certificate {family}"; font-weight: {weight}; '
                     f'src: url("{Path(path).resolve().as_uri()}"); }}')
    return "\n".join(rules)


def pdf_of(certificates):
    """One PDF page per certificate (A4 landscape), fonts embedded as subsets."""
    return render_pdf("certificates/document.html", "certificate.css",
                      certificates=certificates, for_pdf=True, **_helpers())


def render_pdf(template, stylesheet, **context):
    """Any printed document (certificates, login cards, registers) with the embedded fonts."""
    from weasyprint import CSS, HTML  # imported here: (WeasyPrint loads Pango: only when used)
    from weasyprint.text.fonts import FontConfiguration

    if not has_request_context():  # the command line: templates still need a request
        with current_app.test_request_context("/"):
            return render_pdf(template, stylesheet, **context)
    html = render_template(template, **context)
    css_path = Path(current_app.static_folder) / "css" / stylesheet
    fonts = FontConfiguration()
    stylesheets = [CSS(string=_font_faces(), font_config=fonts),
                   CSS(filename=str(css_path), font_config=fonts)]
    return HTML(string=html).write_pdf(stylesheets=stylesheets, font_config=fonts)


def _date(iso, locale):
    return format_date(date.fromisoformat(iso), "long", locale=locale)


def rows(certificate):
    """The facts printed on a certificate: (label key, value in its language, in English)."""
    s = certificate.snapshot
    locale = s["locale"]
    label = labels(locale)
    hours = s["hours"]

    def both(key, **values):
        local, english = label[key]
        return local % values, english % values

    facts = [("language", (s["language"], s["language"]))]
    if s["destination"]:
        facts.append(("destination", (s["destination"]["local"], s["destination"]["en"])))
    facts.append(("hours", both("hours_value", online=_num(hours["online"]),
                                classroom=_num(hours["classroom"]),
                                required=_num(hours["required"]))))
    if s["score"] is not None:
        facts.append(("score", both("score_value", score=f"{round(s['score'] * 100)}%",
                                    mark=s["pass_mark"])))
    facts.append(("completed_on", (_date(s["completed_on"], locale),
                                   _date(s["completed_on"], "en"))))
    facts.append(("issued_on", (_date(s["issued_on"], locale), _date(s["issued_on"], "en"))))
    if s["cohort"]:
        facts.append(("cohort", (s["cohort"], s["cohort"])))
    if "identity" in s:  # certificates issued before identity was recorded say nothing
        facts.append(("identity", identity_line(s["identity"], label)))
    return [(label[key], local, english) for key, (local, english) in facts]


def identity_line(identity, label):
    """Who confirmed the holder's identity, in the certificate's language and in English."""
    if identity is None:
        return label["identity_unchecked"]
    local, english = label["identity_checked_by" if identity["by"] else "identity_checked"]
    values = {"centre": identity["centre"], "trainer": identity["by"]}
    return local % values, english % values


def _num(value):
    return f"{value:g}"
