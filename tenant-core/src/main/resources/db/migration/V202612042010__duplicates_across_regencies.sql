-- The same person registered in two regencies: a province admin's search across the regencies
-- of its province (PROVINCE) or across every regency, keeping only the persons with a member in
-- the province (NATIONAL). These tables belong to a province, not to a tenant: they hold member
-- ids ("tenant/member"), regency ids, probabilities and reasons — never a name or a NIK, which
-- are read from each regency's own rows, and only for a caller allowed to read them there.
CREATE TABLE cross_duplicate_run (
  province_id       text NOT NULL,
  id                uuid NOT NULL,
  scope             text NOT NULL CHECK (scope IN ('PROVINCE', 'NATIONAL')),
  status            text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
  stage             text NOT NULL DEFAULT 'reading',
  tenants           integer NOT NULL,
  records           integer NOT NULL DEFAULT 0,
  compared          bigint NOT NULL DEFAULT 0,
  clusters          integer NOT NULL DEFAULT 0,
  review            integer NOT NULL DEFAULT 0,
  match_threshold   double precision NOT NULL,
  review_threshold  double precision NOT NULL,
  model             text,
  error             text,
  requested_by      text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  finished_at       timestamptz,
  PRIMARY KEY (province_id, id)
);
CREATE INDEX cross_duplicate_run_created_idx ON cross_duplicate_run (province_id, created_at, id);

CREATE TABLE cross_duplicate_cluster (
  province_id  text NOT NULL,
  id           uuid NOT NULL,
  run_id       uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('MATCH', 'REVIEW')),
  -- "tenant/member" of each record found to be one person, comma-separated.
  member_ids   text NOT NULL,
  probability  double precision NOT NULL,
  reasons      text NOT NULL,
  -- SAME: one person registered in two regencies (for the regencies to settle by a transfer);
  -- NOT_SAME: two people (remembered: no later search joins them).
  state        text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'SAME', 'NOT_SAME')),
  decided_by   text,
  decided_at   timestamptz,
  effects      text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (province_id, id),
  FOREIGN KEY (province_id, run_id) REFERENCES cross_duplicate_run (province_id, id)
);
CREATE INDEX cross_duplicate_cluster_run_idx ON cross_duplicate_cluster (province_id, run_id, created_at, id);

-- Records of two regencies someone said are two people ("tenant/member", the smaller first).
CREATE TABLE identity_not_same_across (
  member_a    text NOT NULL,
  member_b    text NOT NULL CHECK (member_a < member_b),
  decided_by  text NOT NULL,
  decided_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (member_a, member_b)
);

GRANT SELECT, INSERT, UPDATE ON cross_duplicate_run, cross_duplicate_cluster TO ${appRole};
GRANT SELECT, INSERT, DELETE ON identity_not_same_across TO ${appRole};

INSERT INTO role_permission (role, permission, reach) VALUES
  ('PROVINCE_ADMIN', 'DUPLICATE_ACROSS', 'TENANT');
