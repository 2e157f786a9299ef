-- A failed payment (an invalid account, say) must not block the household's corrected payment
-- for the same programme and period: one payment per household, programme and period that has
-- not failed.
DROP INDEX disbursement_once_idx;
CREATE UNIQUE INDEX disbursement_once_idx ON disbursement (tenant_id, programme, period, household_id)
  WHERE household_id IS NOT NULL AND status <> 'FAILED';
