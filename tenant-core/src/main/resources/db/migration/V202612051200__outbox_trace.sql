-- Issue 17: a message carries the trace and request id of the request that queued it, so the
-- worker's call to the agency continues that trace and its log lines carry that request id.
ALTER TABLE outbox ADD COLUMN trace_context text, ADD COLUMN request_id text;
