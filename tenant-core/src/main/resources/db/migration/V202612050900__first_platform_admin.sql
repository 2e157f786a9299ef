-- A deployment's first day: the first platform admin, created from a setting read once
-- (LUMBUNG_BOOTSTRAP_USERNAME/PASSWORD), must choose its own password at its first login.
ALTER TABLE app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
