-- Personal data only with a reason (issue 16): a province admin sees its regencies' figures;
-- their households, members, proposals, payments, verifications, lists and exports only while an
-- access it opened for that regency — with a reason, for at most eight hours, read-only — runs.
-- The regency's DPO (and its admin and auditor) see every such access.

CREATE TABLE break_glass (
  tenant_id  text NOT NULL REFERENCES tenant (id),
  id         uuid NOT NULL,
  username   text NOT NULL,
  reason     text NOT NULL CHECK (length(reason) BETWEEN 20 AND 500),
  opened_at  timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  closed_at  timestamptz,
  PRIMARY KEY (tenant_id, id),
  CHECK (expires_at > opened_at AND expires_at <= opened_at + interval '8 hours')
);
CREATE INDEX break_glass_open_idx ON break_glass (tenant_id, username, expires_at);

ALTER TABLE break_glass ENABLE ROW LEVEL SECURITY;
ALTER TABLE break_glass FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON break_glass USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON break_glass TO ${appRole};

-- A grant that holds only while such an access runs.
ALTER TABLE role_permission DROP CONSTRAINT role_permission_reach_check;
ALTER TABLE role_permission ADD CONSTRAINT role_permission_reach_check
  CHECK (reach IN ('TENANT', 'VILLAGES', 'ASSIGNED', 'REASONED'));

UPDATE role_permission SET reach = 'REASONED'
WHERE role = 'PROVINCE_ADMIN'
  AND permission IN ('HOUSEHOLD_READ', 'REGISTRY_EXPORT', 'NIK_CHECK_READ', 'VERIFICATION_READ', 'STUDENT_READ',
                     'MINISTRY_READ', 'PROPOSAL_READ', 'PAYMENT_READ');

INSERT INTO role_permission (role, permission, reach) VALUES
  ('PROVINCE_ADMIN', 'BREAK_GLASS_OPEN', 'TENANT'),
  ('PROVINCE_ADMIN', 'BREAK_GLASS_READ', 'TENANT'),
  ('TENANT_ADMIN', 'BREAK_GLASS_READ', 'TENANT'),
  ('AUDITOR', 'BREAK_GLASS_READ', 'TENANT'),
  ('DPO', 'BREAK_GLASS_READ', 'TENANT');
