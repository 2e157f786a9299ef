-- A regency asks to join (issue 16): its social office fills a form; its province's admin (or the
-- platform's) approves it — which onboards the regency with its template and invites the admin
-- it named — or refuses it, saying why. A platform table: the regency is not a tenant yet.
CREATE TABLE join_request (
  id               uuid PRIMARY KEY,
  region_code      text NOT NULL REFERENCES region (code),
  province_id      text NOT NULL,
  contact_name     text NOT NULL,
  contact_position text NOT NULL,
  admin_username   text NOT NULL,
  note             text,
  state            text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED')),
  decided_by       text,
  decided_at       timestamptz,
  decision_note    text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
-- One request waits per regency at a time.
CREATE UNIQUE INDEX join_request_pending_idx ON join_request (region_code) WHERE state = 'PENDING';
CREATE INDEX join_request_province_idx ON join_request (province_id, created_at);
GRANT SELECT, INSERT, UPDATE ON join_request TO ${appRole};
