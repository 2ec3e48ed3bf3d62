"""Plain messages for a database another program is writing to, and for an installation missing its schema steps."""

from __future__ import annotations

import pytest

from inspect_app.domain.errors import UserFacingError
from inspect_app.storage import migrations
from inspect_app.storage.database import Database, DatabaseBusy


def test_a_database_locked_by_another_writer_is_said_plainly_and_nothing_is_changed(ws, home):
    other = Database.open(ws.db.path, key=ws.db.key)
    try:
        other.execute("PRAGMA busy_timeout = 0")  # do not wait the usual 5 seconds in a test
        with ws.db.transaction():
            ws.db.execute("UPDATE homes SET name = 'Held' WHERE id = ?", (home.id,))
            with pytest.raises(DatabaseBusy, match="another window or program is saving"):
                with other.transaction():
                    pass
        assert not other.in_transaction
        with other.transaction():  # once the first writer is done, the second can write
            pass
    finally:
        other.close()


def test_an_installation_without_its_schema_steps_says_so(tmp_path):
    with pytest.raises(UserFacingError, match="incomplete"):
        migrations.known_migrations(tmp_path)
