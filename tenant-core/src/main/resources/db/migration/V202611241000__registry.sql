-- The registry: households (by KK) and their members (by NIK), the poverty criteria as typed
-- fields, the history of every change, and import jobs with their issues.

ALTER TABLE household
  ADD COLUMN iddtks                text,
  ADD COLUMN kk_encrypted          text,
  ADD COLUMN kk_index              text,
  ADD COLUMN kk_masked             text,
  ADD COLUMN dusun                 text,
  ADD COLUMN rt                    text,
  ADD COLUMN rw                    text,
  ADD COLUMN status                text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'INACTIVE', 'LEFT')),
  ADD COLUMN desil_source          text,
  ADD COLUMN desil_date            date,
  -- Poverty criteria (domain.md): monthly income in rupiah, food share of spending in percent, ...
  ADD COLUMN income                bigint CHECK (income >= 0),
  ADD COLUMN food_share            smallint CHECK (food_share BETWEEN 0 AND 100),
  ADD COLUMN health_access         boolean,
  ADD COLUMN buys_clothing         boolean,
  ADD COLUMN schooling             text,
  ADD COLUMN walls                 text,
  ADD COLUMN floor                 text,
  ADD COLUMN roof                  text,
  ADD COLUMN lighting              text,
  ADD COLUMN floor_area_per_person numeric(7, 1) CHECK (floor_area_per_person >= 0),
  ADD COLUMN drinking_water        text,
  ADD COLUMN source                text NOT NULL DEFAULT 'OPERATOR',
  ADD COLUMN row_hash              text,
  ADD COLUMN updated_at            timestamptz NOT NULL DEFAULT now();
CREATE UNIQUE INDEX household_iddtks_idx ON household (tenant_id, iddtks);
CREATE INDEX household_kk_idx ON household (tenant_id, kk_index);
CREATE INDEX household_village_idx ON household (tenant_id, village_code, address);

CREATE TABLE member (
  tenant_id     text NOT NULL REFERENCES tenant (id),
  id            uuid NOT NULL,
  household_id  uuid NOT NULL,
  -- The ministry's member id (id_art), else the household's iddtks and the NIK's blind index.
  source_key    text NOT NULL,
  nik_encrypted text,
  nik_index     text,
  nik_masked    text,
  full_name     text NOT NULL,
  -- Lower case, titles and punctuation removed, spaces collapsed: for tolerant name search.
  name_key      text NOT NULL,
  birth_place   text,
  birth_date    date,
  sex           char(1) CHECK (sex IN ('L', 'P')),
  relationship  text NOT NULL,
  mother_name   text,
  occupation    text,
  education     text,
  disability    text,
  status        text NOT NULL DEFAULT 'ALIVE' CHECK (status IN ('ALIVE', 'DECEASED', 'MOVED')),
  status_date   date,
  status_source text,
  row_hash      text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, household_id) REFERENCES household (tenant_id, id)
);
CREATE UNIQUE INDEX member_source_key_idx ON member (tenant_id, source_key);
CREATE INDEX member_nik_idx ON member (tenant_id, nik_index);
CREATE INDEX member_household_idx ON member (tenant_id, household_id);
CREATE INDEX member_name_idx ON member (tenant_id, name_key text_pattern_ops);

-- Every change to a household or member: who, when, why, from which source.
CREATE TABLE registry_change (
  tenant_id   text NOT NULL REFERENCES tenant (id),
  id          uuid NOT NULL,
  entity      text NOT NULL CHECK (entity IN ('HOUSEHOLD', 'MEMBER')),
  entity_id   uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('CREATED', 'UPDATED')),
  fields      text[] NOT NULL,
  source      text NOT NULL CHECK (source IN ('IMPORT', 'OPERATOR', 'FIELD_VISIT', 'DUKCAPIL')),
  reason      text,
  import_id   uuid,
  changed_by  text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX registry_change_entity_idx ON registry_change (tenant_id, entity_id, changed_at);

CREATE TABLE import_job (
  tenant_id          text NOT NULL REFERENCES tenant (id),
  id                 uuid NOT NULL,
  file_name          text NOT NULL,
  file_path          text,
  format             text NOT NULL CHECK (format IN ('CSV', 'XLSX')),
  mode               text NOT NULL CHECK (mode IN ('KEEP_GOOD_ROWS', 'ALL_OR_NOTHING')),
  status             text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'REJECTED', 'FAILED')),
  rows_total         bigint NOT NULL DEFAULT 0,
  rows_processed     bigint NOT NULL DEFAULT 0,
  rows_accepted      bigint NOT NULL DEFAULT 0,
  rows_rejected      bigint NOT NULL DEFAULT 0,
  warnings           bigint NOT NULL DEFAULT 0,
  households_created bigint NOT NULL DEFAULT 0,
  households_updated bigint NOT NULL DEFAULT 0,
  members_created    bigint NOT NULL DEFAULT 0,
  members_updated    bigint NOT NULL DEFAULT 0,
  message            text,
  requested_by       text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  started_at         timestamptz,
  finished_at        timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX import_job_status_idx ON import_job (status) WHERE status IN ('QUEUED', 'RUNNING');

CREATE TABLE import_issue (
  tenant_id   text NOT NULL REFERENCES tenant (id),
  import_id   uuid NOT NULL,
  seq         integer NOT NULL,
  line        bigint NOT NULL,
  column_name text,
  severity    text NOT NULL CHECK (severity IN ('ERROR', 'WARNING')),
  code        text NOT NULL,
  message     text NOT NULL,
  PRIMARY KEY (tenant_id, import_id, seq),
  FOREIGN KEY (tenant_id, import_id) REFERENCES import_job (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE member ENABLE ROW LEVEL SECURITY;
ALTER TABLE member FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
ALTER TABLE registry_change ENABLE ROW LEVEL SECURITY;
ALTER TABLE registry_change FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registry_change
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
ALTER TABLE import_job ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_job FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_job
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
ALTER TABLE import_issue ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_issue FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_issue
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));

GRANT SELECT, INSERT, UPDATE ON member, import_job TO ${appRole};
-- History is append-only for the application, like the audit log.
GRANT SELECT, INSERT ON registry_change, import_issue TO ${appRole};
-- Imports stage rows in a temporary table (COPY cannot write through row-level security).
GRANT TEMPORARY ON DATABASE "${flyway:database}" TO ${appRole};
CREATE INDEX registry_change_import_idx ON registry_change (tenant_id, import_id);
