-- NIKs of checks are kept encrypted (AES-GCM, bound to the tenant) with a keyed blind index.
ALTER TABLE nik_check ADD COLUMN nik_encrypted text;
ALTER TABLE nik_check ADD COLUMN nik_index text;
CREATE INDEX nik_check_index_idx ON nik_check (tenant_id, nik_index);
