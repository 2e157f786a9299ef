-- Connectors: messages that exhausted their attempts (dead letters), connectors paused for a
-- tenant (bad credentials until an operator resumes; quota or access hours until the window
-- reopens), and each tenant's daily use of an agency (our own quota, shared fairly).

CREATE TABLE dead_letter (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  id           uuid NOT NULL,             -- the outbox message's id
  agency       text NOT NULL,
  kind         text NOT NULL,
  aggregate_id uuid NOT NULL,
  attempts     integer NOT NULL,
  reason       text NOT NULL,
  failed_at    timestamptz NOT NULL DEFAULT now(),
  retried_at   timestamptz,
  retried_by   text,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX dead_letter_open_idx ON dead_letter (agency, tenant_id) WHERE retried_at IS NULL;

CREATE TABLE connector_pause (
  tenant_id    text NOT NULL REFERENCES tenant (id),
  agency       text NOT NULL,
  reason       text NOT NULL CHECK (reason IN ('CONFIGURATION', 'QUOTA', 'OUTSIDE_HOURS', 'OPERATOR')),
  message      text NOT NULL,
  paused_until timestamptz,               -- NULL: until an operator resumes it
  paused_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, agency)
);

CREATE TABLE connector_usage (
  tenant_id text NOT NULL REFERENCES tenant (id),
  agency    text NOT NULL,
  day       date NOT NULL,
  calls     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, agency, day)
);

-- The outbox by state, for queue depths and throughput per agency and tenant.
CREATE INDEX outbox_agency_status_idx ON outbox (agency, tenant_id, status);
CREATE INDEX outbox_completed_idx ON outbox (agency, completed_at) WHERE status = 'DONE';

ALTER TABLE dead_letter ENABLE ROW LEVEL SECURITY;
ALTER TABLE dead_letter FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dead_letter
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
ALTER TABLE connector_pause ENABLE ROW LEVEL SECURITY;
ALTER TABLE connector_pause FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connector_pause
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
ALTER TABLE connector_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE connector_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connector_usage
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON dead_letter, connector_usage TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON connector_pause TO ${appRole};
