-- The DTKS cycle (Permensos 3/2021) as work: proposals (usulan) agreed in a village meeting
-- (musyawarah desa/kelurahan), checked, verified in the field, approved by each tenant's own chain
-- of officials in batches, sent to the ministry and determined. Every transition is an event
-- with who did it (and for whom, under a delegation).

CREATE TABLE stored_file (
  tenant_id     text NOT NULL REFERENCES tenant (id),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content_type  text NOT NULL,
  size_bytes    bigint NOT NULL,
  stored_by     text NOT NULL,
  stored_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sha256)
);

CREATE TABLE musyawarah (
  tenant_id       text NOT NULL REFERENCES tenant (id),
  id              uuid NOT NULL,
  village_code    text NOT NULL,
  held_on         date NOT NULL,
  place           text NOT NULL,
  attendees       integer NOT NULL CHECK (attendees > 0),
  minutes_sha256  text NOT NULL,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, minutes_sha256) REFERENCES stored_file (tenant_id, sha256)
);

CREATE TABLE approval_batch (
  tenant_id       text NOT NULL REFERENCES tenant (id),
  id              uuid NOT NULL,
  title           text NOT NULL,
  state           text NOT NULL CHECK (state IN ('IN_APPROVAL', 'APPROVED', 'SENT')),
  next_position   integer NOT NULL,
  proposals       integer NOT NULL,
  list_sha256     text NOT NULL,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  step_since      timestamptz NOT NULL DEFAULT now(),
  exchange_id     uuid,
  sent_by         text,
  sent_at         timestamptz,
  version         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX approval_batch_newest_idx ON approval_batch (tenant_id, created_at DESC, id DESC);

CREATE TABLE proposal (
  tenant_id       text NOT NULL REFERENCES tenant (id),
  id              uuid NOT NULL,
  receipt         text NOT NULL,
  village_code    text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('ADD', 'CHANGE', 'REMOVE')),
  reason          text NOT NULL,
  source          text NOT NULL CHECK (source IN ('OPERATOR', 'CITIZEN', 'LIFE_EVENT', 'RESUBMISSION')),
  household_id    uuid,
  musyawarah_id   uuid,
  head_name       text NOT NULL,
  address         text NOT NULL,
  kk_encrypted    text,
  kk_index        text,
  kk_masked       text,
  nik_encrypted   text,
  nik_index       text,
  nik_masked      text,
  note            text,
  evidence_sha256 text,
  state           text NOT NULL CHECK (state IN ('DRAFT', 'SUBMITTED', 'CHECKING', 'FIELD_VERIFICATION',
                    'VERIFIED', 'REJECTED', 'APPROVED', 'SENT', 'DETERMINED', 'RETURNED', 'WITHDRAWN')),
  checks          text,
  assigned_to     text,
  batch_id        uuid,
  desil_estimate  integer,
  version         integer NOT NULL DEFAULT 0,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  state_since     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, receipt),
  FOREIGN KEY (tenant_id, household_id) REFERENCES household (tenant_id, id),
  FOREIGN KEY (tenant_id, musyawarah_id) REFERENCES musyawarah (tenant_id, id),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES approval_batch (tenant_id, id),
  FOREIGN KEY (tenant_id, evidence_sha256) REFERENCES stored_file (tenant_id, sha256)
);
CREATE INDEX proposal_newest_idx ON proposal (tenant_id, created_at DESC, id DESC);
CREATE INDEX proposal_state_idx ON proposal (tenant_id, state, village_code);
CREATE INDEX proposal_batch_idx ON proposal (tenant_id, batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX proposal_nik_idx ON proposal (tenant_id, nik_index);
CREATE INDEX proposal_kk_idx ON proposal (tenant_id, kk_index);

CREATE TABLE proposal_event (
  tenant_id     text NOT NULL REFERENCES tenant (id),
  proposal_id   uuid NOT NULL,
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  command       text NOT NULL,
  from_state    text,
  to_state      text NOT NULL,
  actor         text NOT NULL,
  on_behalf_of  text,
  at            timestamptz NOT NULL DEFAULT clock_timestamp(),
  waited_ms     bigint NOT NULL DEFAULT 0,
  note          text,
  PRIMARY KEY (tenant_id, proposal_id, seq),
  FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposal (tenant_id, id) ON DELETE CASCADE
);

-- Each tenant's chain of approval, step by step: the role that decides at each position.
CREATE TABLE approval_step (
  tenant_id  text NOT NULL REFERENCES tenant (id),
  position   integer NOT NULL CHECK (position BETWEEN 1 AND 9),
  role       text NOT NULL,
  label      text NOT NULL,
  PRIMARY KEY (tenant_id, position)
);

CREATE TABLE approval_decision (
  tenant_id     text NOT NULL REFERENCES tenant (id),
  batch_id      uuid NOT NULL,
  position      integer NOT NULL,
  role          text NOT NULL,
  label         text NOT NULL,
  decided_by    text NOT NULL,
  on_behalf_of  text,
  decided_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  waited_ms     bigint NOT NULL,
  list_sha256   text NOT NULL,
  PRIMARY KEY (tenant_id, batch_id, position),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES approval_batch (tenant_id, id)
);

-- An official away: another user decides in their place, between two times, audited.
CREATE TABLE delegation (
  tenant_id   text NOT NULL REFERENCES tenant (id),
  id          uuid NOT NULL,
  from_user   text NOT NULL,
  to_user     text NOT NULL CHECK (to_user <> from_user),
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
  reason      text NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX delegation_to_idx ON delegation (tenant_id, to_user, ends_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['stored_file', 'musyawarah', 'approval_batch', 'proposal', 'proposal_event',
                           'approval_step', 'approval_decision', 'delegation'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = ANY (lumbung_allowed_tenants()))'
                   ' WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()))', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT ON stored_file, musyawarah, proposal_event, approval_decision TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON proposal, approval_batch, delegation TO ${appRole};
GRANT SELECT, INSERT, DELETE ON approval_step TO ${appRole};

-- The verbs of the cycle (id.lumbung.core.access.Permission).
INSERT INTO role_permission (role, permission, reach) VALUES
  ('PROVINCE_ADMIN', 'PROPOSAL_READ', 'TENANT'),
  ('TENANT_ADMIN', 'PROPOSAL_READ', 'TENANT'),
  ('TENANT_ADMIN', 'PROPOSAL_WRITE', 'TENANT'),
  ('TENANT_ADMIN', 'PROPOSAL_APPROVE', 'TENANT'),
  ('TENANT_ADMIN', 'APPROVAL_CHAIN_MANAGE', 'TENANT'),
  ('VERIFIER', 'PROPOSAL_READ', 'TENANT'),
  ('VERIFIER', 'PROPOSAL_WRITE', 'TENANT'),
  ('VERIFIER', 'PROPOSAL_CHECK', 'TENANT'),
  ('VERIFIER', 'PROPOSAL_APPROVE', 'TENANT'),
  ('VERIFIER', 'FIELD_VISIT', 'TENANT'),
  ('APPROVER', 'PROPOSAL_READ', 'TENANT'),
  ('APPROVER', 'PROPOSAL_APPROVE', 'TENANT'),
  ('VILLAGE_OPERATOR', 'PROPOSAL_READ', 'VILLAGES'),
  ('VILLAGE_OPERATOR', 'PROPOSAL_WRITE', 'VILLAGES'),
  ('FIELD_WORKER', 'PROPOSAL_READ', 'ASSIGNED'),
  ('FIELD_WORKER', 'FIELD_VISIT', 'ASSIGNED'),
  ('DPO', 'PROPOSAL_READ', 'TENANT');
