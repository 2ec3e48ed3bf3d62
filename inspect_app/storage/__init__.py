"""The only place with SQL: opening and migrating the database, repositories, audit trail, backups."""
