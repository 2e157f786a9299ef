-- What a running import is doing: READING (and checking each row), CHECKING (duplicates and
-- households over the whole file), SAVING (households and members), then DONE.
ALTER TABLE import_job ADD COLUMN phase text NOT NULL DEFAULT 'QUEUED'
  CHECK (phase IN ('QUEUED', 'READING', 'CHECKING', 'SAVING', 'DONE'));
UPDATE import_job SET phase = 'DONE' WHERE finished_at IS NOT NULL;
