-- What the ministry (Kemensos, SIKS-NG) sends back as files: the monthly determination list
-- (penetapan) and the records it returned (dikembalikan) with its reason. Kept once per kind,
-- period and record id — the same file again changes nothing — and matched to the registry.

CREATE TABLE ministry_record (
  tenant_id         text NOT NULL REFERENCES tenant (id),
  kind              text NOT NULL CHECK (kind IN ('DETERMINATION', 'RETURNED')),
  period            text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
  record_id         text NOT NULL,
  iddtks            text,
  nik_index         text,
  nik_masked        text,
  full_name         text,
  programme         text,
  desil             smallint,
  reason            text,
  household_id      uuid,
  member_id         uuid,
  already_corrected boolean NOT NULL DEFAULT false,
  row_hash          text NOT NULL,
  imported_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, kind, period, record_id)
);

ALTER TABLE ministry_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE ministry_record FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ministry_record
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON ministry_record TO ${appRole};
