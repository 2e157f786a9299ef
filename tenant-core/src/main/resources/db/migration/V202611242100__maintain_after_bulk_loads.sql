-- The application analyses the tables it has just filled in bulk (Statistics): PostgreSQL 17's
-- MAINTAIN privilege lets it without owning them. An older server skips the grant; the
-- application then leaves the statistics to autovacuum.
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 170000 THEN
    EXECUTE 'GRANT MAINTAIN ON household, member, member_verification, outbox TO ${appRole}';
  END IF;
END
$$;
