"""flask --app orientation contacts set|list, cohorts create|add"""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from orientation.accounts.rules import normalise_login
from orientation.admin import services as centres
from orientation.content.packages import DESTINATIONS, LANGUAGES
from orientation.extensions import db
from orientation.learn import contacts, services
from orientation.learn.channels import NoChannel, check_channel, trainee_origin
from orientation.models import Cohort, Role, User
from orientation.timezones import local_today

contacts_cli = AppGroup("contacts", help="Contacts lessons show, per destination and language.")
cohorts_cli = AppGroup("cohorts", help="Create cohorts and put trainees in them.")


@contacts_cli.command("set")
@click.argument("destination", type=click.Choice(DESTINATIONS))
@click.argument("locale", type=click.Choice(LANGUAGES))
@click.argument("key")
@click.argument("value")
@click.option("--checked", type=click.DateTime(["%Y-%m-%d"]),
              help="The day the value was checked (YYYY-MM-DD, not in the future).")
def set_contact(destination, locale, key, value, checked):
    """Set a contact (an empty VALUE removes it)."""
    try:
        value = contacts.clean_value(value)
        checked_on = contacts.clean_checked_on(checked.date() if checked else None,
                                               local_today(None))
    except contacts.ContactError as error:
        raise click.BadParameter(str(error.args[0])) from None
    try:
        contacts.set_contact(destination, locale, key, value, checked_on=checked_on)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="KEY") from None
    click.echo(f"{destination} {locale} {key} = {value!r}"
               + (f" (checked {checked_on.isoformat()})" if checked_on and value else ""))


@contacts_cli.command("list")
@click.argument("destination", type=click.Choice(DESTINATIONS))
@click.argument("locale", type=click.Choice(LANGUAGES))
def list_contacts(destination, locale):
    """The contacts set for a destination and language, with the day each was checked."""
    for key, row in sorted(contacts.get_contact_rows(destination, locale).items()):
        checked = row.checked_on.isoformat() if row.checked_on else "never checked"
        click.echo(f"{key}\t{row.value}\t{checked}")


def _centre(licence):
    centre = centres.get_centre(licence)
    if centre is None:
        raise click.BadParameter(f"no centre has licence {licence!r}", param_hint="--centre")
    return centre


@cohorts_cli.command("create")
@click.option("--centre", "licence", required=True, help="The centre's licence number.")
@click.option("--programme", required=True, help="The programme id, e.g. thailand.")
@click.option("--name", required=True)
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--departs", type=click.DateTime(["%Y-%m-%d"]), required=True)
def create_cohort(licence, programme, name, starts, departs):
    """Create a cohort of a centre for a programme."""
    centre = _centre(licence)
    row = services.get_programme(programme)
    if row is None:
        raise click.BadParameter(f"no programme {programme!r} (run courses load)",
                                 param_hint="--programme")
    if departs < starts:
        raise click.BadParameter("departure is before the start", param_hint="--departs")
    if _cohort(centre, name) is not None:
        raise click.BadParameter(f"the centre has a cohort {name!r}", param_hint="--name")
    services.create_cohort(centre, row, name.strip(), starts.date(), departs.date())
    click.echo(f"Created cohort {name} ({programme}) at {centre.name}")


def _cohort(centre, name):
    return db.session.scalar(select(Cohort).where(Cohort.centre_id == centre.id,
                                                  Cohort.name == name.strip()))


@cohorts_cli.command("add")
@click.option("--centre", "licence", required=True, help="The centre's licence number.")
@click.option("--cohort", "name", required=True, help="The cohort's name.")
@click.argument("logins", nargs=-1, required=True)
def add_members(licence, name, logins):
    """Put trainees (by login) in a cohort; they are enrolled in its programme."""
    centre = _centre(licence)
    cohort = _cohort(centre, name)
    if cohort is None:
        raise click.BadParameter(f"no cohort {name!r} at this centre", param_hint="--cohort")
    users = []
    for login in logins:
        user = db.session.scalar(select(User).where(User.login_code == normalise_login(login)))
        if user is None or user.role != Role.trainee or user.centre_id != centre.id:
            raise click.BadParameter(f"{login!r} is not a trainee of this centre")
        try:  # every trainee is checked before anyone is added
            check_channel(trainee_origin(user), cohort.programme.destination)
        except NoChannel as refused:
            raise click.BadParameter(f"{login!r} comes from {refused.origin}: no legal channel "
                                     f"to {refused.destination}") from None
        users.append(user)
    for user in users:
        services.join_cohort(user, cohort)
    click.echo(f"{len(users)} trainees in {cohort.name}")
