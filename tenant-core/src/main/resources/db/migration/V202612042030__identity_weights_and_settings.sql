-- The weights a run estimated, as MatchModel.write() keeps them: one new record (a proposal, a
-- lookup) is scored with its tenant's latest weights without running the whole registry again.
ALTER TABLE duplicate_run ADD COLUMN weights text;

-- A tenant's thresholds for identity resolution (absent: the platform's configuration).
CREATE TABLE identity_setting (
  tenant_id         text NOT NULL REFERENCES tenant (id),
  match_threshold   double precision NOT NULL,
  review_threshold  double precision NOT NULL,
  updated_by        text NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id),
  CHECK (review_threshold > 0 AND review_threshold <= match_threshold AND match_threshold < 1)
);
ALTER TABLE identity_setting ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_setting FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON identity_setting USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON identity_setting TO ${appRole};

INSERT INTO role_permission (role, permission, reach) VALUES
  ('TENANT_ADMIN', 'IDENTITY_SETTINGS', 'TENANT');
