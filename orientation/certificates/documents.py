"""Stored PDFs: rendered once, kept with the certificate, rendered again after a change."""

from orientation.certificates.render import pdf_of
from orientation.extensions import db


def stored_pdf(certificate):
    """The certificate's PDF; rendered and stored the first time it is asked for."""
    if certificate.pdf is None:
        certificate.pdf = pdf_of([certificate])
        db.session.commit()
    return certificate.pdf
