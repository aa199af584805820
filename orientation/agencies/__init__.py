"""Recruitment agencies: the admins' list (with its CSV import and the centres' service-fee
caps), and each centre's view of the agencies its trainees used, exportable for a ministry."""

from flask import Blueprint

from orientation.learn.names import names

bp = Blueprint("agencies", __name__)
bp.context_processor(names)  # destination and country names, translated

from orientation.agencies import (  # noqa: E402,F401  (they attach routes to bp)
    centre_views,
    import_views,
    views,
)
