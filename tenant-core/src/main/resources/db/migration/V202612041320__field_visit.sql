-- A field visit of a proposal: the verification checklist as the field worker filled it in (on a
-- phone, maybe offline for hours), its proxy-means score and desil estimate with the version of
-- the weights that made them. The device's idempotency key makes a resend land once.
CREATE TABLE field_visit (
  tenant_id        text NOT NULL REFERENCES tenant (id),
  id               uuid NOT NULL,
  proposal_id      uuid NOT NULL,
  idempotency_key  uuid NOT NULL,
  visited_by       text NOT NULL,
  visited_at       timestamptz NOT NULL,
  received_at      timestamptz NOT NULL DEFAULT now(),
  answers          text NOT NULL,
  members_present  integer NOT NULL CHECK (members_present BETWEEN 0 AND 50),
  latitude         double precision,
  longitude        double precision,
  photo_sha256     text,
  score            integer NOT NULL,
  desil            integer NOT NULL CHECK (desil BETWEEN 1 AND 10),
  weights_version  text NOT NULL,
  note             text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, idempotency_key),
  FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposal (tenant_id, id),
  FOREIGN KEY (tenant_id, photo_sha256) REFERENCES stored_file (tenant_id, sha256)
);
CREATE INDEX field_visit_proposal_idx ON field_visit (tenant_id, proposal_id);
ALTER TABLE field_visit ENABLE ROW LEVEL SECURITY;
ALTER TABLE field_visit FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON field_visit
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT ON field_visit TO ${appRole};
