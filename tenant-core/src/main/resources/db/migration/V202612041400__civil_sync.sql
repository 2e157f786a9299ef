-- Synchronisation with the civil registry (Kendari's "7,000 records to fix"): a run looks at every
-- member of the registry (or of a village) locally first — the NIK's own birth date, sex and
-- region against the record, names with a spelling no one else in the regency has, adults without
-- a NIK, households without a living head, rows the last import refused — and asks Dukcapil only
-- about what it suspects, at the agency's rate. Each suspect becomes an item that is either
-- resolved automatically (the registry corrected to Dukcapil's value, in its history) or waits for
-- a person with the fields that differ, side by side.
CREATE TABLE civil_sync (
  tenant_id     text NOT NULL REFERENCES tenant (id),
  id            uuid NOT NULL,
  village_code  text,
  members       integer NOT NULL,
  requested_by  text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX civil_sync_created_idx ON civil_sync (tenant_id, created_at, id);

CREATE TABLE civil_sync_item (
  tenant_id     text NOT NULL REFERENCES tenant (id),
  id            uuid NOT NULL,
  sync_id       uuid NOT NULL,
  -- What the item is about: a member, a household, or a line of the import that refused it.
  member_id     uuid,
  household_id  uuid,
  village_code  text,
  import_line   bigint,
  full_name     text,
  nik_masked    text,
  reason        text NOT NULL,
  state         text NOT NULL CHECK (state IN ('ASKING', 'RESOLVED', 'WAITING')),
  outcome       text,
  -- Dukcapil calls still to be answered (a NIK and the variants that could be it).
  pending       integer NOT NULL DEFAULT 0 CHECK (pending >= 0),
  -- [{"field": "name", "here": "…", "dukcapil": "…"}]: NIK and KK masked.
  differences   text NOT NULL DEFAULT '[]',
  proposal_id   uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, sync_id) REFERENCES civil_sync (tenant_id, id)
);
CREATE INDEX civil_sync_item_sync_idx ON civil_sync_item (tenant_id, sync_id, created_at, id);
CREATE INDEX civil_sync_item_asking_idx ON civil_sync_item (tenant_id) WHERE state = 'ASKING';

ALTER TABLE civil_sync ENABLE ROW LEVEL SECURITY;
ALTER TABLE civil_sync FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON civil_sync
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
ALTER TABLE civil_sync_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE civil_sync_item FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON civil_sync_item
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT ON civil_sync TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON civil_sync_item TO ${appRole};
