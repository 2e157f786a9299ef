-- Issue 17 (decision 0027): a household or member an import creates records the import on its
-- own row (with created_at) instead of a CREATED row in registry_change — 1.3 million fewer
-- history rows for a regency's first load. Changes stay history rows; readers add the creations.
ALTER TABLE household ADD COLUMN import_id uuid;
ALTER TABLE member ADD COLUMN import_id uuid;
