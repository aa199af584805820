"""Orientation: pre-departure courses, quizzes and certificates for migrant workers."""

from flask import Flask

from orientation import (
    audit,
    cli,
    config,
    errors,
    i18n,
    migrating,
    offline,
    second_factor,
    security,
    serving,
    timezones,
)
from orientation.account import bp as account_bp
from orientation.accounts.rules import format_code
from orientation.admin import bp as admin_bp
from orientation.agencies import bp as agencies_bp
from orientation.auth import bp as auth_bp
from orientation.certificates import bp as certificates_bp
from orientation.certificates import verify_bp
from orientation.departure import bp as departure_bp
from orientation.extensions import babel, csrf, db, limiter, login_manager
from orientation.forms import present_attributes
from orientation.jobs import queue as jobs_queue
from orientation.learn import bp as learn_bp
from orientation.learn import media_bp
from orientation.main import bp as main_bp
from orientation.offline import bp as offline_bp
from orientation.offline import worker_bp
from orientation.privacy import bp as privacy_bp
from orientation.quizzes import bp as quizzes_bp
from orientation.second_factor import admin_bp as security_admin_bp
from orientation.second_factor import bp as second_factor_bp
from orientation.trainer import bp as trainer_bp

MIGRATIONS = str(config.REPO_ROOT / "orientation" / "migrations")


def create_app(overrides=None):
    """Build the application; `overrides` (a mapping) wins over defaults and environment."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(config.build(app.instance_path, overrides))
    app.template_folder = app.config["TEMPLATE_FOLDER"]
    app.static_folder = app.config["STATIC_FOLDER"]
    # Before any route is added: `<int:...>` stops at the largest id a column can hold.
    app.url_map.converters["int"] = security.BoundedIntConverter
    serving.init_app(app)  # first: the request log then times everything after it
    register_extensions(app)
    i18n.init_app(app)
    register_blueprints(app)
    errors.init_app(app)
    security.init_app(app)
    offline.init_app(app)
    second_factor.init_app(app)
    register_template_filters(app)
    cli.init_app(app)
    return app


def register_extensions(app):
    db.init_app(app)
    migrating.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    babel.init_app(app, locale_selector=i18n.select_locale,
                   timezone_selector=timezones.select_timezone)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    jobs_queue.init_app(app)


def register_template_filters(app):
    app.jinja_env.filters["audit_label"] = audit.action_label
    app.jinja_env.filters["trainee_code"] = format_code
    app.jinja_env.globals["present_attributes"] = present_attributes


def register_blueprints(app):
    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/<lang:lang_code>")
    app.register_blueprint(account_bp, url_prefix="/<lang:lang_code>")
    app.register_blueprint(learn_bp, url_prefix="/<lang:lang_code>")
    app.register_blueprint(quizzes_bp, url_prefix="/<lang:lang_code>")
    app.register_blueprint(certificates_bp, url_prefix="/<lang:lang_code>")
    app.register_blueprint(verify_bp)
    app.register_blueprint(media_bp)
    app.register_blueprint(trainer_bp, url_prefix="/<lang:lang_code>/trainer")
    app.register_blueprint(privacy_bp, url_prefix="/<lang:lang_code>/trainer")
    app.register_blueprint(admin_bp, url_prefix="/<lang:lang_code>/admin")
    app.register_blueprint(second_factor_bp, url_prefix="/<lang:lang_code>")
    app.register_blueprint(security_admin_bp, url_prefix="/<lang:lang_code>/admin")
    app.register_blueprint(agencies_bp, url_prefix="/<lang:lang_code>")
    app.register_blueprint(offline_bp, url_prefix="/<lang:lang_code>")
    app.register_blueprint(departure_bp, url_prefix="/<lang:lang_code>")
    app.register_blueprint(worker_bp)
