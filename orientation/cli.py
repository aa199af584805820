"""Command-line commands: flask --app orientation users|centres|demo|translate ... --help"""

import os

import click
from babel.messages.frontend import CommandLineInterface
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from orientation import backup, demo
from orientation.accounts import rules
from orientation.accounts import services as accounts
from orientation.admin import services as centres
from orientation.certificates.cli import certificates_cli
from orientation.content.cli import courses_cli
from orientation.extensions import db
from orientation.i18n import CODES
from orientation.jobs.cli import jobs_cli
from orientation.learn.cli import cohorts_cli, contacts_cli
from orientation.models import Role, User
from orientation.privacy import services as privacy
from orientation.second_factor import services as second_factor

users_cli = AppGroup("users", help="Create accounts and change roles.")
centres_cli = AppGroup("centres", help="Create, edit and list training centres.")
demo_cli = AppGroup("demo", help="Demo data for trying the platform.")
translate_cli = AppGroup("translate", help="Extract, update and compile interface translations.")


def _clean(rule, value, *args):
    try:
        return rule(value, *args)
    except ValueError as error:
        raise click.BadParameter(str(error.args[0])) from None


def _centre(licence):
    if not licence:
        return None
    centre = centres.get_centre(licence)
    if centre is None:
        raise click.BadParameter(f"no centre has licence number {licence!r}", param_hint="--centre")
    return centre


def _account(login, kind="account", fits=lambda user: True):
    """The account with this login code, or a clear error naming what was looked for."""
    user = db.session.scalar(
        select(User).where(User.login_code == rules.normalise_login(login))
    )
    if user is None or not fits(user):
        raise click.BadParameter(f"no {kind} has the login {login!r}", param_hint="LOGIN")
    return user


@users_cli.command("create")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", required=True, help="Display name, in any script.")
@click.option("--password", required=True, help="A password (8+), or a 6-digit PIN for trainees.")
@click.option("--login", default=None, help="Login code; trainees get a generated one if omitted.")
@click.option("--latin-name", default=None, help="Name as in the passport, in Latin letters.")
@click.option("--phone", default=None, help="Phone number, in international form (+855...).")
@click.option("--centre", default=None, help="The centre's licence number.")
@click.option("--locale", type=click.Choice(CODES), default=None)
def create_user(role, name, password, login, latin_name, phone, centre, locale):
    """Create an account of any role."""
    role = Role(role)
    if login is None and role != Role.trainee:
        raise click.BadParameter("trainers and admins need a login", param_hint="--login")
    if role == Role.trainer and not centre:
        raise click.BadParameter("a trainer works for a centre: give its licence number",
                                 param_hint="--centre")
    code = _clean(rules.clean_login_code, login) if login else None
    if code and accounts.login_taken(code):
        raise click.BadParameter(f"the login {code!r} is taken", param_hint="--login")
    user = accounts.create_user(
        role, _clean(rules.clean_name, name),
        _clean(rules.check_secret, password, role == Role.trainee),
        login_code=code, latin_name=_clean(rules.clean_latin_name, latin_name),
        phone=_clean(rules.clean_phone, phone, None), centre=_centre(centre),
        preferred_locale=locale,
    )
    login_code = rules.format_code(user.login_code)
    click.echo(f"Created {role.value} {user.display_name}, login {login_code}")


@users_cli.command("set-role")
@click.argument("login")
@click.argument("role", type=click.Choice([r.value for r in Role]))
@click.option("--centre", default=None,
              help="The centre's licence number (a trainer needs one; links the account).")
def set_role(login, role, centre):
    """Change the role of the account with this login."""
    user = _account(login)
    try:
        accounts.change_role(user, Role(role), centre=_centre(centre))
    except accounts.TrainerWithoutCentre:
        raise click.BadParameter(
            f"{login} has no centre, and a trainer works for one: give its licence number",
            param_hint="--centre") from None
    click.echo(f"{rules.format_code(user.login_code)} is now {role}")


@users_cli.command("disable")
@click.argument("login")
@click.option("--enable", is_flag=True, help="Enable the account again instead.")
def disable_user(login, enable):
    """Disable (or --enable) the account with this login; disabling ends its sessions."""
    user = _account(login)
    accounts.set_active(user, enable)
    click.echo(f"{rules.format_code(user.login_code)} is now "
               f"{'enabled' if enable else 'disabled'}")


def _trainee(login):
    return _account(login, "trainee", lambda user: user.role == Role.trainee)


@users_cli.command("export")
@click.argument("login")
@click.option("--to", "target", required=True, type=click.Path(dir_okay=False),
              help="The zip file to write (data.json and the certificates' PDFs).")
def export_user(login, target):
    """Write everything stored about a trainee to a zip file, on their request (audited)."""
    archive = privacy.export(_trainee(login), None)
    with open(target, "wb") as out:
        out.write(archive)
    click.echo(f"Wrote {target} ({len(archive)} bytes)")


