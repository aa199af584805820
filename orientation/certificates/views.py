"""Certificate pages: public verification (no language prefix), the trainee's certificates,
the printable certificate and its PDF, and revoking or re-issuing for staff."""

import base64
import math

from flask import (
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from orientation.access import login_required, public, role_required
from orientation.certificates import bp, keys, numbers, services, signing, verify_bp
from orientation.certificates.documents import stored_pdf
from orientation.certificates.issuance import certificates_withheld
from orientation.certificates.render import certificate_html
from orientation.errors import render_error
from orientation.extensions import limiter
from orientation.models import Role


def _verify_limit():
    return current_app.config["VERIFY_LIMIT"]


# One budget per address for the form, the page and the JSON together.
verify_limit = limiter.shared_limit(_verify_limit, scope="verify")


@verify_bp.errorhandler(429)
def too_many_checks(error):
    minutes = max(1, math.ceil(error.limit.limit.get_expiry() / 60)) if getattr(
        error, "limit", None) else 1
    if request.path.endswith(".json"):
        return jsonify(status="too_many_requests", retry_after_minutes=minutes), 429
    return render_error(429, ngettext(
        "Too many checks from this address. Please wait %(num)d minute and try again.",
        "Too many checks from this address. Please wait %(num)d minutes and try again.", minutes))


@verify_bp.route("/v/")
@public
@verify_limit
def verify_form():
    typed = request.args.get("number", "")
    if typed.strip():
        return redirect(url_for("verify.verify", number=numbers.normalise(typed)[:40] or "-"))
    return render_template("certificates/verify.html", result=None)


@verify_bp.route("/v/<number>")
@public
@verify_limit
def verify(number):
    result = services.get_verification(number)
    public_raw = keys.public_key_raw()
    return render_template(
        "certificates/verify.html", result=result, display=numbers.display,
        public_key=base64.b64encode(public_raw).decode(), key_id=signing.key_id(public_raw),
    ), 404 if result.status in ("unknown", "mistyped") else 200


@verify_bp.route("/v/<number>.json")
@public
@verify_limit
def verify_json(number):
    result = services.get_verification(number)
    body = {"number": result.number, "status": result.status}
    if result.status == "replaced":  # the old name is not repeated: only where to look now
        body["replaced_by"] = result.replaced_by
    elif result.certificate is not None:
        s = result.certificate.snapshot
        body.update(name=s["name"], latin_name=s["latin_name"], title=s["title"],
                    kind=s["kind"], issued_on=s["issued_on"], completed_on=s["completed_on"],
                    centre=s["centre"] and {k: s["centre"][k] for k in ("name", "licence")})
        if "identity" in s:
            body["identity"] = ({"checked": True, **s["identity"]} if s["identity"]
                                else {"checked": False, "self_study": True})
        if result.status == "revoked":
            body["revoked_on"] = result.certificate.revoked_at.date().isoformat()
    return jsonify(body), 404 if result.status in ("unknown", "mistyped") else 200


@verify_bp.route("/certificates/public-key")
@public
def public_key():
    """The issuer's Ed25519 public key, for offline checks of QR codes."""
    raw = keys.public_key_raw()
    return jsonify(algorithm="Ed25519", key_id=signing.key_id(raw),
                   public_key=base64.b64encode(raw).decode())


@bp.route("/my-certificates")
@role_required(Role.trainee)
def mine():
    return render_template("certificates/mine.html",
                           certificates=services.get_user_certificates(current_user.id),
                           withheld=certificates_withheld(current_user),
                           display=numbers.display)


def _viewable_or_404(number):
    """The owner, staff of the issuing centre and admins see a certificate; others get 404."""
    certificate = services.get_certificate(number)
    if certificate is None or not (certificate.user_id == current_user.id
                                   or services.may_manage(current_user, certificate)):
        abort(404)
    return certificate


def _manageable_or_403(number):
    """Only staff who may manage it (its own holder, e.g. a trainee become trainer, may not)."""
    certificate = _viewable_or_404(number)
    if not services.may_manage(current_user, certificate):
        abort(403)
    return certificate


@bp.route("/certificates/<number>")
@login_required
def show(number):
    return certificate_html(_viewable_or_404(number))


@bp.route("/certificates/<number>.pdf")
@login_required
def pdf(number):
    certificate = _viewable_or_404(number)
    return Response(stored_pdf(certificate), mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="certificate-{certificate.number}.pdf"'})


@bp.route("/certificates/<number>/manage")
@role_required(Role.trainer, Role.admin)
def manage(number):
    certificate = _manageable_or_403(number)
    return render_template("certificates/manage.html", certificate=certificate,
                           display=numbers.display)


@bp.route("/certificates/<number>/revoke", methods=["POST"])
@role_required(Role.trainer, Role.admin)
def revoke(number):
    certificate = _manageable_or_403(number)
    try:
        services.revoke(certificate, request.form.get("reason", ""), current_user)
    except ValueError:
        flash(_("Write the reason for revoking (at most %(max)s characters).",
                max=services.REASON_MAX), "error")
    else:
        flash(_("The certificate is revoked. Its number now verifies as revoked."), "info")
    return redirect(url_for("certificates.manage", number=certificate.number))


@bp.route("/certificates/<number>/reissue", methods=["POST"])
@role_required(Role.trainer, Role.admin)
def reissue(number):
    try:
        new = services.reissue(_manageable_or_403(number), current_user)
    except services.NotAllowed:  # the holder's data was erased: no name to correct
        abort(403)
    flash(_("A corrected certificate was issued. The old number verifies as replaced."), "info")
    return redirect(url_for("certificates.manage", number=new.number))
