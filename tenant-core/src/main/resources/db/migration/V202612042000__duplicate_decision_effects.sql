-- What a decision itself changed, so its undo reverses that and nothing else: the members a
-- MERGE pointed at the kept record (not those another cluster had merged already), the pairs a
-- NOT_SAME remembered (not those another decision had remembered first). Comma-separated member
-- ids, or "a:b" pairs; NULL for decisions taken before it was recorded (undone as before).
ALTER TABLE duplicate_cluster ADD COLUMN effects text;
