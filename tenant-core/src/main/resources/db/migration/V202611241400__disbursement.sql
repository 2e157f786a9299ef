-- Aid paid through a bank (penyaluran bansos): one transfer to one beneficiary account, keyed by
-- its partnerReferenceNo — the bank's idempotency key, never replaced once a transfer may have
-- reached the bank — and the bank's notifications about it, kept once each.

CREATE TABLE disbursement (
  tenant_id            text NOT NULL REFERENCES tenant (id),
  id                   uuid NOT NULL,
  bank_code            text NOT NULL,
  partner_reference_no text NOT NULL,
  household_id         uuid,
  programme            text NOT NULL,
  period               text NOT NULL,
  account_encrypted    text NOT NULL,
  account_masked       text NOT NULL,
  beneficiary_name     text NOT NULL,
  amount               numeric(15, 2) NOT NULL CHECK (amount > 0),
  status               text NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED')),
  -- Set (and committed) before the first transfer call: from then on the outcome is asked with
  -- a status inquiry under the same reference, never by sending the transfer again blindly.
  sent_at              timestamptz,
  bank_reference_no    text,
  response_code        text,
  failure_reason       text,
  status_source        text,
  requested_by         text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  completed_at         timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX disbursement_reference_idx ON disbursement (bank_code, partner_reference_no);
CREATE UNIQUE INDEX disbursement_once_idx ON disbursement (tenant_id, programme, period, household_id)
  WHERE household_id IS NOT NULL;

CREATE TABLE bank_notification (
  tenant_id            text NOT NULL REFERENCES tenant (id),
  bank_code            text NOT NULL,
  partner_reference_no text NOT NULL,
  external_id          text NOT NULL,
  transaction_status   text NOT NULL,
  applied              boolean NOT NULL,
  received_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, bank_code, partner_reference_no, external_id)
);

ALTER TABLE disbursement ENABLE ROW LEVEL SECURITY;
ALTER TABLE disbursement FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON disbursement
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
ALTER TABLE bank_notification ENABLE ROW LEVEL SECURITY;
ALTER TABLE bank_notification FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bank_notification
  USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON disbursement TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON bank_notification TO ${appRole};
