"""Reads for trainers, always limited to one centre."""

from dataclasses import dataclass

from sqlalchemy import func, select

from orientation.extensions import db
from orientation.models import Role, User


@dataclass
class Page:
    items: list
    number: int
    total: int
    size: int

    @property
    def has_next(self):
        return self.number * self.size < self.total

    @property
    def has_previous(self):
        return self.number > 1


def get_centre_trainees(centre_id, number, size):
    """One page of a centre's trainees, by name, in two queries whatever the centre's size."""
    where = (User.centre_id == centre_id, User.role == Role.trainee)
    if centre_id is None:
        return Page([], 1, 0, size)
    total = db.session.scalar(select(func.count()).select_from(User).where(*where))
    items = db.session.scalars(
        select(User).where(*where).order_by(User.display_name, User.id)
        .offset((number - 1) * size).limit(size)
    ).all()
    return Page(list(items), number, total, size)
