"""Signals other features hook into; receivers run in the sender's transaction."""

from blinker import Namespace

signals = Namespace()

# Sent with the CourseCompletion just added (not yet committed) as `completion`.
course_completed = signals.signal("course-completed")
