-- The province reads its cities' divisions (codes, names, levels, parents: public administrative names, not personal
-- data) so its report pages name a district rather than code it. Read only: the tenant policy still governs writes.
CREATE POLICY "divisions_province_read" ON "divisions" AS PERMISSIVE FOR SELECT TO public USING ((select current_setting('app.scope', true)) = 'province');
