"""Configuration: defaults here, overridden by ORIENTATION_* environment variables."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The app cannot start with this configuration."""


class Defaults:
    """Settings a development checkout works with, unchanged."""

    ENV = "development"
    DATABASE_URL = None  # default: SQLite in the instance folder
    SECRET_KEY = None  # default in development: generated once into the instance folder
    TEMPLATE_FOLDER = str(REPO_ROOT / "templates")
    STATIC_FOLDER = str(REPO_ROOT / "static")
    TRANSLATIONS_FOLDER = str(REPO_ROOT / "translations")
    COURSES_FOLDER = str(REPO_ROOT / "courses")

    # argon2id cost: OWASP's recommended minimum (19 MiB, 2 passes), about 30 ms here,
    # so that a trainer's import of 300 trainees hashes in seconds. Tests pass a cheaper one.
    ARGON2_TIME_COST = 2
    ARGON2_MEMORY_COST = 19456  # KiB
    ARGON2_PARALLELISM = 1

    # Throttling (see README, "Security") and where the counters live.
    RATELIMIT_STORAGE_URI = "memory://"
    LOGIN_LIMIT_PER_ACCOUNT = "10 per 15 minutes"  # attempts; a right secret starts again
    # Failed logins per address: high, because a whole centre shares one address.
    LOGIN_LIMIT_PER_ADDRESS = "200 per 15 minutes"
    REGISTER_LIMIT_PER_ADDRESS = "10 per hour"  # new accounts from one address

    # Request bodies: about 2 MB; the trainer's CSV import is the largest form (1 MB file,
    # sent again as base64 to save it).
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    IMPORT_MAX_BYTES = 1_000_000

    SELF_REGISTRATION = True
    # Region used to read phone numbers typed without +country code, per interface language.
    PHONE_REGIONS = {"km": "KH", "lo": "LA", "vi": "VN", "zh": "CN", "en": "KH"}

    # Times are shown in the zone of the person's centre; this one for people without one.
    DEFAULT_TIME_ZONE = "Asia/Bangkok"

    SESSION_DAYS = 14
    PAGE_SIZE = 50

    # Certificates. The signing key signs every QR code: in production every host must use
    # the same key file; development makes one in the instance folder.
    SIGNING_KEY_PATH = None
    PUBLIC_BASE_URL = "http://127.0.0.1:5000"  # what the QR code opens: BASE/v/NUMBER
    FONTS_FOLDER = None  # static font instances; default: instance/fonts
    CERTIFICATE_ISSUER = "Pre-departure orientation programme"
    VERIFY_LIMIT = "30 per minute"

    # A trainee is at risk when departure is this close and less than this share of the
    # programme is complete.
    AT_RISK_DAYS = 14
    AT_RISK_SHARE = 0.5  # verification lookups per address: no listing by guessing

    # Serving (gunicorn.conf.py, docs/deploy.md). Reverse proxies in front of the app whose
    # X-Forwarded-For, X-Forwarded-Proto and X-Request-ID are believed: 0 believes none, so a
    # forged header cannot pick the address that login throttling counts.
    TRUSTED_PROXIES = 0
    # Server processes on this host: gunicorn.conf.py starts this many, and production
    # refuses memory:// throttling counters when there is more than one.
    WORKERS = 1
    LOG_FORMAT = "text"  # or "json": one JSON object per line on stdout

    # The task queue (huey) for long work: imports, a cohort's certificates. Default: SQLite
    # in the instance folder (one host); redis://HOST:6379/1 for several hosts. Unset, a
    # redis:// throttling storage is used for jobs too.
    JOBS_URL = None
    # Jobs run inside the request that enqueues them (huey's immediate mode). Default: only
    # when TESTING, so that a request test sees a finished job.
    JOBS_IMMEDIATE = None
    JOBS_WORKERS = 2  # threads of `flask jobs consume`
    JOBS_QUEUE = "orientation"  # the queue's name: deployments sharing one Redis need two


