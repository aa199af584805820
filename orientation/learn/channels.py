"""Legal channels for a trainee: where they come from decides which programmes are offered.

The data is courses/channels.yaml (read with the library); the rule is `programme_access`,
which the catalogue, the programme page, choosing a programme and the course box all call.
"""

import enum
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from orientation.content.channels import ORIGINS
from orientation.content.library import get_library
from orientation.content.packages import text_in
from orientation.learn.names import DESTINATION_NAMES, ORIGIN_NAMES
from orientation.models import Role


class Access(enum.Enum):
    """What a viewer is offered of a destination's programme."""

    open = "open"  # a legal channel, or a viewer who sees every programme
    ask = "ask"  # no sure channel: offered, with "ask your centre"
    closed = "closed"  # no legal channel: a warning page instead, never chosen


ACCESS_OF_STATUS = {"legal": Access.open, "ask_centre": Access.ask, "not_legal": Access.closed}


def origin_of(user):
    """Where a trainee comes from: their own origin, else their centre's country (or None)."""
    if user.origin:
        return user.origin
    return user.centre.country if user.centre is not None else None


def trainee_origin(user):
    """A trainee's origin when the channels data knows it, else None (nothing is refused)."""
    origin = origin_of(user)
    return origin if origin in ORIGINS else None


def filtered_origin(user):
    """The origin that decides what this viewer is offered; None: they see every programme
    (visitors, staff, and trainees whose origin is unknown or has no channel data)."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.trainee:
        return None
    return trainee_origin(user)


def programme_access(origin, destination, channels):
    """The rule: how a programme for `destination` is offered to a reader from `origin`."""
    channel = channels.get(origin, {}).get(destination) if origin else None
    return ACCESS_OF_STATUS[channel.status] if channel else Access.open


class NoChannel(Exception):
    """No legal channel from a trainee's origin to a destination: the step is refused."""

    def __init__(self, origin, destination):
        super().__init__(f"no legal channel from {origin} to {destination}")
        self.origin = origin
        self.destination = destination

    def message(self, name):
        """What staff read when a trainee cannot join a cohort (translated when shown)."""
        return _l("%(name)s comes from %(origin)s. There is no legal way for people from "
                  "%(origin)s to work in %(destination)s, so %(name)s cannot join this cohort.",
                  name=name, origin=ORIGIN_NAMES[self.origin],
                  destination=DESTINATION_NAMES[self.destination])

    def origin_message(self):
        """Why a new origin was not saved: the trainee's cohort goes where it has no channel."""
        return _l("Not saved: the cohort prepares for %(destination)s, and there is no legal "
                  "way for people from %(origin)s to work there. Ask the trainer to move the "
                  "trainee to another cohort first.", origin=ORIGIN_NAMES[self.origin],
                  destination=DESTINATION_NAMES[self.destination])


def check_channel(origin, destination, channels=None):
    """The rule for placements: raise NoChannel when `destination` has no legal channel
    from `origin` (no origin, no destination or no data: nothing is refused)."""
    channels = get_library().channels if channels is None else channels
    if destination and programme_access(origin, destination, channels) == Access.closed:
        raise NoChannel(origin, destination)


@dataclass(frozen=True)
class ChannelRow:
    """One origin's channel to a destination, in the reader's language."""

    origin: str
    status: str
    work: str
    text: str
    source: str
    checked: object


def get_channel(origin, destination):
    """The Channel from the library, or None."""
    return get_library().channels.get(origin, {}).get(destination)


def get_access(user, destination):
    """How this viewer is offered a programme for `destination`."""
    return programme_access(filtered_origin(user), destination, get_library().channels)


def get_channel_rows(user, destination, lang):
    """The channels to `destination` this viewer reads about: their own origin's, or every
    origin's for visitors, staff and trainees without an origin ([] for no destination)."""
    channels = get_library().channels
    origin = filtered_origin(user)
    origins = (origin,) if origin else ORIGINS
    rows = []
    for code in origins:
        channel = channels.get(code, {}).get(destination)
        if channel is not None:
            rows.append(ChannelRow(code, channel.status, text_in(channel.work, lang),
                                   text_in(channel.text, lang), channel.source,
                                   channel.checked))
    return rows


def offered_programmes(user, programmes):
    """The catalogue's (programme, title, summary) rows this viewer is offered, each with its
    Access; programmes with no legal channel from a trainee's origin are left out."""
    rows = [(*row, get_access(user, row[0].destination)) for row in programmes]
    return [row for row in rows if row[3] != Access.closed]


# Where the warning page sends the reader: the first of these lessons the library has.
WARNING_SIGN_LESSONS = (("safe-migration", "brokers-and-trafficking"),
                        ("online-job-scams", "checking-an-offer"))


def get_warning_lesson():
    """(course slug, lesson id) of the lesson on warning signs, or None."""
    courses = get_library().courses
    return next(((slug, lesson) for slug, lesson in WARNING_SIGN_LESSONS
                 if slug in courses and courses[slug].lesson(lesson)), None)


def sees_origin_line(user):
    """Visitors and trainees of unknown origin are told that what is open depends on it."""
    if not getattr(user, "is_authenticated", False):
        return True
    return user.role == Role.trainee and filtered_origin(user) is None
