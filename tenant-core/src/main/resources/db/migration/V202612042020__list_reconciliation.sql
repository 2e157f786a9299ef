-- Another list (P3KE, a DTSEN extract, a programme's beneficiaries) set beside the registry:
-- each of its persons found here (BOTH, with a decile conflict flagged), not found (ONLY_THERE),
-- or to be looked at (REVIEW: a likely match below the match threshold); each living member of
-- the registry the list does not name (ONLY_HERE). Matched by the identity engine, not by NIK
-- alone: a NIK typed wrong or missing on either side still finds its person.
CREATE TABLE list_reconciliation (
  tenant_id        text NOT NULL REFERENCES tenant (id),
  id               uuid NOT NULL,
  name             text NOT NULL,
  file_name        text,
  status           text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
  stage            text NOT NULL DEFAULT 'reading',
  rows             integer NOT NULL,
  rejected         integer NOT NULL,
  -- The first 1,000 refused rows: [{"line": 7, "column": "tanggal_lahir", "code": …, "message": …}].
  issues           text NOT NULL,
  their_records    integer NOT NULL,
  our_records      integer NOT NULL DEFAULT 0,
  both_lists       integer NOT NULL DEFAULT 0,
  only_here        integer NOT NULL DEFAULT 0,
  only_there       integer NOT NULL DEFAULT 0,
  review           integer NOT NULL DEFAULT 0,
  desil_conflicts  integer NOT NULL DEFAULT 0,
  error            text,
  requested_by     text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX list_reconciliation_created_idx ON list_reconciliation (tenant_id, created_at, id);

CREATE TABLE list_reconciliation_item (
  tenant_id          text NOT NULL REFERENCES tenant (id),
  id                 uuid NOT NULL,
  reconciliation_id  uuid NOT NULL,
  outcome            text NOT NULL CHECK (outcome IN ('BOTH', 'ONLY_HERE', 'ONLY_THERE', 'REVIEW')),
  desil_conflict     boolean NOT NULL DEFAULT false,
  -- The list's rows by line ("L000000007"), then the registry's members by name ("R…").
  position           text NOT NULL,
  line               bigint,
  their_name         text,
  their_nik_masked   text,
  their_birth_date   date,
  their_village      text,
  their_desil        smallint,
  member_id          uuid,
  household_id       uuid,
  our_desil          smallint,
  probability        double precision,
  reasons            text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, reconciliation_id) REFERENCES list_reconciliation (tenant_id, id)
);
CREATE INDEX list_reconciliation_item_idx
  ON list_reconciliation_item (tenant_id, reconciliation_id, outcome, position, id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['list_reconciliation', 'list_reconciliation_item'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = ANY (lumbung_allowed_tenants()))'
                   ' WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()))', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON list_reconciliation, list_reconciliation_item TO ${appRole};

INSERT INTO role_permission (role, permission, reach) VALUES
  ('TENANT_ADMIN', 'LIST_RECONCILE', 'TENANT'),
  ('VERIFIER', 'LIST_RECONCILE', 'TENANT'),
  ('DPO', 'LIST_RECONCILE', 'TENANT');
