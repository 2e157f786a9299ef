-- Students from the school registry (Dapodik), as the education office's batch files (or a
-- school's pull) deliver them: for PIP/KIP checks and the "children at school" criterion. The
-- NIK is protected as everywhere; the NISN is the student's key.

CREATE TABLE student (
  tenant_id     text NOT NULL REFERENCES tenant (id),
  nisn          text NOT NULL,
  nik_encrypted text,
  nik_index     text,
  nik_masked    text,
  full_name     text NOT NULL,
  sex           char(1) CHECK (sex IN ('L', 'P')),
  birth_date    date,
  npsn          text NOT NULL,
  school_name   text,
  class_name    text,
  semester      text,
  source        text NOT NULL CHECK (source IN ('FILE', 'DAPODIK')),
  row_hash      text NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, nisn)
);
CREATE INDEX student_nik_idx ON student (tenant_id, nik_index);

ALTER TABLE student ENABLE ROW LEVEL SECURITY;
ALTER TABLE student FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON student
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON student TO ${appRole};
