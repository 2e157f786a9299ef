-- Who verifies every tenant's audit chain, and what was found: one worker a deployment claims
-- each verification here (however many replicas run), and every replica's gauges read its result.
-- A platform table of one row, kept on the coordinator under Citus.
CREATE TABLE audit_verification (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  started_at  timestamptz,
  verified_at timestamptz,
  broken      integer
);
INSERT INTO audit_verification DEFAULT VALUES;
GRANT SELECT, UPDATE ON audit_verification TO ${appRole};
