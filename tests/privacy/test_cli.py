"""The commands for scripts: users export LOGIN --to FILE.zip, users erase LOGIN --yes."""

import json
import zipfile

from sqlalchemy import select

from orientation.accounts.rules import format_code
from orientation.extensions import db
from orientation.models import AuditEvent


def test_export_writes_the_zip_audited(runner, world, tmp_path):
    target = tmp_path / "out.zip"
    result = runner.invoke(args=["users", "export", format_code(world.trainee.login_code),
                                 "--to", str(target)])
    assert result.exit_code == 0, result.output
    data = json.loads(zipfile.ZipFile(target).read("data.json"))
    assert data["user_account"]["id"] == world.trainee.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.exported"))
    assert event.actor_id is None and event.subject_id == world.trainee.id


def test_erase_needs_yes_or_an_answer(runner, world):
    code = world.trainee.login_code
    result = runner.invoke(args=["users", "erase", code], input="n\n")
    assert result.exit_code != 0 and not world.trainee.erased
    result = runner.invoke(args=["users", "erase", code, "--yes"])
    assert result.exit_code == 0, result.output
    db.session.refresh(world.trainee)
    assert world.trainee.erased and world.trainee.display_name in result.output
    # The old login names nobody now: erasing again is refused.
    assert runner.invoke(args=["users", "erase", code, "--yes"]).exit_code != 0


def test_only_trainees(runner, world):
    result = runner.invoke(args=["users", "erase", world.trainer.login_code, "--yes"])
    assert result.exit_code != 0 and "no trainee" in result.output
    assert not world.trainer.erased
