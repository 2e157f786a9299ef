-- The X-EXTERNAL-ID of the transfer last sent for a payment (new for every send, kept before the
-- call), which its status inquiries name as originalExternalId.
ALTER TABLE disbursement ADD COLUMN external_id text;
