"""`backup` and `restore`: a consistent copy while the app writes, a round trip onto a fresh
instance where the same certificates verify, and archives that were changed are refused."""

import hashlib
import io
import json
import os
import sqlite3
import tarfile
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from orientation import backup, create_app
from orientation.extensions import db
from orientation.models import Certificate
from tests.conftest import PIN, log_in, settings_for

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("ORIENTATION_TEST_DATABASE_URL")),
    reason="backup and restore copy SQLite files; PostgreSQL uses pg_dump (docs/deploy.md)")


def database_of(app):
    return Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))


def make_archive(runner, folder):
    result = runner.invoke(args=["backup", "--to", str(folder)])
    assert result.exit_code == 0, result.output
    [archive] = folder.glob("orientation-backup-*.tar.gz")
    return archive, result.output


def members(archive):
    with tarfile.open(archive) as tar:
        return {info.name: tar.extractfile(info).read() for info in tar.getmembers()}


def rewritten(archive, target, change):
    """A copy of `archive` at `target` with its members passed through change(name, data)."""
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members(archive).items():
            data = change(name, data)
            if data is None:
                continue
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


@pytest.fixture
def certified(trainee, complete, app):
    """A trainee with a certificate, and the signing key made."""
    complete(trainee)
    return db.session.scalar(select(Certificate).where(Certificate.user_id == trainee.id))


