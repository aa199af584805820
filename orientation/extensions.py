"""Extension objects, unbound: create_app binds them, feature code imports them from here."""

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from orientation.models.base import Base

db = SQLAlchemy(model_class=Base)
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
compress = Compress()
# Limits are declared where they apply (login); nothing is limited by default.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
