"""Backups of an embedded (SQLite) installation: `flask --app orientation backup|restore`.

One archive holds what a host cannot rebuild: a consistent copy of the database (SQLite's
online backup API, safe while the app writes), the certificate signing key (without it no
printed QR code checks as genuine any more) and the development secret key when the
instance folder holds it. Fonts and caches are made again; course packages live in git.
A manifest gives the format, the app's version, the time, the Alembic revision and the
SHA-256 of each member; restore refuses an archive whose members do not match it.
PostgreSQL has its own tools (pg_dump, pg_restore): docs/deploy.md, "Backups".
"""

import hashlib
import io
import json
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from orientation.extensions import db

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database.sqlite"
SIGNING_KEY = "signing_key.pem"
SECRET_KEY = "secret_key"
MEMBERS = (DATABASE, SIGNING_KEY, SECRET_KEY)  # the only names an archive may hold
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Refused, with the reason for the person at the command line."""


@dataclass(frozen=True)
class Places:
    """Where an installation keeps what a backup holds."""

    database_url: str
    signing_key: Path
    secret_key: Path | None  # None: the secret key comes from the environment


def places(app):
    """This app's places; the instance's secret_key counts only when it is the key in use."""
    secret = Path(app.instance_path) / "secret_key"
    in_use = secret.is_file() and secret.read_text().strip() == app.config["SECRET_KEY"]
    return Places(app.config["SQLALCHEMY_DATABASE_URI"], Path(app.config["SIGNING_KEY_PATH"]),
                  secret if in_use else None)


def sqlite_path(url):
    """The database file of a SQLite URL; BackupError for any other database."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            f"backup and restore copy SQLite databases only; this one is {url.get_backend_name()}."
            " Use pg_dump and pg_restore, and keep the signing key: see docs/deploy.md, Backups.")
    if not url.database or url.database == ":memory:":
        raise BackupError("the database is in memory: there is no file to back up.")
    return Path(url.database)


def _sha256_of(path):
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_database(source, target):
    """A consistent copy of the SQLite file `source` at `target`, whatever writes go on."""
    live, copy = sqlite3.connect(source), sqlite3.connect(target)
    try:
        live.backup(copy)  # all pages in one step, under a read lock: one committed state
    finally:
        live.close()
        copy.close()


def alembic_revision(path):
    """The migration the database at `path` is at, or None (made without migrations)."""
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        row = None
    finally:
        connection.close()
    return row[0] if row else None


def _app_version():
    try:
        return metadata.version("orientation")
    except metadata.PackageNotFoundError:
        return "unknown"


def make_backup(where, folder, now=None):
    """Write one archive of the installation at `where` into `folder`: (its path, manifest).

    Files are streamed, never read whole: a database holds every certificate's PDF.
    """
    database = sqlite_path(where.database_url)
    if not database.is_file():
        raise BackupError(f"there is no database at {database}.")
    now = now or datetime.now(UTC)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / DATABASE
        copy_database(database, copy)
        sources = {DATABASE: copy, SIGNING_KEY: where.signing_key, SECRET_KEY: where.secret_key}
        sources = {name: path for name, path in sources.items() if path and path.is_file()}
        manifest = {"format": FORMAT, "app_version": _app_version(),
                    "created_at": now.isoformat(timespec="seconds"),
                    "alembic_revision": alembic_revision(copy),
                    "members": {name: {"sha256": _sha256_of(path), "size": path.stat().st_size}
                                for name, path in sources.items()}}
        path = folder / f"orientation-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"
        with tarfile.open(path, "x:gz") as archive:  # "x": never overwrite an older backup
            path.chmod(0o600)  # it holds the keys
            text = json.dumps(manifest, indent=1).encode()
            _add(archive, MANIFEST, io.BytesIO(text), len(text), now)
            for name, source in sources.items():
                with source.open("rb") as data:
                    _add(archive, name, data, manifest["members"][name]["size"], now)
    return path, manifest


def _add(archive, name, data, size, now):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(now.timestamp()), 0o600
    archive.addfile(info, data)


