-- Pulls of a school's students from its Dapodik web service (getPesertaDidik): one row per
-- school asked, queued through the outbox (agency DAPODIK), with what the answer held — students
-- read, changed, refused and why — once it is written.

CREATE TABLE student_pull (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  id           uuid NOT NULL,
  npsn         text NOT NULL,
  school_name  text,
  status       text NOT NULL CHECK (status IN ('QUEUED', 'DONE', 'FAILED')),
  students     integer,
  changed      integer,
  rejected     integer,
  issues       text[],
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text,
  requested_by text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX student_pull_recent_idx ON student_pull (tenant_id, created_at DESC);

ALTER TABLE student_pull ENABLE ROW LEVEL SECURITY;
ALTER TABLE student_pull FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON student_pull
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON student_pull TO ${appRole};
