-- The audit chain sealed with a key (HMAC-SHA256 under LUMBUNG_AUDIT_KEYS), and its head signed
-- outside the log's table, so a deleted tail or a recomputed chain is found by …/audit/verify.

-- The key that sealed an entry; NULL for entries sealed before keys (plain SHA-256), which still
-- verify so, but only before the first keyed entry of their chain.
ALTER TABLE audit_log ADD COLUMN key_id text;

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
