-- The walking skeleton's schema. Tenancy is not retrofitted: every tenant-owned table has
-- tenant_id first in its primary key and row-level security enabled and forced from here on.

-- The role the application runs as (SET ROLE on every pooled connection). It owns nothing,
-- so it cannot disable row-level security; superuser logins lose their bypass under it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appRole}') THEN
    CREATE ROLE ${appRole} NOLOGIN;
  END IF;
END
$$;
-- Whoever runs the migrations may switch to the application role.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, '${appRole}', 'MEMBER') THEN
    EXECUTE format('GRANT %I TO %I', '${appRole}', current_user);
  END IF;
END
$$;

-- Tenants a transaction may see: set per transaction with set_config('lumbung.tenants', '7471,7401', true).
CREATE FUNCTION lumbung_allowed_tenants() RETURNS text[]
  LANGUAGE sql STABLE
AS $$
  SELECT coalesce(string_to_array(nullif(current_setting('lumbung.tenants', true), ''), ','), '{}'::text[])
$$;

-- Kemendagri regions: 1 province (74), 2 regency/city (74.71), 3 district (74.71.01), 4 village (74.71.01.1001).
CREATE TABLE region (
  code        text PRIMARY KEY,
  parent_code text REFERENCES region (code),
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  name        text NOT NULL
);
CREATE INDEX region_parent_idx ON region (parent_code);

-- The tenant registry itself is platform data: one row per regency/city social office.
CREATE TABLE tenant (
  id          text PRIMARY KEY CHECK (id ~ '^[0-9]{4}$'),
  region_code text NOT NULL UNIQUE REFERENCES region (code),
  province_id text NOT NULL,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL
);
CREATE INDEX tenant_province_idx ON tenant (province_id);

CREATE TABLE app_user (
  id            uuid PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL,
  tenant_id     text REFERENCES tenant (id),
  province_id   text,
  enabled       boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Opaque refresh tokens, stored as SHA-256 hashes so a database read cannot replay them.
CREATE TABLE refresh_token (
  token_hash text PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES app_user (id),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);

CREATE TABLE household (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  id           uuid NOT NULL,
  village_code text NOT NULL REFERENCES region (code),
  address      text NOT NULL,
  head_name    text NOT NULL,
  member_count integer NOT NULL CHECK (member_count > 0),
  desil        smallint CHECK (desil BETWEEN 1 AND 10),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE nik_check (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  id           uuid NOT NULL,
  nik_masked   text NOT NULL,
  status       text NOT NULL,
  result       text,
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text,
  requested_by text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

-- Written in the same transaction as the domain change; consumed by the connectors.
CREATE TABLE outbox (
  tenant_id       text NOT NULL REFERENCES tenant (id),
  id              uuid NOT NULL,
  agency          text NOT NULL,
  kind            text NOT NULL,
  aggregate_id    uuid NOT NULL,
  payload         jsonb,
  status          text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outbox_ready_idx ON outbox (agency, next_attempt_at) WHERE status IN ('QUEUED', 'RETRYING');

ALTER TABLE household ENABLE ROW LEVEL SECURITY;
ALTER TABLE household FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON household
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));

ALTER TABLE nik_check ENABLE ROW LEVEL SECURITY;
ALTER TABLE nik_check FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON nik_check
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));

GRANT USAGE ON SCHEMA public TO ${appRole};
GRANT EXECUTE ON FUNCTION lumbung_allowed_tenants() TO ${appRole};
GRANT SELECT ON region TO ${appRole};
GRANT SELECT, INSERT ON tenant TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON app_user, refresh_token TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON household, nik_check, outbox TO ${appRole};