@users_cli.command("erase")
@click.argument("login")
@click.option("--yes", is_flag=True, help="Erase without asking (for scripts).")
def erase_user(login, yes):
    """Erase a trainee's personal data on their request (audited; cannot be undone).
    Certificates stay valid: revoke them first on their pages if they must not."""
    user = _trainee(login)
    if not yes:
        click.confirm(f"Erase {user.display_name} ({rules.format_code(user.login_code)})? "
                      "This cannot be undone.", abort=True)
    try:
        pseudonym = privacy.erase(user, None)
    except privacy.ImportBeingSaved:
        raise click.ClickException("an import naming this trainee is being saved: "
                                   "try again when it has finished") from None
    click.echo(f"Erased: the account is now {pseudonym!r}")


@users_cli.command("reset-second-factor")
@click.argument("login")
def reset_second_factor(login):
    """Remove the second factor of the staff member with this login: the way back in when an
    admin lost both their phone and their recovery codes. Their sessions end; audited."""
    user = _account(login, "account with a second factor",
                    lambda user: user.has_second_factor)
    second_factor.reset(user, user.login_code, actor=None)
    click.echo(f"{user.login_code} logs in with the password only until it sets up a new "
               "second factor")


FIELD_HELP = {"country": "ISO 3166 code (KH, LA, VN, CN): phone numbers are read for it.",
              "time_zone": "IANA name (Asia/Vientiane); default: the country's zone.",
              "issuer_line": "Who issues its certificates, as printed on them; "
                             "default: the CERTIFICATE_ISSUER setting."}


def centre_options(required):
    """The centre's fields as options: all required to create, all optional to edit."""

    def decorate(command):
        for field in reversed([f for f in centres.CENTRE_FIELDS if f != "licence_number"]):
            flag = "--" + field.replace("_", "-")
            command = click.option(flag, field, required=required and field == "name",
                                   help=FIELD_HELP.get(field))(command)
        return command

    return decorate


@centres_cli.command("create")
@click.option("--licence", "licence_number", required=True, help="The licence number (unique).")
@centre_options(required=True)
def create_centre(licence_number, **values):
    """Create a training centre."""
    if centres.get_centre(licence_number):
        raise click.BadParameter(f"a centre has licence {licence_number!r}", param_hint="--licence")
    values = {k: v or "" for k, v in values.items()}
    values["country"] = _clean(centres.clean_country, values["country"]) \
        if values["country"] else None
    values["time_zone"] = _clean(centres.clean_time_zone, values["time_zone"])
    centre = centres.create_centre(licence_number=licence_number, **values)
    click.echo(f"Created centre {centre.name} ({centre.licence_number})")


@centres_cli.command("edit")
@click.argument("licence")
@centre_options(required=False)
def edit_centre(licence, **values):
    """Change the fields given of the centre with this licence number."""
    centre = _centre(licence)
    values = {name: value for name, value in values.items() if value is not None}  # given
    if "country" in values:
        values["country"] = _clean(centres.clean_country, values["country"])
    if "time_zone" in values:  # --time-zone "": the country's zone again
        values["time_zone"] = _clean(centres.clean_time_zone, values["time_zone"])
    centres.update_centre(centre, **values)
    click.echo(f"Centre {centre.licence_number}: {centre.name}")


@centres_cli.command("list")
def list_centres():
    """List centres with their numbers of trainers and trainees."""
    for centre, trainers, trainees in centres.get_centres():
        click.echo(f"{centre.licence_number}\t{centre.name}\t"
                   f"{trainers} trainers\t{trainees} trainees")


@demo_cli.command("load")
def load_demo():
    """Load or refresh the demo data (refused in production)."""
    try:
        changes = demo.load(current_app.config)
    except demo.DemoRefused as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Demo data loaded ({changes} created or changed).")


def _pybabel(*args):
    CommandLineInterface().run(["pybabel", "-q", *args])


def _paths():
    folder = current_app.config["TRANSLATIONS_FOLDER"]
    return folder, f"{folder}/messages.pot"


def extract_to(pot):
    """Extract the interface's strings from the code and templates into a .pot file."""
    folder, _ = _paths()
    # --ignore-dirs: Babel skips folders starting with "_" by default, and so templates/_macros.
    _pybabel("extract", "-F", f"{folder}/babel.cfg", "-k", "_l", "--sort-by-file",
             "--ignore-dirs", ".*",
             "--project", "Orientation", "-o", str(pot),
             os.path.relpath(current_app.root_path),
             os.path.relpath(current_app.config["TEMPLATE_FOLDER"]))


@translate_cli.command("extract")
def extract():
    """Extract the interface's strings into translations/messages.pot."""
    extract_to(_paths()[1])


@translate_cli.command("update")
def update():
    """Extract, then merge new strings into every catalog."""
    extract.callback()
    folder, pot = _paths()
    _pybabel("update", "-i", pot, "-d", folder, "--no-fuzzy-matching", "--ignore-obsolete")


@translate_cli.command("compile")
def compile_catalogs():
    """Compile the catalogs that the app reads."""
    folder, _ = _paths()
    _pybabel("compile", "-d", folder)


def init_app(app):
    for group in (users_cli, centres_cli, demo_cli, translate_cli, courses_cli, contacts_cli,
                  cohorts_cli, certificates_cli, jobs_cli, backup.backup_command,
                  backup.restore_command):
        app.cli.add_command(group)
