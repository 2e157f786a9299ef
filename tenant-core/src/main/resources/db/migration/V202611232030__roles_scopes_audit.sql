-- Identity: several roles per user, village scopes, lock-out, token revocation; the audit log.

ALTER TABLE app_user ADD COLUMN roles text[];
UPDATE app_user SET roles = ARRAY[role];
ALTER TABLE app_user ALTER COLUMN roles SET NOT NULL;
ALTER TABLE app_user ADD CONSTRAINT app_user_has_a_role CHECK (cardinality(roles) > 0);
ALTER TABLE app_user DROP COLUMN role;
-- Bumped on disable, role change and password reset: tokens carrying an older version are refused.
ALTER TABLE app_user ADD COLUMN token_version integer NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN failed_logins integer NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN locked_until timestamptz;
ALTER TABLE app_user ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Villages (Kemendagri village codes) a village operator or field worker is limited to.
CREATE TABLE user_village (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  user_id      uuid NOT NULL REFERENCES app_user (id),
  village_code text NOT NULL REFERENCES region (code),
  PRIMARY KEY (tenant_id, user_id, village_code)
);
ALTER TABLE user_village ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_village FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON user_village
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));

-- Append-only, hash-chained per tenant: entry n stores the hash of entry n-1.
CREATE TABLE audit_log (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  seq          bigint NOT NULL,
  occurred_at  timestamptz NOT NULL,
  actor        text NOT NULL,
  roles        text NOT NULL,
  action       text NOT NULL,
  purpose      text NOT NULL,
  subject_hash text,
  fields       text NOT NULL,
  result       text NOT NULL,
  request_id   text NOT NULL,
  prev_hash    text NOT NULL,
  hash         text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_log_actor_idx ON audit_log (tenant_id, actor, occurred_at);
CREATE INDEX audit_log_action_idx ON audit_log (tenant_id, action, occurred_at);
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));

GRANT SELECT, INSERT, UPDATE, DELETE ON user_village TO ${appRole};
-- No UPDATE or DELETE: the application can only append to the audit log.
GRANT SELECT, INSERT ON audit_log TO ${appRole};