# Names that are not plain strings, and how to read them from the environment.
_PARSERS = {
    "ARGON2_TIME_COST": int,
    "ARGON2_MEMORY_COST": int,
    "ARGON2_PARALLELISM": int,
    "SELF_REGISTRATION": lambda v: v.strip().lower() in {"1", "true", "yes", "on"},
    "SESSION_DAYS": int,
    "PAGE_SIZE": int,
    "MAX_CONTENT_LENGTH": int,
    "IMPORT_MAX_BYTES": int,
    "AT_RISK_DAYS": int,
    "AT_RISK_SHARE": float,
    "TRUSTED_PROXIES": int,
    "WORKERS": int,
    "JOBS_IMMEDIATE": lambda v: v.strip().lower() in {"1", "true", "yes", "on"},
    "JOBS_WORKERS": int,
}


def from_environment(environ=os.environ):
    """Return the settings given as ORIENTATION_<NAME> environment variables."""
    found = {}
    for name in dir(Defaults):
        if name.isupper() and f"ORIENTATION_{name}" in environ:
            raw = environ[f"ORIENTATION_{name}"]
            found[name] = _PARSERS.get(name, str)(raw)
    return found


def build(instance_path, overrides=None, environ=os.environ):
    """Merge defaults, environment and explicit overrides into Flask settings."""
    settings = {name: getattr(Defaults, name) for name in dir(Defaults) if name.isupper()}
    settings.update(from_environment(environ))
    settings.update(overrides or {})
    production = settings["ENV"] == "production"
    if not settings["SECRET_KEY"]:
        if production:
            raise ConfigError("ORIENTATION_SECRET_KEY must be set in production.")
        settings["SECRET_KEY"] = _instance_secret(Path(instance_path))
    if not settings["SIGNING_KEY_PATH"]:
        if production:
            raise ConfigError("ORIENTATION_SIGNING_KEY_PATH must name the certificate signing key "
                              "in production.")
        settings["SIGNING_KEY_PATH"] = str(Path(instance_path) / "signing_key.pem")
    elif production and not Path(settings["SIGNING_KEY_PATH"]).is_file():
        raise ConfigError(f"No signing key at {settings['SIGNING_KEY_PATH']}.")
    settings["FONTS_FOLDER"] = settings["FONTS_FOLDER"] or str(Path(instance_path) / "fonts")
    if not settings["DATABASE_URL"]:
        settings["DATABASE_URL"] = f"sqlite:///{Path(instance_path) / 'orientation.sqlite'}"
    settings["JOBS_URL"] = jobs_url(settings, instance_path)
    if settings["JOBS_IMMEDIATE"] is None:
        settings["JOBS_IMMEDIATE"] = bool(settings.get("TESTING"))
    settings.update(
        SQLALCHEMY_DATABASE_URI=settings["DATABASE_URL"],
        BABEL_TRANSLATION_DIRECTORIES=settings["TRANSLATIONS_FOLDER"],
        BABEL_DEFAULT_LOCALE="en",
        # A slow reader's form must not expire while the session lives.
        WTF_CSRF_TIME_LIMIT=None,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=production,
        REMEMBER_COOKIE_SECURE=production,
        PERMANENT_SESSION_LIFETIME=timedelta(days=settings["SESSION_DAYS"]),
        RATELIMIT_HEADERS_ENABLED=False,
    )
    return settings


def jobs_url(settings, instance_path):
    """Where the task queue keeps its tasks: the setting, else the throttling Redis, else
    SQLite in the instance folder."""
    if settings["JOBS_URL"]:
        return settings["JOBS_URL"]
    if settings["RATELIMIT_STORAGE_URI"].startswith("redis://"):
        return settings["RATELIMIT_STORAGE_URI"]
    return f"sqlite:///{Path(instance_path) / 'jobs.sqlite'}"


def _instance_secret(instance_path):
    """Read the development secret key, making it once if it does not exist."""
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
