"""What the checker and the reader report: a file, a line, and what is wrong."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str
    error: bool = True  # False: reported (a draft's gaps), never fails a check

    def __str__(self):
        path = self.path
        if path.is_absolute() and Path.cwd() in path.parents:
            path = path.relative_to(Path.cwd())
        where = f"{path}:{self.line}" if self.line else str(path)
        return f"{'error' if self.error else 'note'}: {where}: {self.message}"


class PackageError(Exception):
    """Packages that cannot be loaded; nothing was changed."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
