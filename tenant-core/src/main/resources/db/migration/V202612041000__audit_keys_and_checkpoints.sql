-- The audit chain sealed with a key (HMAC-SHA256 under LUMBUNG_AUDIT_KEYS), and its head signed
-- outside the log's table, so a deleted tail or a recomputed chain is found by …/audit/verify.

-- The key that sealed an entry; NULL for entries sealed before keys (plain SHA-256).
ALTER TABLE audit_log ADD COLUMN key_id text;

-- Where each chain stood when keys came: only entries up to here may verify as plain SHA-256,
-- so a chain rewritten later as keyless entries is not taken for an old one.
CREATE TABLE audit_unkeyed_until (
  tenant_id text PRIMARY KEY REFERENCES tenant (id),
  seq       bigint NOT NULL
);
INSERT INTO audit_unkeyed_until (tenant_id, seq) SELECT tenant_id, max(seq) FROM audit_log GROUP BY tenant_id;
ALTER TABLE audit_unkeyed_until ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_unkeyed_until FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_unkeyed_until
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT ON audit_unkeyed_until TO ${appRole};

CREATE TABLE audit_checkpoint (
  tenant_id text NOT NULL REFERENCES tenant (id),
  seq       bigint NOT NULL,
  hash      text NOT NULL,
  key_id    text NOT NULL,
  signed_at timestamptz NOT NULL,
  signature text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
ALTER TABLE audit_checkpoint ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoint FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_checkpoint
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));

-- Like the log itself: the application appends and reads, never changes or deletes.
GRANT SELECT, INSERT ON audit_checkpoint TO ${appRole};
