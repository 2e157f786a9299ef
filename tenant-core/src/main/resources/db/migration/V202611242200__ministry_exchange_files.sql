-- What each fetch did with each file, kept as data (the pages say it in Bahasa Indonesia, the API
-- as fields), and which file each ministry record came from, so that a file the ministry
-- corrects (same name, new content) removes the records it no longer lists.

ALTER TABLE ministry_record ADD COLUMN source_file text;
CREATE INDEX ministry_record_source_idx ON ministry_record (tenant_id, source_file) WHERE source_file IS NOT NULL;

ALTER TABLE ministry_exchange DROP COLUMN outcome;
ALTER TABLE ministry_exchange ADD COLUMN files_skipped integer;
ALTER TABLE ministry_exchange ADD COLUMN received_earlier boolean;

CREATE TABLE ministry_exchange_file (
  tenant_id         text NOT NULL REFERENCES tenant (id),
  exchange_id       uuid NOT NULL,
  name              text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('DETERMINATION', 'RETURNED')),
  period            text NOT NULL,
  status            text NOT NULL CHECK (status IN ('IMPORTED', 'REFUSED', 'FAILED')),
  rows_read         integer,
  changed           integer,
  rejected          integer,
  unmatched         integer,
  already_corrected integer,
  removed           integer,
  reason            text,
  done_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, exchange_id, name),
  FOREIGN KEY (tenant_id, exchange_id) REFERENCES ministry_exchange (tenant_id, id)
);

ALTER TABLE ministry_exchange_file ENABLE ROW LEVEL SECURITY;
ALTER TABLE ministry_exchange_file FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ministry_exchange_file
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON ministry_exchange_file TO ${appRole};
GRANT DELETE ON ministry_record TO ${appRole};
