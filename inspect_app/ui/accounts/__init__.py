"""The accounts area (SPEC 8): who can sign in, their role, homes and staff entry, and the database's settings."""
