-- Members partitioned by tenant (decision 0028): one partition a tenant, so a regency's first
-- load fills a table without indexes, builds them by sorting, and swaps it in for the empty
-- partition. No foreign key points at member, so it can be partitioned alone. Not on Citus: there
-- every partition would be a distributed table of its own (shards × tenants), so member stays one
-- distributed table and imports take the ordinary upsert.

-- A tenant's partition: made like member, checked to hold only the tenant, then attached (which
-- locks member less than CREATE TABLE … PARTITION OF would). The application reaches it only
-- through member, under row-level security.
CREATE FUNCTION lumbung_member_partition(tenant text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  part text := 'member_' || tenant;
BEGIN
  IF tenant !~ '^[0-9]{4}$' THEN
    RAISE EXCEPTION 'not a tenant id: %', tenant;
  END IF;
  IF (SELECT relkind FROM pg_class WHERE oid = 'public.member'::regclass) = 'p'
     AND to_regclass(format('public.%I', part)) IS NULL THEN
    EXECUTE format('CREATE TABLE public.%I (LIKE public.member INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
    EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I CHECK (tenant_id = %L)', part, part || '_tenant', tenant);
    EXECUTE format('ALTER TABLE public.member ATTACH PARTITION public.%I FOR VALUES IN (%L)', part, tenant);
  END IF;
END $$;
REVOKE ALL ON FUNCTION lumbung_member_partition(text) FROM PUBLIC;

CREATE FUNCTION lumbung_tenant_created() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM lumbung_member_partition(NEW.id);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION lumbung_tenant_created() FROM PUBLIC;

DO $partition$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  ALTER TABLE member RENAME TO member_before_partitions;
  ALTER INDEX member_pkey RENAME TO member_before_partitions_pkey;
  ALTER INDEX member_source_key_idx RENAME TO member_before_partitions_source_key_idx;
  ALTER INDEX member_nik_idx RENAME TO member_before_partitions_nik_idx;
  ALTER INDEX member_household_idx RENAME TO member_before_partitions_household_idx;
  ALTER INDEX member_name_idx RENAME TO member_before_partitions_name_idx;
  ALTER TABLE member_before_partitions
    RENAME CONSTRAINT member_tenant_id_household_id_fkey TO member_before_partitions_household_fkey;

  CREATE TABLE member (LIKE member_before_partitions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY LIST (tenant_id);
  ALTER TABLE member ADD PRIMARY KEY (tenant_id, id);
  ALTER TABLE member ADD CONSTRAINT member_tenant_id_household_id_fkey
    FOREIGN KEY (tenant_id, household_id) REFERENCES household (tenant_id, id);
  CREATE UNIQUE INDEX member_source_key_idx ON member (tenant_id, source_key);
  CREATE INDEX member_nik_idx ON member (tenant_id, nik_index);
  CREATE INDEX member_household_idx ON member (tenant_id, household_id);
  CREATE INDEX member_name_idx ON member (tenant_id, name_key text_pattern_ops);

  ALTER TABLE member ENABLE ROW LEVEL SECURITY;
  ALTER TABLE member FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant_isolation ON member
    USING (tenant_id = ANY (lumbung_allowed_tenants()))
    WITH CHECK (tenant_id = ANY (lumbung_allowed_tenants()));
  GRANT SELECT, INSERT, UPDATE ON member TO ${appRole};
  CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON member
    FOR EACH STATEMENT EXECUTE FUNCTION lumbung_figures_changed();

  CREATE TRIGGER member_partition AFTER INSERT ON tenant
    FOR EACH ROW EXECUTE FUNCTION lumbung_tenant_created();
  PERFORM lumbung_member_partition(id) FROM tenant;
  INSERT INTO member SELECT * FROM member_before_partitions;
  DROP TABLE member_before_partitions;
END $partition$;

-- A first load, begun: when the tenant has no member yet (and the database is not Citus, where a
-- partition is a distributed table of its own), an empty table shaped like member, without its
-- indexes, for the import to fill. Answers its name, or NULL for the ordinary upsert.
CREATE FUNCTION lumbung_member_load_begin(tenant text) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  part text := 'member_' || tenant;
  load text := 'member_load_' || tenant;
  empty boolean;
BEGIN
  IF tenant !~ '^[0-9]{4}$' OR tenant <> ALL (lumbung_allowed_tenants())
     OR EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')
     OR to_regclass(format('public.%I', part)) IS NULL THEN
    RETURN NULL;
  END IF;
  EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM public.%I)', part) INTO empty;
  IF NOT empty THEN
    RETURN NULL;
  END IF;
  EXECUTE format('CREATE TABLE public.%I (LIKE public.member INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', load);
  EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I CHECK (tenant_id = %L)', load, part || '_tenant', tenant);
  EXECUTE format('GRANT SELECT, INSERT ON public.%I TO ${appRole}', load);
  RETURN load;
END $$;
REVOKE ALL ON FUNCTION lumbung_member_load_begin(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lumbung_member_load_begin(text) TO ${appRole};

-- A first load, finished: member's indexes and foreign keys built on the filled table (by sorting,
-- one scan each), then — as the last step before COMMIT, since detaching locks member — the empty
-- partition swapped for it. If member cannot be locked within 5 s (or a member was added meanwhile),
-- the rows are inserted through member instead. Answers whether the table was swapped in.
CREATE FUNCTION lumbung_member_load_finish(tenant text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  part text := 'member_' || tenant;
  load text := 'member_load_' || tenant;
  parent_index record;
  loaded_index text;
  swapped boolean := false;
  added boolean;
  timeout text := current_setting('lock_timeout');
BEGIN
  IF tenant !~ '^[0-9]{4}$' OR tenant <> ALL (lumbung_allowed_tenants()) OR to_regclass(format('public.%I', load)) IS NULL THEN
    RAISE EXCEPTION 'no first load under way for tenant %', tenant;
  END IF;
  EXECUTE format('REVOKE ALL ON public.%I FROM ${appRole}', load);
  -- Member's indexes and constraints, whatever later migrations add: ATTACH then finds them all.
  FOR parent_index IN
    SELECT i.indexrelid, c.relname, con.conname, pg_get_constraintdef(con.oid) AS constraintdef
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
    WHERE i.indrelid = 'public.member'::regclass
  LOOP
    IF parent_index.conname IS NOT NULL THEN
      EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', load,
                     replace(parent_index.conname, 'member_', load || '_'), parent_index.constraintdef);
    ELSE
      EXECUTE regexp_replace(pg_get_indexdef(parent_index.indexrelid),
                             ' INDEX \S+ ON ONLY public\.member ',
                             format(' INDEX %I ON public.%I ', replace(parent_index.relname, 'member_', load || '_'), load));
    END IF;
  END LOOP;
  -- Its foreign keys, each checked by one join; ATTACH then takes them as member's own.
  FOR parent_index IN SELECT conname, pg_get_constraintdef(oid) AS constraintdef FROM pg_constraint
                      WHERE conrelid = 'public.member'::regclass AND contype = 'f' LOOP
    EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', load,
                   replace(parent_index.conname, 'member_', part || '_'), parent_index.constraintdef);
  END LOOP;
  EXECUTE format('ANALYZE public.%I', load);
  BEGIN
    PERFORM set_config('lock_timeout', '5s', true);
    EXECUTE format('ALTER TABLE public.member DETACH PARTITION public.%I', part);
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I)', part) INTO added;
    IF added THEN
      RAISE EXCEPTION 'members were added to tenant % during its first load', tenant USING ERRCODE = 'object_in_use';
    END IF;
    EXECUTE format('DROP TABLE public.%I', part);
    EXECUTE format('ALTER TABLE public.%I RENAME TO %I', load, part);
    -- The empty partition's index names are free again: the loaded ones take the partition's name.
    FOR loaded_index IN SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                        WHERE i.indrelid = format('public.%I', part)::regclass LOOP
      EXECUTE format('ALTER INDEX public.%I RENAME TO %I', loaded_index, replace(loaded_index, load, part));
    END LOOP;
    EXECUTE format('ALTER TABLE public.member ATTACH PARTITION public.%I FOR VALUES IN (%L)', part, tenant);
    swapped := true;
  EXCEPTION WHEN lock_not_available OR deadlock_detected OR object_in_use THEN
    swapped := false;
  END;
  PERFORM set_config('lock_timeout', timeout, true);
  IF NOT swapped THEN
    EXECUTE format('INSERT INTO public.member SELECT * FROM public.%I', load);
    EXECUTE format('DROP TABLE public.%I', load);
  END IF;
  RETURN swapped;
END $$;
REVOKE ALL ON FUNCTION lumbung_member_load_finish(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lumbung_member_load_finish(text) TO ${appRole};
