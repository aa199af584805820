"""Typed SQLAlchemy models, one module per area; imported here so metadata is complete."""

from orientation.models.audit import AuditEvent
from orientation.models.base import Base
from orientation.models.users import Centre, Role, User

__all__ = ["AuditEvent", "Base", "Centre", "Role", "User"]
