"""A cohort's readiness for the trainer: the cells of the cohort's table and the report
(CSV and PDF) that lists each trainee's open items and flags for follow-up."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from orientation.departure.labels import FLAG_LABELS, ITEM_LABELS
from orientation.departure.reads import get_cohort_readiness


@dataclass(frozen=True)
class Cell:
    """One trainee's readiness as the cohort's table shows it."""

    ready: bool
    open_items: int
    flags: list[str]  # short translated labels


def get_cells(cohort, members, today):
    """({user id: Cell}, how many are ready) for these members of the cohort."""
    readiness = get_cohort_readiness(cohort, members, today)
    cells = {user_id: Cell(r.ready, len(r.open_items),
                           [str(FLAG_LABELS[code]) for code in r.flag_codes])
             for user_id, r in readiness.items()}
    return cells, sum(1 for cell in cells.values() if cell.ready)


def readiness_table(cohort, members, today):
    """(header, rows): per trainee, ready or not, the open items and the flags."""
    readiness = get_cohort_readiness(cohort, members, today)
    header = [str(h) for h in (_l("Trainee"), _l("Name as in passport"), _l("Trainee code"),
                               _l("Ready to depart"), _l("Open items"), _l("Flags"))]
    rows = []
    for user in members:
        r = readiness[user.id]
        rows.append([user.display_name, user.latin_name or "", user.login_code,
                     str(_l("yes")) if r.ready else str(_l("no")),
                     "; ".join(str(ITEM_LABELS[item.code]) for item in r.open_items),
                     "; ".join(str(FLAG_LABELS[code]) for code in r.flag_codes)])
    return header, rows
