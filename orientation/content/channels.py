"""courses/channels.yaml: for each origin and destination, whether a legal channel exists.

The file is data a reviewer can diff; every origin x destination has an entry with its
source and the date it was checked, so that a page never has to guess.
"""

from dataclasses import dataclass
from datetime import date

from orientation.content import fields as f
from orientation.content.packages import DESTINATIONS

# ISO 3166 alpha-2 codes of where trainees come from; CN stands for readers from Yunnan.
ORIGINS = ("KH", "LA", "VN", "CN")
CHANNEL_STATUSES = ("legal", "not_legal", "ask_centre")
CHANNEL_SCHEMA = {
    "status": f.one_of(CHANNEL_STATUSES), "work": f.every_language, "scheme": f.text,
    "text": f.every_language, "source": f.text, "checked": f.a_date,
}


@dataclass(frozen=True)
class Channel:
    """What is true for people from `origin` who want to work in `destination`."""

    origin: str
    destination: str
    status: str  # legal | not_legal | ask_centre
    work: dict[str, str]  # the kind of work, by language ("domestic work")
    scheme: str  # in English, for staff: "MoU (2002), licensed agencies"
    text: dict[str, str]  # what the channel is, by language
    source: str
    checked: date


def read_channels(reader, path):
    """{origin: {destination: Channel}}; each problem goes to the reader with its line."""
    if not path.exists():
        reader.problem(path, None, "missing: every origin and destination needs an entry")
        return {}
    data, lines = reader.yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        reader.problem(path, 1, "expected a mapping of origins")
        return {}
    for origin in sorted(set(data) - set(ORIGINS), key=str):
        reader.problem(path, lines.get(origin), f"unknown origin {origin!r} (one of "
                       f"{', '.join(ORIGINS)})")
    channels = {}
    for origin in ORIGINS:
        entries = data.get(origin) or {}
        if not isinstance(entries, dict):
            reader.problem(path, lines.get(origin), f"{origin}: expected a mapping of "
                           "destinations")
            entries = {}
        for destination in sorted(set(entries) - set(DESTINATIONS), key=str):
            reader.problem(path, lines.get(origin), f"{origin}: unknown destination "
                           f"{destination!r}")
        channels[origin] = {}
        for destination in DESTINATIONS:
            channel = _channel(reader, path, lines.get(origin), origin, destination,
                               entries.get(destination))
            if channel is not None:
                channels[origin][destination] = channel
    return channels


def _channel(reader, path, line, origin, destination, entry):
    """One entry as a Channel, or None after reporting what is wrong with it."""
    where = f"{origin} -> {destination}"
    if entry is None:
        reader.problem(path, line, f"{where}: missing entry")
        return None
    if not isinstance(entry, dict):
        reader.problem(path, line, f"{where}: expected a mapping of fields")
        return None
    messages = [f"unknown field {key!r}" for key in sorted(set(entry) - set(CHANNEL_SCHEMA))]
    for key, check in CHANNEL_SCHEMA.items():
        message = "missing" if key not in entry else check(entry[key])
        if message:
            messages.append(f"{key}: {message}")
    for message in messages:
        reader.problem(path, line, f"{where}: {message}")
    return None if messages else Channel(origin, destination, **entry)