def extract_archive(path, folder):
    """The manifest of an archive, its members written into `folder` and checked:
    BackupError when anything is missing, unexpected or not what the manifest says (a
    damaged or edited archive). Returns (manifest, {name: path in folder})."""
    files = {}
    try:
        with tarfile.open(path, "r:gz") as archive:
            for info in archive.getmembers():
                if not info.isfile() or info.name not in (MANIFEST, *MEMBERS) or \
                        info.name in files:
                    raise BackupError(f"{path} holds {info.name!r}, which no backup holds.")
                files[info.name] = Path(folder) / info.name  # a name of MEMBERS: no "../"
                with archive.extractfile(info) as source, files[info.name].open("wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"{path} is not a backup archive ({error}).") from None
    try:
        manifest = json.loads(files.pop(MANIFEST).read_bytes())
        listed = manifest["members"]
    except (KeyError, ValueError, TypeError):
        raise BackupError(f"{path} has no readable manifest.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is a backup of format {manifest.get('format')!r}; "
                          f"this version reads format {FORMAT}.")
    if set(listed) != set(files) or DATABASE not in files:
        raise BackupError(f"{path} does not hold what its manifest lists.")
    for name, member in files.items():
        if _sha256_of(member) != listed[name].get("sha256"):
            raise BackupError(f"{path}: {name} is not what was backed up (its SHA-256 differs)."
                              " The archive is damaged or was changed.")
    return manifest, files


def _has_tables(path):
    if not path.is_file() or path.stat().st_size == 0:
        return False
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    except sqlite3.DatabaseError:
        return True  # not a database we can read: not ours to overwrite without --force
    finally:
        connection.close()


def restore(where, archive, force=False, now=None):
    """Bring back the archive's database and keys to `where`; a line per thing done.

    Without `force`, refuses (BackupError) to overwrite a database that has tables: that is
    an installation in use. Whatever is replaced (that database with `force`, a different
    key) is first kept beside itself, named `*.before-restore-TIME`. The database is written
    through SQLite's backup API, so that a server which has it open sees either the old or
    the restored data, never a mixture.
    """
    database = sqlite_path(where.database_url)
    stamp = f"before-restore-{(now or datetime.now(UTC)):%Y%m%dT%H%M%SZ}"
    done = []
    with tempfile.TemporaryDirectory() as scratch:
        manifest, files = extract_archive(archive, scratch)
        if _has_tables(database) and not force:
            raise BackupError(f"a database is in use at {database}: add --force to replace it "
                              "(it is kept beside itself first).")
        database.parent.mkdir(parents=True, exist_ok=True)
        if _has_tables(database):
            kept = database.with_name(f"{database.name}.{stamp}")
            copy_database(database, kept)
            done.append(f"kept the database that was there as {kept}")
        copy_database(files[DATABASE], database)
        done.append(f"restored the database to {database} (Alembic revision "
                    f"{manifest.get('alembic_revision') or 'none'}, backed up "
                    f"{manifest.get('created_at')})")
        for name, what, target in ((SIGNING_KEY, "signing key", where.signing_key),
                                   (SECRET_KEY, "secret key", where.secret_key)):
            if name in files:
                done.append(_put_key(target, files[name].read_bytes(), what, stamp))
    return done


def _put_key(target, data, what, stamp):
    if target is None:
        return f"left out the {what}: this app takes it from the environment"
    if target.is_file() and target.read_bytes() == data:
        return f"{target} already holds the same key"
    target.parent.mkdir(parents=True, exist_ok=True)
    kept = ""
    if target.is_file():
        target.replace(target.with_name(f"{target.name}.{stamp}"))
        kept = f" (the other key kept as {target.name}.{stamp})"
    target.touch(mode=0o600)
    target.write_bytes(data)
    return f"restored the {what} to {target}{kept}"


@click.command("backup")
@click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder for the archive (default: instance/backups).")
@with_appcontext
def backup_command(folder):
    """Write the database, the signing key and the instance's secret key to one archive."""
    folder = folder or Path(current_app.instance_path) / "backups"
    try:
        path, manifest = make_backup(places(current_app), folder)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up {', '.join(manifest['members'])} (Alembic revision "
               f"{manifest['alembic_revision'] or 'none'}) to {path}")
    if SIGNING_KEY not in manifest["members"]:
        click.echo(f"No signing key at {current_app.config['SIGNING_KEY_PATH']}: none is in the "
                   "archive (no certificate has been signed here yet).")
    click.echo("Keep a copy away from this machine: it holds the keys.")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True,
              help="Replace a database in use (it is kept beside itself first).")
@with_appcontext
def restore_command(archive, force):
    """Check an archive made by `backup` and bring its database and keys back."""
    db.engine.dispose()  # this process holds no connection to the file while it is replaced
    try:
        done = restore(places(current_app), archive, force=force)
    except BackupError as error:
        raise click.ClickException(f"{error} Nothing was restored.") from None
    for line in done:
        click.echo(line[0].upper() + line[1:] + ".")
    click.echo("Restart the app; then `flask --app orientation db upgrade` if this version "
               "is newer than the backup.")
