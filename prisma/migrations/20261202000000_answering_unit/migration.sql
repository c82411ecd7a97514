-- "The county of a unit", decided once for SQL (packages/server/src/lookup/units.ts decides it
-- for TypeScript; test/data/answering-unit.test.ts holds the two to the same answer).
-- A unit is what answers SKR's survey: a municipality, or one of its districts (Stockholm's
-- stadsdelsområden), which answers for it and counts to its county and to its municipality
-- group in the newest revision of SKR's grouping.
-- A set-returning SQL function rather than a view: the planner inlines it like a view
-- (`JOIN answering_unit() u ON u.code = ...`), and it adds no relation beside the tables of
-- schema.prisma. It reads only region and municipality_group_membership, which are watched.
CREATE FUNCTION "answering_unit"() RETURNS TABLE ("code" TEXT, "municipality_code" TEXT, "county_code" TEXT, "group_code" TEXT)
LANGUAGE sql STABLE AS $$
  SELECT r.code,
         m.code,
         m.parent_code,
         (SELECT g.group_code FROM "municipality_group_membership" g
           WHERE g.region_code = m.code ORDER BY g.revision DESC, g.group_code LIMIT 1)
  FROM "region" r
  JOIN "region" m ON m.code = CASE WHEN r.level = 'DISTRICT' THEN r.parent_code ELSE r.code END
  WHERE r.level IN ('MUNICIPALITY', 'DISTRICT')
$$;
