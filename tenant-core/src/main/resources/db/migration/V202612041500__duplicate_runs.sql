-- Identity resolution within a tenant: a run compares every living member with the others
-- (blocking, Fellegi-Sunter weights estimated from the data) and lists the persons found more
-- than once, each with why, for a person to decide: the same person kept as listed, merged into
-- one record (reversible), or not the same person (remembered, so no later run asks again).
CREATE TABLE duplicate_run (
  tenant_id         text NOT NULL REFERENCES tenant (id),
  id                uuid NOT NULL,
  status            text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
  stage             text NOT NULL DEFAULT 'reading',
  records           integer NOT NULL DEFAULT 0,
  compared          bigint NOT NULL DEFAULT 0,
  clusters          integer NOT NULL DEFAULT 0,
  review            integer NOT NULL DEFAULT 0,
  match_threshold   double precision NOT NULL,
  review_threshold  double precision NOT NULL,
  -- The estimated weights (m and u of every field's levels), for the record.
  model             text,
  error             text,
  requested_by      text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  finished_at       timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX duplicate_run_created_idx ON duplicate_run (tenant_id, created_at, id);

CREATE TABLE duplicate_cluster (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  id           uuid NOT NULL,
  run_id       uuid NOT NULL,
  -- MATCH: at or above the match threshold; REVIEW: a pair between the review and match thresholds.
  kind         text NOT NULL CHECK (kind IN ('MATCH', 'REVIEW')),
  -- The members found to be one person: their ids, comma-separated.
  member_ids   text NOT NULL,
  probability  double precision NOT NULL,
  -- [{"field": "NIK", "level": "sama", "weight": 22.1}, …] of the cluster's weakest pair.
  reasons      text NOT NULL,
  state        text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'KEPT', 'MERGED', 'NOT_SAME')),
  kept_member  uuid,
  decided_by   text,
  decided_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES duplicate_run (tenant_id, id)
);
CREATE INDEX duplicate_cluster_run_idx ON duplicate_cluster (tenant_id, run_id, created_at, id);

-- Pairs a person said are two people: later runs never join them again.
CREATE TABLE identity_not_same (
  tenant_id   text NOT NULL REFERENCES tenant (id),
  member_a    uuid NOT NULL,
  member_b    uuid NOT NULL CHECK (member_a < member_b),
  decided_by  text NOT NULL,
  decided_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, member_a, member_b)
);

-- A merged member points at the record kept for the person; undoing the merge clears it.
ALTER TABLE member ADD COLUMN duplicate_of uuid;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['duplicate_run', 'duplicate_cluster', 'identity_not_same'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = ANY (lumbung_allowed_tenants()))'
                   ' WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()))', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON duplicate_run, duplicate_cluster TO ${appRole};
GRANT SELECT, INSERT, DELETE ON identity_not_same TO ${appRole};

-- The verbs (id.lumbung.core.access.Permission).
INSERT INTO role_permission (role, permission, reach) VALUES
  ('TENANT_ADMIN', 'DUPLICATE_RUN', 'TENANT'),
  ('TENANT_ADMIN', 'DUPLICATE_DECIDE', 'TENANT'),
  ('VERIFIER', 'DUPLICATE_RUN', 'TENANT'),
  ('VERIFIER', 'DUPLICATE_DECIDE', 'TENANT'),
  ('DPO', 'DUPLICATE_RUN', 'TENANT');
