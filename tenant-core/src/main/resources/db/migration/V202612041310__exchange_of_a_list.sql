-- An exchange that sends an approved list of proposals names it (the list decides what goes).
ALTER TABLE ministry_exchange ADD COLUMN batch_id uuid;
