"""Every audit action that the code records has a translated name for the admin's pages."""

import ast
from pathlib import Path

from flask_babel import LazyString, force_locale

from orientation import audit

PACKAGE = Path(audit.__file__).resolve().parent


def recorded_actions():
    """{action: [where]} for every audit.record(...) call in the package; a call whose action
    is not a plain string is reported as such (the test could not check it)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "record" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "audit"):
                continue
            first = node.args[0] if node.args else None
            action = first.value if isinstance(first, ast.Constant) else "<not a literal>"
            found.setdefault(action, []).append(f"{path.name}:{node.lineno}")
    return found


def test_the_scan_finds_the_actions():
    actions = recorded_actions()
    assert {"user.created", "attendance.recorded", "certificate.revoked"} <= set(actions)
    assert "<not a literal>" not in actions, actions.get("<not a literal>")


def test_every_recorded_action_has_a_translated_label(app):
    missing = {action: where for action, where in recorded_actions().items()
               if not isinstance(audit.ACTION_LABELS.get(action), LazyString)}
    assert not missing, "add these to audit.ACTION_LABELS with _l(...)"


def test_labels_are_shown_in_the_page_language(app):
    with app.test_request_context("/km/"), force_locale("km"):
        assert str(audit.action_label("centre.created")) != "centre.created"
    assert audit.action_label("no.such_action") == "no.such_action"
