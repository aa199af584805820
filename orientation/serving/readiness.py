"""Is this server ready? Refusals at start in production, and the health check's reasons.

Each refusal is one line that says what to set; the server (orientation.wsgi) refuses to
start on any. The command line is not refused: `certificates fonts` and `translate compile`
are how a deployer mends the last two.
"""

from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from orientation import i18n
from orientation.certificates import fonts, keys
from orientation.config import ConfigError
from orientation.extensions import db

LOOPBACK = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


def startup_problems(config):
    """The reasons a production server must not start with these settings (empty: none)."""
    if config["ENV"] != "production":
        return []
    problems = []
    if (urlsplit(config["PUBLIC_BASE_URL"]).hostname or "localhost") in LOOPBACK:
        problems.append("Set ORIENTATION_PUBLIC_BASE_URL to the public https:// address that "
                        "certificate QR codes open (now: a development address).")
    if config["RATELIMIT_STORAGE_URI"].startswith("memory://") and config["WORKERS"] > 1:
        problems.append("Set ORIENTATION_RATELIMIT_STORAGE_URI=redis://HOST:6379 (memory:// "
                        "counts logins per process) or ORIENTATION_WORKERS=1.")
    if (config.get("JOBS_URL") or "").startswith("sqlite") and \
            config["RATELIMIT_STORAGE_URI"].startswith("redis"):
        problems.append("Set ORIENTATION_JOBS_URL=redis://HOST:6379/1 or leave it unset (then "
                        "jobs use the throttling Redis): SQLite job storage serves one host "
                        "only, and Redis throttling means several.")
    if not fonts_present(config["FONTS_FOLDER"]):
        problems.append("Run `flask --app orientation certificates fonts` (certificate fonts "
                        f"missing in {config['FONTS_FOLDER']}) or set ORIENTATION_FONTS_FOLDER.")
    if missing := missing_catalogs(config["TRANSLATIONS_FOLDER"]):
        problems.append("Run `flask --app orientation translate compile` (no compiled catalog "
                        f"for {', '.join(missing)}).")
    return problems


def refuse_unready(config):
    """Raise ConfigError, one line a reason, when production must not start."""
    if problems := startup_problems(config):
        raise ConfigError("\n".join(problems))


def fonts_present(folder):
    try:
        fonts.font_files(folder)
    except fonts.FontMissing:
        return False
    return True


def missing_catalogs(folder):
    """The interface languages without a compiled catalog (English is the source)."""
    return [code for code in i18n.CODES if code != i18n.DEFAULT
            and not (Path(folder) / code / "LC_MESSAGES" / "messages.mo").is_file()]


def health_problems():
    """Why this process should not get traffic now, one short line each (empty: healthy)."""
    problems = []
    if not database_answers():
        problems.append("database: not answering")
    if not fonts_present(current_app.config["FONTS_FOLDER"]):
        problems.append("fonts: certificate fonts missing")
    if not signing_key_present():
        problems.append("signing key: missing or unreadable")
    return problems


def database_answers():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return False
    return True


def signing_key_present():
    """The key file is there and loads (once per process); development does not make it here."""
    if not Path(current_app.config["SIGNING_KEY_PATH"]).is_file():
        return False
    try:
        keys.signing_key()
    except (OSError, ValueError, TypeError):
        return False
    return True
