-- The claim walks each tenant's due messages oldest first: one index probe per tenant, however
-- many messages wait (a window over every waiting message cost a core at 20,000 waiting).
CREATE INDEX outbox_due_idx ON outbox (tenant_id, agency, created_at, id) WHERE status IN ('QUEUED', 'RETRYING');
