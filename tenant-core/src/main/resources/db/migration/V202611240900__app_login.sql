-- The pool logs in as its own login (a member of the application role, owning nothing); at
-- start-up it only checks that nothing is pending, which needs to read the migration history.
GRANT SELECT ON flyway_schema_history TO ${appRole};
