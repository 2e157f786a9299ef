-- Rate limits shared by every process (decision 0026): Bucket4j's token buckets, one row each,
-- locked while taken (SELECT … FOR UPDATE), so two API replicas or two workers draw on one budget.
-- A platform table: kept on the coordinator under Citus (docs/scaling.md).
CREATE TABLE rate_limit_bucket (
  id         text PRIMARY KEY,
  state      bytea,
  expires_at bigint
);
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_bucket TO ${appRole};
