-- A province's view of its regencies, pre-aggregated (decision 0023): the figures of each village
-- of each tenant and of the tenant as a whole, recomputed for a tenant only when something of it
-- changed, so that a dashboard over 514 regencies reads a few thousand rows however large their
-- registries are. No personal data: counts only.

CREATE TABLE village_figure (
  tenant_id       text NOT NULL REFERENCES tenant (id),
  village_code    text NOT NULL,
  district_code   text NOT NULL,
  households      integer NOT NULL,   -- active households
  people          integer NOT NULL,   -- their living members (a record merged into another not counted)
  -- Households by desil 1 to 10, then those without one: eleven counts, comma-separated.
  desil           text NOT NULL,
  with_nik        integer NOT NULL,   -- living members with a NIK
  verified        integer NOT NULL,   -- living members Dukcapil answered about (their latest verification)
  matching        integer NOT NULL,   -- … found by Dukcapil, alive, every element the same
  without_head    integer NOT NULL,   -- active households without exactly one living head
  open_duplicates integer NOT NULL,   -- living members in an undecided cluster of the latest search for duplicates
  open_proposals  integer NOT NULL,   -- proposals on their way (submitted to sent)
  quality         double precision,   -- the data-quality score, 0 to 100; NULL without people
  PRIMARY KEY (tenant_id, village_code)
);

CREATE TABLE tenant_figure (
  tenant_id            text PRIMARY KEY REFERENCES tenant (id),
  computed_at          timestamptz NOT NULL,
  households           integer NOT NULL,
  people               integer NOT NULL,
  desil                text NOT NULL,
  with_nik             integer NOT NULL,
  verified             integer NOT NULL,
  matching             integer NOT NULL,
  without_head         integer NOT NULL,
  open_duplicates      integer NOT NULL,
  quality              double precision,
  -- Proposals by state: "SUBMITTED=3,CHECKING=1" (states with none left out).
  proposals            text NOT NULL,
  oldest_open_since    timestamptz,        -- the longest-waiting proposal on its way: since when
  median_wait_days     double precision,   -- how long proposals on their way have waited in their state
  slowest_step         text,               -- the approval step deciding slowest on average …
  slowest_step_hours   double precision,   -- … and its average wait
  verification_backlog integer NOT NULL,   -- members queued for Dukcapil + findings of synchronisations waiting
  duplicate_runs       integer NOT NULL,
  duplicates_found     integer,            -- clusters of the latest search (NULL: never searched)
  duplicates_resolved  integer,            -- … of which decided
  corrections_sent     integer NOT NULL,
  corrections_back     integer NOT NULL,   -- corrections the ministry sent back again
  payments             integer NOT NULL,
  payments_succeeded   integer NOT NULL,
  payments_failed      integer NOT NULL,
  dead_letters         integer NOT NULL,   -- agency messages given up, not yet retried
  paused_connectors    integer NOT NULL,
  users                integer NOT NULL,   -- enabled accounts
  last_import_at       timestamptz,        -- the last registry import that succeeded
  last_verification_at timestamptz         -- the last verification asked
);

-- The data-quality score over time: a row when a village's or tenant's score changed on a day
-- (village_code '' is the tenant as a whole); a day without a row kept the score before it.
CREATE TABLE quality_snapshot (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  village_code text NOT NULL,
  day          date NOT NULL,
  quality      double precision,
  people       integer NOT NULL,
  PRIMARY KEY (tenant_id, village_code, day)
);

-- The data-quality score (decision 0023), 0 to 100: how much of a village's data can be trusted.
-- 30 % members with a NIK, 30 % members Dukcapil confirmed (found, alive, every element equal),
-- 20 % members not in an undecided duplicate, 10 % households with exactly one living head, 10 %
-- households with a desil. NULL where nobody is registered.
CREATE FUNCTION lumbung_quality(people bigint, households bigint, with_nik bigint, matching bigint,
                                open_duplicates bigint, without_head bigint, desil_known bigint)
RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN people <= 0 OR households <= 0 THEN NULL ELSE round(100 * (
      0.30 * with_nik::numeric / people
    + 0.30 * matching::numeric / people
    + 0.20 * (1 - least(open_duplicates, people)::numeric / people)
    + 0.10 * (1 - least(without_head, households)::numeric / households)
    + 0.10 * desil_known::numeric / households), 1)::double precision END
$$;

-- Marks of change: a row per statement writing what the figures count (unless the tenant has an
-- unread mark already), taken (deleted) by the refresh. No key a writer could contend for (the id
-- comes from an identity), so a writer never waits on another's uncommitted mark; a mark becomes
-- visible when its change commits, so a change committed while the refresh ran leaves its mark
-- for the next refresh.
CREATE TABLE figure_change (
  tenant_id text NOT NULL,
  id        bigint GENERATED ALWAYS AS IDENTITY,
  at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['village_figure', 'tenant_figure', 'quality_snapshot', 'figure_change'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = ANY (lumbung_allowed_tenants()))'
                   ' WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()))', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON village_figure, tenant_figure TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON quality_snapshot TO ${appRole};
GRANT SELECT, INSERT, DELETE ON figure_change TO ${appRole};

-- The tenants of the writing transaction (row-level security's own setting): no transition table,
-- so a million-row import pays one insert, not a copy of its rows.
CREATE FUNCTION lumbung_figures_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figure_change (tenant_id)
  SELECT t FROM unnest(lumbung_allowed_tenants()) t
  WHERE t <> '' AND NOT EXISTS (SELECT 1 FROM figure_change c WHERE c.tenant_id = t);
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['household', 'member', 'proposal', 'member_verification', 'duplicate_run',
                           'duplicate_cluster', 'correction_ledger', 'disbursement', 'dead_letter',
                           'civil_sync_item', 'connector_pause', 'approval_decision', 'import_job'] LOOP
    EXECUTE format('CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON %I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION lumbung_figures_changed()', t);
  END LOOP;
END $$;

-- Reading the figures: a province admin (its regencies), a platform admin (for onboarding), and
-- in a regency those who run it. Counts only, no personal data.
INSERT INTO role_permission (role, permission, reach) VALUES
  ('PLATFORM_ADMIN', 'FIGURES_READ', 'TENANT'),
  ('PROVINCE_ADMIN', 'FIGURES_READ', 'TENANT'),
  ('TENANT_ADMIN', 'FIGURES_READ', 'TENANT'),
  ('VERIFIER', 'FIGURES_READ', 'TENANT'),
  ('APPROVER', 'FIGURES_READ', 'TENANT'),
  ('AUDITOR', 'FIGURES_READ', 'TENANT'),
  ('DPO', 'FIGURES_READ', 'TENANT');

GRANT EXECUTE ON FUNCTION lumbung_quality(bigint, bigint, bigint, bigint, bigint, bigint, bigint) TO ${appRole};
