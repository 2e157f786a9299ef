-- Exchanges with the ministry's file service (SIKS-NG): proposals sent (SEND_PROPOSALS, one file
-- of the households changed since a day, under a name fixed when asked, so a resend is the same
-- file) and fetches of the files the ministry offers (FETCH_FILES). Each file fetched is kept by
-- name and content hash: a file offered twice, or an older period offered after a newer one, is
-- imported once, into its own period.

CREATE TABLE ministry_exchange (
  tenant_id     text NOT NULL REFERENCES tenant (id),
  id            uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('SEND_PROPOSALS', 'FETCH_FILES')),
  status        text NOT NULL CHECK (status IN ('QUEUED', 'DONE', 'FAILED')),
  period        text CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
  changed_since timestamptz,
  file_name     text,
  receipt       text,
  rows_sent     integer,
  outcome       text[],
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  requested_by  text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  completed_at  timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX ministry_exchange_recent_idx ON ministry_exchange (tenant_id, created_at DESC);

CREATE TABLE ministry_file (
  tenant_id   text NOT NULL REFERENCES tenant (id),
  name        text NOT NULL,
  sha256      text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('DETERMINATION', 'RETURNED')),
  period      text NOT NULL,
  status      text NOT NULL CHECK (status IN ('IMPORTED', 'REJECTED')),
  rows_read   integer,
  changed     integer,
  rejected    integer,
  reason      text,
  exchange_id uuid NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

ALTER TABLE ministry_exchange ENABLE ROW LEVEL SECURITY;
ALTER TABLE ministry_exchange FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ministry_exchange
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
ALTER TABLE ministry_file ENABLE ROW LEVEL SECURITY;
ALTER TABLE ministry_file FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ministry_file
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON ministry_exchange TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON ministry_file TO ${appRole};
