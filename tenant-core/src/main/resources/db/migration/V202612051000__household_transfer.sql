-- A family that moved to another regency (issue 16): the origin closes its household (LEFT) and
-- the destination opens a copy awaiting its verification (PENDING) in the same transaction; the
-- destination accepts (ACTIVE) or refuses (the origin's household is ACTIVE again), the origin
-- may withdraw while it waits. At every moment the family is registered (ACTIVE) in at most one
-- of the two and is never in neither without a transfer waiting for it.
ALTER TABLE household DROP CONSTRAINT household_status_check;
ALTER TABLE household ADD CONSTRAINT household_status_check
  CHECK (status IN ('ACTIVE', 'INACTIVE', 'LEFT', 'PENDING'));
ALTER TABLE registry_change DROP CONSTRAINT registry_change_source_check;
ALTER TABLE registry_change ADD CONSTRAINT registry_change_source_check
  CHECK (source IN ('IMPORT', 'OPERATOR', 'FIELD_VISIT', 'DUKCAPIL', 'TRANSFER'));

-- A transfer belongs to two tenants: each sees it (row-level security on either side); writing it
-- needs both in the transaction's scope. No cross-tenant foreign key (issue 17: Citus).
CREATE TABLE household_transfer (
  id                       uuid PRIMARY KEY,
  origin_tenant_id         text NOT NULL,
  origin_household_id      uuid NOT NULL,
  destination_tenant_id    text NOT NULL,
  destination_household_id uuid NOT NULL,
  destination_village      text NOT NULL,
  head_name                text NOT NULL,
  members                  integer NOT NULL,
  reason                   text NOT NULL,
  state                    text NOT NULL DEFAULT 'PENDING'
                           CHECK (state IN ('PENDING', 'ACCEPTED', 'REFUSED', 'WITHDRAWN')),
  requested_by             text NOT NULL,
  created_at               timestamptz NOT NULL DEFAULT now(),
  decided_by               text,
  decided_at               timestamptz,
  decision_note            text,
  CHECK (origin_tenant_id <> destination_tenant_id)
);
-- One transfer waits per household at a time.
CREATE UNIQUE INDEX household_transfer_pending_idx ON household_transfer (origin_tenant_id, origin_household_id)
  WHERE state = 'PENDING';
CREATE INDEX household_transfer_origin_idx ON household_transfer (origin_tenant_id, created_at);
CREATE INDEX household_transfer_destination_idx ON household_transfer (destination_tenant_id, created_at);
ALTER TABLE household_transfer ENABLE ROW LEVEL SECURITY;
ALTER TABLE household_transfer FORCE ROW LEVEL SECURITY;
CREATE POLICY either_side ON household_transfer
  USING (origin_tenant_id = ANY (lumbung_allowed_tenants()) OR destination_tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (origin_tenant_id = ANY (lumbung_allowed_tenants())
              AND destination_tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON household_transfer TO ${appRole};

INSERT INTO role_permission (role, permission, reach) VALUES
  ('TENANT_ADMIN', 'HOUSEHOLD_TRANSFER', 'TENANT'),
  ('VERIFIER', 'HOUSEHOLD_TRANSFER', 'TENANT');
