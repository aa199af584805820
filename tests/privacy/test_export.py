"""The export: every table that points at an account is covered, rows of the trainee only,
no secrets, the certificates' PDFs beside data.json; audited."""

import io
import json
import zipfile

from sqlalchemy import select

from orientation.extensions import db
from orientation.models import AuditEvent, Base, RecoveryCode
from orientation.privacy.services import collect, export, export_zip


def tables_pointing_at_accounts():
    """Every table with a foreign key to user_account (a new one fails until covered)."""
    return sorted(table.name for table in Base.metadata.sorted_tables
                  if any(fk.column.table.name == "user_account" for fk in table.foreign_keys))


# Tables a trainee has no rows in, and why (their key must still be in the export).
STAFF_ONLY = {"recovery_code": "a second factor is for staff"}


def test_every_table_that_references_an_account_is_exported(world):
    data = collect(world.trainee)
    tables = tables_pointing_at_accounts()
    assert {"audit_event", "certificate", "job", "import_batch"} <= set(tables)
    for name in [*tables, "answer"]:
        assert name in data, f"the export has no list of {name}: cover it in privacy/export"
        assert data[name] or name in STAFF_ONLY, f"{name}: no rows (the fixture fills it)"


def test_a_former_staff_members_second_factor_is_listed_without_secrets(world):
    """A trainer made a trainee again keeps their recovery codes until erased."""
    db.session.add(RecoveryCode(user_id=world.trainee.id, code_hash="secret-hash"))
    world.trainee.totp_secret = "JBSWY3DPEHPK3PXP"
    db.session.commit()
    data = collect(world.trainee)
    text = json.dumps(data)
    assert len(data["recovery_code"]) == 1 and "secret-hash" not in text
    assert "JBSWY3DPEHPK3PXP" not in text and "totp_secret" in data["left_out"]["user_account"]
    assert data["user_account"]["display_name"] == world.trainee.display_name


def test_rows_are_the_trainees_own(world):
    data = collect(world.trainee)
    for name, rows in data.items():
        if isinstance(rows, list) and rows and "user_id" in rows[0]:
            assert {row["user_id"] for row in rows} == {world.trainee.id}, name
    assert {row["attempt_id"] for row in data["answer"]} <= {row["id"] for row in
                                                           data["attempt"]}
    [created, pending] = data["import_batch"]
    assert created["created_this_trainee"] and created["file_lines_about_them"] == []
    assert not pending["created_this_trainee"]
    assert pending["file_lines_about_them"] == [
        [world.trainee.display_name, "", "", "km", world.trainee.login_code],
        ["Sok Chantha", "", "012 345 678", "km", ""]]  # their phone, as a file writes it


def test_nothing_about_the_other_trainee(world):
    text = json.dumps(collect(world.trainee), ensure_ascii=False)
    for value in world.values(world.other):
        assert value not in text
    assert world.certificate(world.other).number not in text
    assert "Chan Dara" not in text  # another person's line of the pending file


def test_secrets_are_left_out_and_said_so(world):
    data = collect(world.trainee)
    text = json.dumps(data, ensure_ascii=False)
    assert "password_hash" not in data["user_account"] and world.trainee.password_hash not in text
    assert data["left_out"]["user_account"] == ["password_hash", "signup_token", "totp_secret"]
    assert "Secrets are left out" in data["about"]
    assert all("token" not in row for row in data["import_batch"] + data["job"])


def test_dates_are_iso_and_values_readable(world):
    data = collect(world.trainee)
    assert data["user_account"]["created_at"][:4].isdigit() and "T" in data["user_account"][
        "created_at"]
    assert data["attendance"][0]["session"] == {"cohort": "Batch 7", "held_on": "2027-01-05",
                                               "hours": 3.0, "topic": "Rights at work"}
    assert data["enrolment"][0]["course"] == "first-steps"
    assert data["user_account"]["birth_date"] == "2001-03-31"  # given in the import
    assert data["certificate"][0]["state"] == "valid"


def test_the_zip_holds_data_json_and_their_certificate(world):
    archive = zipfile.ZipFile(io.BytesIO(export_zip(world.trainee)))
    number = world.certificate(world.trainee).number
    assert sorted(archive.namelist()) == ["certificates/" + number + ".pdf", "data.json"]
    data = json.loads(archive.read("data.json").decode("utf-8"))
    assert "សុខ ចាន់ថា" in archive.read("data.json").decode("utf-8")  # UTF-8, not escaped
    assert data["certificate"][0]["pdf"] == f"certificates/{number}.pdf"
    assert archive.read(f"certificates/{number}.pdf").startswith(b"%PDF")


def test_an_export_is_audited(world):
    export(world.trainee, world.trainer)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.exported"))
    assert (event.subject_id, event.actor_id) == (world.trainee.id, world.trainer.id)
