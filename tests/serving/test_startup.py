"""Production refuses to start when it is not ready, one line a reason saying what to set;
gunicorn.conf.py reads the bind address, processes and threads from the environment."""

import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from orientation.config import ConfigError
from orientation.serving import readiness

REPO = Path(__file__).resolve().parents[2]
FONTS = REPO / "instance" / "fonts"
READY = {"ENV": "production", "PUBLIC_BASE_URL": "https://verify.example.org",
         "RATELIMIT_STORAGE_URI": "memory://", "WORKERS": 1, "FONTS_FOLDER": str(FONTS),
         "TRANSLATIONS_FOLDER": str(REPO / "translations")}


def problems(**changes):
    return readiness.startup_problems({**READY, **changes})


def test_a_ready_production_has_no_problem():
    assert problems() == []


@pytest.mark.parametrize("url", ["http://127.0.0.1:5000", "http://localhost:8000/",
                                 "http://[::1]:5000", "not a url"])
def test_the_development_address_is_refused(url):
    assert problems(PUBLIC_BASE_URL=url) == [
        "Set ORIENTATION_PUBLIC_BASE_URL to the public https:// address that certificate QR "
        "codes open (now: a development address)."]


def test_memory_counters_are_refused_with_more_than_one_process():
    assert problems(WORKERS=2)[0].startswith("Set ORIENTATION_RATELIMIT_STORAGE_URI=redis://")
    assert problems(WORKERS=2, RATELIMIT_STORAGE_URI="redis://cache:6379") == []
    assert problems(WORKERS=1) == []


def test_sqlite_jobs_are_refused_with_redis_throttling():
    """Redis throttling means several hosts; a SQLite job file would be one host's own."""
    redis = "redis://10.0.0.5:6379/0"
    assert problems(RATELIMIT_STORAGE_URI=redis, JOBS_URL=redis) == []
    assert problems(JOBS_URL="sqlite:////srv/orientation/instance/jobs.sqlite") == []
    refused = problems(RATELIMIT_STORAGE_URI=redis, JOBS_URL="sqlite:////srv/jobs.sqlite")
    assert refused == ["Set ORIENTATION_JOBS_URL=redis://HOST:6379/1 or leave it unset (then "
                       "jobs use the throttling Redis): SQLite job storage serves one host "
                       "only, and Redis throttling means several."]


def test_missing_fonts_are_refused(tmp_path):
    (found,) = problems(FONTS_FOLDER=str(tmp_path))
    assert found.startswith("Run `flask --app orientation certificates fonts`")


def test_missing_catalogs_are_refused(tmp_path):
    for code in ("km", "lo", "vi"):
        folder = tmp_path / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.mo").write_bytes(b"")
    assert problems(TRANSLATIONS_FOLDER=str(tmp_path)) == [
        "Run `flask --app orientation translate compile` (no compiled catalog for zh)."]


def test_each_refusal_is_one_line(tmp_path):
    found = problems(PUBLIC_BASE_URL="http://127.0.0.1:5000", WORKERS=3,
                     FONTS_FOLDER=str(tmp_path), TRANSLATIONS_FOLDER=str(tmp_path))
    assert len(found) == 4 and all("\n" not in line for line in found)
    with pytest.raises(ConfigError) as refused:
        readiness.refuse_unready({**READY, "WORKERS": 3})
    assert str(refused.value) == problems(WORKERS=3)[0]


def test_development_is_never_refused(tmp_path):
    assert problems(ENV="development", PUBLIC_BASE_URL="http://127.0.0.1:5000", WORKERS=4,
                    FONTS_FOLDER=str(tmp_path)) == []


def start_server_app(tmp_path, **environ):
    """Import orientation.wsgi as gunicorn does, in a fresh process with this environment."""
    from orientation.certificates import signing

    key = tmp_path / "signing_key.pem"
    signing.load_or_create_key(key, create=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORIENTATION_")}
    env.update({"ORIENTATION_ENV": "production", "ORIENTATION_SECRET_KEY": "x" * 32,
                "ORIENTATION_SIGNING_KEY_PATH": str(key), "ORIENTATION_FONTS_FOLDER": str(FONTS),
                "ORIENTATION_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
                "ORIENTATION_PUBLIC_BASE_URL": "https://verify.example.org", **environ})
    return subprocess.run([sys.executable, "-c", "import orientation.wsgi"], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def test_the_server_entry_starts_when_ready_and_refuses_otherwise(tmp_path):
    assert start_server_app(tmp_path).returncode == 0
    refused = start_server_app(tmp_path, ORIENTATION_PUBLIC_BASE_URL="http://127.0.0.1:5000",
                               ORIENTATION_WORKERS="4")
    assert refused.returncode != 0
    last = refused.stderr.strip().splitlines()[-2:]
    assert last[0].startswith("orientation.config.ConfigError: Set ORIENTATION_PUBLIC_BASE_URL")
    assert last[1].startswith("Set ORIENTATION_RATELIMIT_STORAGE_URI=redis://")


def gunicorn_settings(monkeypatch, **environ):
    for name in ("PORT", "ORIENTATION_BIND", "ORIENTATION_WORKERS", "ORIENTATION_THREADS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO / "gunicorn.conf.py"))


def test_gunicorn_defaults_to_one_process_with_threads_on_loopback(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    assert conf["wsgi_app"] == "orientation.wsgi:app"
    assert conf["bind"] == ["127.0.0.1:5000"]
    assert (conf["workers"], conf["worker_class"], conf["threads"]) == (1, "gthread", 8)


def test_gunicorn_reads_port_workers_and_threads(monkeypatch):
    conf = gunicorn_settings(monkeypatch, PORT="8000", ORIENTATION_WORKERS="3",
                             ORIENTATION_THREADS="2")
    assert (conf["bind"], conf["workers"], conf["threads"]) == (["127.0.0.1:8000"], 3, 2)
    conf = gunicorn_settings(monkeypatch, ORIENTATION_BIND="unix:/run/orientation.sock")
    assert conf["bind"] == ["unix:/run/orientation.sock"]


def test_gunicorn_tells_the_app_the_real_number_of_processes(monkeypatch):
    conf = gunicorn_settings(monkeypatch, ORIENTATION_WORKERS="1")
    server = SimpleNamespace(cfg=SimpleNamespace(workers=4))  # `gunicorn -w 4`
    conf["on_starting"](server)
    assert os.environ["ORIENTATION_WORKERS"] == "4"


def test_gunicorn_preloads_the_app_only_for_several_processes(monkeypatch):
    assert gunicorn_settings(monkeypatch)["preload_app"] is False
    assert gunicorn_settings(monkeypatch, ORIENTATION_WORKERS="3")["preload_app"] is True


def test_a_forked_worker_starts_with_an_empty_connection_pool(monkeypatch, app):
    from orientation.extensions import db

    conf = gunicorn_settings(monkeypatch, ORIENTATION_WORKERS="2")
    with db.engine.connect():
        pass  # the "master" has a pooled connection now
    pool = db.engine.pool
    server = SimpleNamespace(cfg=SimpleNamespace(preload_app=True),
                             app=SimpleNamespace(wsgi=lambda: app))
    conf["post_fork"](server, None)
    assert db.engine.pool is not pool and db.engine.pool.checkedin() == 0
    pool.dispose()  # no fork here: the "master's" connection is this test's to close
