"""flask --app orientation courses check|load|source-sha|reconcile"""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from orientation.accounts.rules import normalise_login
from orientation.completion import reconcile_all, trainees_affected
from orientation.content.check import check_folder, coverage, source_sha
from orientation.content.library import forget_library
from orientation.content.loader import load_library
from orientation.content.packages import LANGUAGES
from orientation.content.problems import PackageError
from orientation.content.quiz_check import quiz_coverage
from orientation.extensions import db
from orientation.models import Role, User

courses_cli = AppGroup("courses", help="Check and load the course packages in courses/.")


@courses_cli.command("check")
@click.option("-v", "--verbose", is_flag=True, help="List the notes too (a draft's gaps).")
def check(verbose):
    """Validate every package and print a coverage table; exit 1 on any error."""
    library, problems = check_folder(current_app.config["COURSES_FOLDER"])
    click.echo(f"{'course':28} {'status':10} " + " ".join(f"{lang:>9}" for lang in LANGUAGES))
    for course_id, status, cells in coverage(library):
        row = " ".join(f"{f'{n}/{total}' + (f' !{stale}' if stale else ''):>9}"
                       for n, total, stale in cells.values())
        click.echo(f"{course_id:28} {status:10} {row}")
    click.echo("(lessons present/lessons; !N = N stale translations)")
    click.echo(f"\n{'quiz questions':28} {'':10} " + " ".join(f"{lang:>9}" for lang in LANGUAGES))
    for course in library.courses.values():
        if course.quizzes:
            cells = quiz_coverage(course)
            row = " ".join(f"{f'{done}/{total}':>9}" for done, total in cells.values())
            click.echo(f"{course.id:28} {course.status:10} {row}")
    click.echo("(questions translated completely/questions, final and practice quizzes)")
    for problem in problems:
        if problem.error or verbose:
            click.echo(str(problem), err=True)
    errors = sum(problem.error for problem in problems)
    click.echo(f"{len(library.courses)} courses, {len(library.programmes)} programmes, "
               f"{errors} errors, {len(problems) - errors} notes")
    if errors:
        raise SystemExit(1)


@courses_cli.command("load")
def load():
    """Load every package into the database (all or nothing)."""
    try:
        library, notes = load_library(current_app.config["COURSES_FOLDER"])
    except PackageError as error:
        raise click.ClickException(f"nothing loaded:\n{error}") from None
    forget_library(current_app)
    click.echo(f"Loaded {len(library.courses)} courses and {len(library.programmes)} "
               f"programmes ({len(notes)} notes; see `courses check`).")
    affected = trainees_affected(*library.changed)
    click.echo(f"Reconciled {len(affected)} trainees of changed courses and programmes: "
               f"{reconcile_all(affected)} had something new.")


@courses_cli.command("source-sha")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def print_source_sha(path):
    """The source_sha a translation of this English file records."""
    click.echo(source_sha(path))


@courses_cli.command("reconcile")
@click.argument("codes", nargs=-1)
@click.option("--all", "everyone", is_flag=True, help="Every trainee.")
def reconcile_command(codes, everyone):
    """Recompute enrolments, completions and certificates due for trainees (by code)."""
    if everyone == bool(codes):
        raise click.UsageError("name trainee codes, or --all")
    if everyone:
        user_ids = db.session.scalars(select(User.id).where(User.role == Role.trainee)).all()
    else:
        user_ids = []
        for code in codes:
            user = db.session.scalar(select(User).where(
                User.login_code == normalise_login(code), User.role == Role.trainee))
            if user is None:
                raise click.BadParameter(f"no trainee has code {code!r}", param_hint="CODES")
            user_ids.append(user.id)
    click.echo(f"Reconciled {len(user_ids)} trainees: {reconcile_all(user_ids)} had "
               "something new.")
