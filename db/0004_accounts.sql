-- 0004_accounts: the people who sign in (SPEC 8), their role and the homes they work in.
-- No password is kept here: each active account has a key slot in the key file beside the database,
-- and a password is right when it opens that slot. An account is never deleted, only deactivated, so
-- that the audit trail's names keep meaning someone.

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,               -- lower case, single spaces
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('care_staff', 'senior', 'manager', 'responsible_individual',
                                       'provider_viewer')),
    staff_id INTEGER REFERENCES staff(id),       -- their entry in a home's staff register, if any
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    deactivated_at TEXT
) STRICT;

CREATE TABLE account_homes (
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    home_id INTEGER NOT NULL REFERENCES homes(id),
    PRIMARY KEY (account_id, home_id)
) STRICT;

CREATE TRIGGER accounts_never_deleted BEFORE DELETE ON accounts
BEGIN SELECT RAISE(ABORT, 'accounts are deactivated, never deleted'); END;
