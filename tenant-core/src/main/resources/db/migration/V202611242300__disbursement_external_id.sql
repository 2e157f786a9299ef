-- The X-EXTERNAL-ID of a payment's first transfer (new for every send, kept before the call; forgotten
-- at a resend, after which nobody can tell which send the bank has), named by status inquiries.
ALTER TABLE disbursement ADD COLUMN external_id text;
