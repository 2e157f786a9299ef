-- Verification of registry members against Dukcapil, element by element (CALL_VERIFY_BY_ELEMEN):
-- a batch per request (a village, or the whole registry), a row per member with what matched,
-- the fuzzy scores, and the fields that differ.

CREATE TABLE verification_batch (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  id           uuid NOT NULL,
  village_code text,
  total        integer NOT NULL,
  requested_by text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE member_verification (
  tenant_id     text NOT NULL REFERENCES tenant (id),
  id            uuid NOT NULL,
  batch_id      uuid NOT NULL,
  member_id     uuid NOT NULL,
  status        text NOT NULL CHECK (status IN ('QUEUED', 'DONE', 'FAILED')),
  result        text,
  deceased      boolean,
  name_score    smallint,
  differences   text[],
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  completed_at  timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES verification_batch (tenant_id, id)
);
CREATE INDEX member_verification_batch_idx ON member_verification (tenant_id, batch_id, status);

ALTER TABLE verification_batch ENABLE ROW LEVEL SECURITY;
ALTER TABLE verification_batch FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON verification_batch
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
ALTER TABLE member_verification ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_verification FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_verification
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT ON verification_batch TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON member_verification TO ${appRole};
