-- Onboarding a regency the same day (issue 16): its province's admin (or the platform admin)
-- onboards it from its Kemendagri code; the first tenant admin is invited by a one-time link (no
-- password travels); the province's template gives it an approval chain and identity thresholds;
-- a checklist says what is still missing.

-- A one-time invitation: the token is never stored, only its SHA-256; used once, within a week.
CREATE TABLE invitation (
  tenant_id   text NOT NULL REFERENCES tenant (id),
  id          uuid NOT NULL,
  username    text NOT NULL,
  roles       text NOT NULL,      -- comma-separated role names
  token_hash  text NOT NULL UNIQUE,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  PRIMARY KEY (tenant_id, id)
);
ALTER TABLE invitation ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitation USING (tenant_id = ANY (lumbung_allowed_tenants()))
  WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
GRANT SELECT, INSERT, UPDATE ON invitation TO ${appRole};

-- Which tenant a token belongs to, without reading any tenant's rows: the accepting request
-- names only the token. A definer function answers the tenant of an unused, unexpired token.
CREATE FUNCTION lumbung_invitation_tenant(hash text) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT tenant_id FROM invitation WHERE token_hash = hash AND used_at IS NULL AND expires_at > now()
$$;
REVOKE ALL ON FUNCTION lumbung_invitation_tenant(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lumbung_invitation_tenant(text) TO ${appRole};

-- A province's template for its new regencies (a platform table: one row per province).
CREATE TABLE province_template (
  province_id      text PRIMARY KEY,
  -- The approval chain: "ROLE|label" steps, first first, separated by newlines.
  approval_chain   text NOT NULL,
  match_threshold  double precision NOT NULL,
  review_threshold double precision NOT NULL,
  updated_by       text NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON province_template TO ${appRole};

INSERT INTO role_permission (role, permission, reach) VALUES
  ('PROVINCE_ADMIN', 'TENANT_ONBOARD', 'TENANT'),
  ('PLATFORM_ADMIN', 'PROVINCE_TEMPLATE', 'TENANT'),
  ('PROVINCE_ADMIN', 'PROVINCE_TEMPLATE', 'TENANT');
