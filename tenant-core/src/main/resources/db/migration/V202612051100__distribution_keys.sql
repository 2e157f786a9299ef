-- Every unique index of a table distributed by tenant_id starts with tenant_id (Citus enforces
-- uniqueness only within a shard; docs/scaling.md). A payment's reference names its tenant
-- ('LBG' || tenant_id || …), so it stays unique across tenants and a bank's notification is
-- routed to its tenant by the reference alone.
DROP INDEX disbursement_reference_idx;
CREATE UNIQUE INDEX disbursement_reference_idx ON disbursement (tenant_id, bank_code, partner_reference_no);
