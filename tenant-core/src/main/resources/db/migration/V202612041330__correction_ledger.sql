-- Corrections that stick: every correction and removal sent to the ministry, with its evidence.
-- When a later ministry list brings such a record back, the entry is flagged at once and a
-- resubmission is prepared for approval.
CREATE TABLE correction_ledger (
  tenant_id        text NOT NULL REFERENCES tenant (id),
  proposal_id      uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('CORRECTION', 'REMOVAL')),
  reason           text NOT NULL,
  household_id     uuid,
  nik_index        text,
  evidence_sha256  text,
  period           text NOT NULL,
  sent_at          timestamptz NOT NULL DEFAULT now(),
  came_back_period text,
  came_back_at     timestamptz,
  came_back_as     text,
  resubmission_id  uuid,
  PRIMARY KEY (tenant_id, proposal_id),
  FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposal (tenant_id, id)
);
CREATE INDEX correction_ledger_household_idx ON correction_ledger (tenant_id, household_id);
CREATE INDEX correction_ledger_nik_idx ON correction_ledger (tenant_id, nik_index);
ALTER TABLE correction_ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE correction_ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON correction_ledger
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON correction_ledger TO ${appRole};
CREATE INDEX ministry_record_household_idx ON ministry_record (tenant_id, kind, period, household_id);
CREATE INDEX ministry_record_nik_idx ON ministry_record (tenant_id, kind, period, nik_index);
