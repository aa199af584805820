"""What the database holds, every column of every row, to tell whether a request changed it."""

from sqlalchemy import select

from orientation.extensions import db
from orientation.models import Base

# (table, column) that a refused request may change, each with why; (table, None) for a whole
# table. Nothing needs it today: attempts are counted by the limiter, not in a table, and a
# login is made before the watch looks.
MAY_CHANGE = {}


def snapshot(may_change=MAY_CHANGE):
    """{table: {primary key: {column: value}}} as committed, read on a connection of its own
    (so nothing the test's session cached can hide a change)."""
    tables = {}
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if (table.name, None) in may_change:
                continue
            key = list(table.primary_key.columns)
            columns = [c for c in table.columns if (table.name, c.name) not in may_change]
            rows = connection.execute(select(*columns).order_by(*key)).mappings()
            tables[table.name] = {tuple(row[c.name] for c in key): dict(row) for row in rows}
    return tables


def changes(before, after):
    """What differs between two snapshots: "table: row added (key)", "table.column (key)"."""
    found = []
    for name, rows in after.items():
        old = before[name]
        if rows == old:
            continue
        found += [f"{name}: row added {key}" for key in rows.keys() - old.keys()]
        found += [f"{name}: row removed {key}" for key in old.keys() - rows.keys()]
        for key in rows.keys() & old.keys():
            found += [f"{name}.{column} {key}" for column, value in rows[key].items()
                      if old[key][column] != value]
    return sorted(found)


def refused(response):
    """An error, or a form shown again (the app redirects after every POST that acts)."""
    return response.status_code >= 400 or (response.status_code == 200
                                           and response.mimetype == "text/html")


class Watch:
    """The database as last seen; each request checked against it: no 5xx, and nothing
    changed by a refused request (or by any GET)."""

    def __init__(self, may_change=MAY_CHANGE):
        self.may_change = may_change
        self.failures = []
        self.look()

    def look(self):
        """Take the database as it is now (after something allowed to change it)."""
        db.session.rollback()  # read what the request committed, nothing cached
        self.state = snapshot(self.may_change)

    def check(self, label, response, writes=True):
        """Record what is wrong with `response`; `writes`: whether the request may change
        anything when it is not refused (a POST may, a GET never)."""
        before = self.state
        self.look()
        if response.status_code >= 500:
            self.failures.append((*label, response.status_code))
        elif refused(response) or not writes:
            found = changes(before, self.state)
            if found:
                self.failures.append((*label, response.status_code, found))
