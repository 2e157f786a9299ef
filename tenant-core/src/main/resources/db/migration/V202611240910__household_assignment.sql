-- Households assigned to a field worker (PSM, TKSK, pendamping): the only ones they may see.
CREATE TABLE household_assignment (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  user_id      uuid NOT NULL REFERENCES app_user (id),
  household_id uuid NOT NULL,
  assigned_by  text NOT NULL,
  assigned_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id, household_id),
  FOREIGN KEY (tenant_id, household_id) REFERENCES household (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX household_assignment_household_idx ON household_assignment (tenant_id, household_id);
ALTER TABLE household_assignment ENABLE ROW LEVEL SECURITY;
ALTER TABLE household_assignment FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON household_assignment
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE, DELETE ON household_assignment TO ${appRole};