def test_the_archive_holds_the_database_and_the_key_with_a_manifest(app, runner, certified,
                                                                    tmp_path):
    db.session.execute(db.text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
    db.session.execute(db.text("INSERT INTO alembic_version VALUES ('0013')"))
    db.session.commit()
    archive, output = make_archive(runner, tmp_path / "backups")
    assert str(archive) in output and "0013" in output
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # it holds the keys
    files = members(archive)
    manifest = json.loads(files.pop("manifest.json"))
    assert set(files) == {"database.sqlite", "signing_key.pem"}  # the test's key is no file
    assert manifest["format"] == 1 and manifest["alembic_revision"] == "0013"
    assert manifest["app_version"] and manifest["created_at"].endswith("+00:00")
    for name, data in files.items():
        assert manifest["members"][name]["sha256"] == hashlib.sha256(data).hexdigest()
    assert files["signing_key.pem"] == Path(app.config["SIGNING_KEY_PATH"]).read_bytes()
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(files["database.sqlite"])
    with sqlite3.connect(copy) as connection:
        numbers = [row[0] for row in connection.execute("SELECT number FROM certificate")]
    connection.close()
    assert numbers == [certified.number]


def test_the_instance_secret_key_goes_in_when_it_is_the_one_in_use(app, certified, tmp_path):
    secret = tmp_path / "instance" / "secret_key"
    secret.parent.mkdir()
    secret.write_text(app.config["SECRET_KEY"])
    where = backup.places(app)
    assert where.secret_key is None  # the app's instance folder holds no such key
    where = backup.Places(where.database_url, where.signing_key, secret)
    archive, manifest = backup.make_backup(where, tmp_path / "out")
    assert set(manifest["members"]) == {"database.sqlite", "signing_key.pem", "secret_key"}
    assert members(archive)["secret_key"] == secret.read_bytes()


def test_a_backup_during_writes_is_one_committed_state(app, certified, tmp_path):
    """A writer commits two rows at a time while backups are taken: every copy is whole
    (integrity check) and holds pairs only, never half a transaction."""
    path = database_of(app)
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE pair (n INTEGER, filler BLOB)")
        setup.executemany("INSERT INTO pair VALUES (?, randomblob(2000))",
                          [(i,) for i in range(4000)])  # some MB: a copy takes a while
    setup.close()
    stop, written = threading.Event(), []

    def write():
        connection = sqlite3.connect(path, timeout=30)
        n = 0
        while not stop.is_set():
            with connection:
                connection.execute("INSERT INTO pair VALUES (?, randomblob(2000))", (n,))
                connection.execute("INSERT INTO pair VALUES (?, randomblob(2000))", (n,))
            n += 1
        connection.close()
        written.append(n)

    writer = threading.Thread(target=write)
    writer.start()
    counts = []
    try:
        for i in range(5):
            copy = tmp_path / f"copy{i}.sqlite"
            backup.copy_database(path, copy)
            with sqlite3.connect(copy) as connection:
                assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
                counts.append(connection.execute("SELECT count(*) FROM pair").fetchone()[0])
                unpaired = connection.execute(
                    "SELECT count(*) FROM (SELECT n FROM pair WHERE rowid > 4000 GROUP BY n "
                    "HAVING count(*) != 2)").fetchone()[0]
            connection.close()
            assert counts[-1] % 2 == 0 and unpaired == 0
    finally:
        stop.set()
        writer.join()
    assert written[0] > 0 and len(set(counts)) > 1  # the copies did overlap the writes


@pytest.fixture
def fresh(tmp_path):
    """Another installation: its own database file and signing key path, nothing in them."""
    (tmp_path / "fresh").mkdir()
    return create_app(settings_for(tmp_path / "fresh"))


def run_in(app, *args):
    """A command of `app` (not of the test's app, whose context is pushed)."""
    with app.app_context():
        result = app.test_cli_runner().invoke(args=list(args))
        db.session.remove()
        db.engine.dispose()
    return result


def test_restore_on_a_fresh_instance_gives_a_working_app(app, runner, certified, trainee,
                                                         fresh, tmp_path):
    archive, _ = make_archive(runner, tmp_path / "backups")
    verdict = app.test_client().get(f"/v/{certified.number}.json").get_json()
    key = Path(app.config["SIGNING_KEY_PATH"]).read_bytes()
    result = run_in(fresh, "restore", str(archive))
    assert result.exit_code == 0, result.output
    assert "Restored the database to" in result.output
    assert "Restored the signing key to" in result.output
    assert Path(fresh.config["SIGNING_KEY_PATH"]).read_bytes() == key
    with fresh.app_context():
        client = fresh.test_client()
        assert client.get(f"/v/{certified.number}.json").get_json() == verdict
        assert log_in(client, trainee.login_code, PIN).status_code == 302
        db.session.remove()
        db.engine.dispose()


def test_restore_refuses_a_database_in_use_without_force(app, runner, certified, trainee,
                                                         tmp_path):
    archive, _ = make_archive(runner, tmp_path / "backups")
    trainee.display_name = "Changed after the backup"
    db.session.commit()
    refused = runner.invoke(args=["restore", str(archive)])
    assert refused.exit_code != 0 and "a database is in use" in refused.output
    assert "--force" in refused.output
    db.session.refresh(trainee)
    assert trainee.display_name == "Changed after the backup"
    db.session.remove()
    forced = runner.invoke(args=["restore", "--force", str(archive)])
    assert forced.exit_code == 0, forced.output
    assert "Kept the database that was there as" in forced.output
    assert db.session.get(type(trainee), trainee.id).display_name == "សុខ ចាន់ថា"
    [kept] = database_of(app).parent.glob("*.before-restore-*")
    with sqlite3.connect(kept) as connection:
        names = [row[0] for row in connection.execute("SELECT display_name FROM user_account")]
    connection.close()
    assert "Changed after the backup" in names


@pytest.mark.parametrize(("change", "message"), [
    (lambda name, data: data[:-10] + b"0123456789" if name == "database.sqlite" else data,
     "database.sqlite is not what was backed up"),
    (lambda name, data: b"a different key" if name == "signing_key.pem" else data,
     "signing_key.pem is not what was backed up"),
    (lambda name, data: None if name == "signing_key.pem" else data,
     "does not hold what its manifest lists"),
    (lambda name, data: None if name == "manifest.json" else data, "has no readable manifest"),
    (lambda name, data: data.replace(b'"format": 1', b'"format": 9')
     if name == "manifest.json" else data, "is a backup of format 9"),
], ids=["database", "key", "member-missing", "no-manifest", "format"])
def test_a_changed_archive_is_refused_and_nothing_is_written(app, runner, certified, fresh,
                                                             tmp_path, change, message):
    archive, _ = make_archive(runner, tmp_path / "backups")
    bad = rewritten(archive, tmp_path / "bad.tar.gz", change)
    result = run_in(fresh, "restore", str(bad))
    assert result.exit_code != 0
    assert message in result.output and "Nothing was restored." in result.output
    assert not database_of(fresh).exists()
    assert not Path(fresh.config["SIGNING_KEY_PATH"]).exists()


def test_an_archive_with_other_files_is_refused(app, runner, certified, fresh, tmp_path):
    archive, _ = make_archive(runner, tmp_path / "backups")
    bad = tmp_path / "evil.tar.gz"
    with tarfile.open(bad, "w:gz") as tar:
        for name, data in [*members(archive).items(), ("../outside", b"x")]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    result = run_in(fresh, "restore", str(bad))
    assert result.exit_code != 0 and "which no backup holds" in result.output
    assert not (tmp_path / "outside").exists()
    not_tar = tmp_path / "not.tar.gz"
    not_tar.write_bytes(b"hello")
    result = run_in(fresh, "restore", str(not_tar))
    assert result.exit_code != 0 and "is not a backup archive" in result.output


def test_postgresql_is_pointed_at_pg_dump():
    with pytest.raises(backup.BackupError, match=r"pg_dump.*docs/deploy\.md"):
        backup.sqlite_path("postgresql+psycopg://orientation@db.example/orientation")
    with pytest.raises(backup.BackupError, match="in memory"):
        backup.sqlite_path("sqlite://")


def test_without_a_signing_key_yet_the_backup_says_so(app, runner, trainee, tmp_path):
    archive, output = make_archive(runner, tmp_path / "backups")
    assert "No signing key at" in output
    assert set(members(archive)) == {"manifest.json", "database.sqlite"}
