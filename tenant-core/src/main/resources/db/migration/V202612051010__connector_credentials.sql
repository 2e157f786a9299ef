-- A regency's own credentials for an agency (issue 16), entered on its checklist page: sealed
-- with the NIK key (AES-GCM, the tenant's id as associated data), never shown back; "try the
-- connection" is an outbox message the worker answers (only the worker reaches agencies).
CREATE TABLE connector_credential (
  tenant_id           text NOT NULL REFERENCES tenant (id),
  agency              text NOT NULL CHECK (agency IN ('DUKCAPIL')),
  user_id_encrypted   text NOT NULL,
  password_encrypted  text NOT NULL,
  ip_user             text,
  set_by              text NOT NULL,
  set_at              timestamptz NOT NULL DEFAULT now(),
  -- The last "try the connection": WAITING until the worker answers, then OK, REFUSED or UNREACHABLE.
  try_id              uuid,
  try_outcome         text CHECK (try_outcome IN ('WAITING', 'OK', 'REFUSED', 'UNREACHABLE')),
  try_message         text,
  tried_at            timestamptz,
  PRIMARY KEY (tenant_id, agency)
);
ALTER TABLE connector_credential ENABLE ROW LEVEL SECURITY;
ALTER TABLE connector_credential FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connector_credential
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE, DELETE ON connector_credential TO ${appRole};

-- Entering them: who onboards a regency (the platform, its province) and the regency's admin.
INSERT INTO role_permission (role, permission, reach) VALUES
  ('PLATFORM_ADMIN', 'CONNECTOR_CONFIGURE', 'TENANT'),
  ('PROVINCE_ADMIN', 'CONNECTOR_CONFIGURE', 'TENANT'),
  ('TENANT_ADMIN', 'CONNECTOR_CONFIGURE', 'TENANT');
