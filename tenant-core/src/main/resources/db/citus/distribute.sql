-- Distributes Lumbung's schema on a Citus cluster (docs/scaling.md), after the migrations, as the
-- schema owner on the coordinator: `java -jar lumbung.jar --migrate` with LUMBUNG_DATABASE_CITUS=true
-- runs it (once: a table already distributed is left as it is). DistributionRulesTest keeps this
-- list equal to what the schema holds: every table with a mandatory tenant_id is distributed by it
-- (co-located, so a tenant's rows and joins stay on one node), but the small ones kept on the
-- coordinator (refresh_token, rate_limit_bucket, invitation, join_request, household_transfer, cross_duplicate_run,
-- cross_duplicate_cluster, identity_not_same_across, audit_verification); the tables every tenant's rows refer to are
-- reference tables, copied to every node.

-- Reference tables first: distributed tables' foreign keys point at them.
SELECT create_reference_table('region');
SELECT create_reference_table('tenant');
SELECT create_reference_table('role_permission');
SELECT create_reference_table('app_user');
SELECT create_reference_table('province_template');

-- Then every tenant's tables, co-located with household (one shard group per tenant range).
SELECT create_distributed_table('household', 'tenant_id');
SELECT create_distributed_table('approval_batch', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('approval_decision', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('approval_step', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('audit_checkpoint', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('audit_log', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('audit_unkeyed_until', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('bank_notification', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('break_glass', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('civil_sync', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('civil_sync_item', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('connector_credential', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('connector_pause', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('connector_usage', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('correction_ledger', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('dead_letter', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('delegation', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('disbursement', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('duplicate_cluster', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('duplicate_run', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('field_visit', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('figure_change', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('household_assignment', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('identity_not_same', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('identity_setting', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('import_issue', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('import_job', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('import_refused_row', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('list_reconciliation', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('list_reconciliation_item', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('member', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('member_verification', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('ministry_exchange', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('ministry_exchange_file', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('ministry_file', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('ministry_record', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('musyawarah', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('nik_check', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('outbox', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('proposal', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('proposal_event', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('quality_snapshot', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('registry_change', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('stored_file', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('student', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('student_pull', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('tenant_figure', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('tenant_permission_denial', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('user_village', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('verification_batch', 'tenant_id', colocate_with => 'household');
SELECT create_distributed_table('village_figure', 'tenant_id', colocate_with => 'household');
