"""flask --app orientation certificates fonts|list|pdf|verify|batch"""

import base64
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from orientation.certificates import fonts, keys, numbers, signing
from orientation.certificates.documents import stored_pdf
from orientation.certificates.render import pdf_of
from orientation.certificates.services import cohort_certificates, get_certificate
from orientation.extensions import db
from orientation.models import Certificate, Cohort

certificates_cli = AppGroup("certificates", help="Certificates: fonts, list, PDF, verify.")


@certificates_cli.command("fonts")
def make_fonts():
    """Make the static font instances certificates are printed with (once)."""
    try:
        made = fonts.build_fonts(current_app.config["FONTS_FOLDER"], log=click.echo)
    except fonts.FontMissing as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{len(made)} fonts ready in {current_app.config['FONTS_FOLDER']}")


@certificates_cli.command("list")
def list_certificates():
    """Number, name, what, state of every certificate."""
    for certificate in db.session.scalars(select(Certificate).order_by(Certificate.issued_at)):
        s = certificate.snapshot
        click.echo(f"{numbers.display(certificate.number)}\t{s['name']}\t{s['title']['en']}\t"
                   f"{certificate.state.value}")


@certificates_cli.command("pdf")
@click.argument("number")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def write_pdf(number, output):
    """Write a certificate's PDF to a file."""
    certificate = get_certificate(number)
    if certificate is None:
        raise click.ClickException(f"no certificate {number}")
    output.write_bytes(stored_pdf(certificate))
    click.echo(f"{output}")


@certificates_cli.command("batch")
@click.option("--cohort", "cohort_id", type=int, required=True, help="The cohort's id.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def write_batch(cohort_id, output):
    """One PDF with every valid certificate of a cohort's members, to print."""
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        raise click.ClickException(f"no cohort {cohort_id}")
    certificates = cohort_certificates(cohort.id)
    if not certificates:
        raise click.ClickException("the cohort has no certificates yet")
    output.write_bytes(pdf_of(certificates))
    click.echo(f"{len(certificates)} certificates in {output}")


@certificates_cli.command("verify")
@click.argument("payload_or_url")
@click.option("--public-key", "key_file", type=click.Path(exists=True, dir_okay=False),
              help="The issuer's public key (32 raw bytes, base64), instead of this app's.")
def verify(payload_or_url, key_file):
    """Check a scanned QR payload (or its whole URL) with only the issuer's public key."""
    raw = (base64.b64decode(Path(key_file).read_text().strip()) if key_file
           else keys.public_key_raw())
    try:
        fields = signing.read_payload(signing.payload_of_url(payload_or_url), raw)
    except signing.NotGenuine as error:
        raise click.ClickException(f"NOT GENUINE: {error}") from None
    named = signing.number_of_url(payload_or_url)
    if named is not None and numbers.normalise(named) != fields["number"]:
        raise click.ClickException(
            f"NOT GENUINE: the code is signed for {numbers.display(fields['number'])}, "
            f"not for the number in the link ({named})")
    click.echo(f"GENUINE: {numbers.display(fields['number'])}, {fields['name']}"
               f"{' (' + fields['latin_name'] + ')' if fields['latin_name'] else ''}, "
               f"{fields['title']}, {fields['date']}. Revocation can only be checked online.")
