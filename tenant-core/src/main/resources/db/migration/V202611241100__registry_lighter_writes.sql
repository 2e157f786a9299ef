-- Bulk imports write a member and a history row per person. Their tenant foreign keys are
-- redundant (a member's (tenant_id, household_id) already references its household, which
-- references the tenant; history rows are written with the tenant of their entity) and each
-- costs a trigger call per row: drop them.
ALTER TABLE member DROP CONSTRAINT member_tenant_id_fkey;
ALTER TABLE registry_change DROP CONSTRAINT registry_change_tenant_id_fkey;
