"""Where lessons and quizzes may point: other lessons of the course, and files in media/."""

from urllib.parse import urlsplit

MEDIA_TYPES = {".svg", ".png", ".jpg", ".jpeg", ".mp3", ".ogg", ".m4a"}


def media_problem(course, kind, target):
    """What is wrong with a link or picture target, or None."""
    parts = urlsplit(target)
    if parts.scheme in ("http", "https") and kind == "link":
        return None
    if parts.scheme or parts.netloc or target.startswith("/"):
        return f"{kind} {target!r}: only lessons of this course and files in media/"
    if kind == "link" and parts.path.endswith(".md"):
        lesson_id = parts.path[:-3]
        return None if course.lesson(lesson_id) else f"link to a missing lesson {target!r}"
    if not parts.path.startswith("../media/"):
        return f"{kind} {target!r}: files are written ../media/NAME"
    media = course.media / parts.path.removeprefix("../media/")
    if media.suffix.lower() not in MEDIA_TYPES:
        return f"{kind} {target!r}: use SVG, PNG, JPEG, MP3, OGG or M4A"
    if not media.is_file() or course.media.resolve() not in media.resolve().parents:
        return f"{kind} {target!r}: no such file in media/"
    return None
