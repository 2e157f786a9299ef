-- The rows an import refused, as the file had them (encrypted with the tenant's key: they hold
-- NIKs in full), so the operator can download them with their reasons, fix them in Excel and
-- import them again. The first 10,000 refused rows of an import are kept, like its issues.
ALTER TABLE import_job ADD COLUMN refused_header text;

CREATE TABLE import_refused_row (
  tenant_id          text NOT NULL REFERENCES tenant (id),
  import_id          uuid NOT NULL,
  line               bigint NOT NULL,
  fields_encrypted   text NOT NULL,
  PRIMARY KEY (tenant_id, import_id, line),
  FOREIGN KEY (tenant_id, import_id) REFERENCES import_job (tenant_id, id) ON DELETE CASCADE
);
ALTER TABLE import_refused_row ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_refused_row FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_refused_row
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT ON import_refused_row TO ${appRole};
