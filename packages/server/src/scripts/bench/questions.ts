/**
 * The six questions the benchmark asks Insyn, PostGraphile 5 and the raw-SQL floor, each
 * written three times over the same tables (prisma/schema.prisma): an Insyn GraphQL query, the
 * equivalent PostGraphile query (its amber preset with the connection-filter plugin, see
 * serve-postgraphile.ts) and one SQL statement. Each also says how to turn its answer into rows
 * of one common shape, so the three answers can be compared value by value before anything
 * is timed (check.ts; test: same-rows.test.ts).
 *
 * The synthetic offerings (data set `synthetic-offerings-2022`) are deterministic, so the row
 * counts below hold for the default install.
 */

/** One row of an answer in the common shape: plain values only. */
export type Row = Record<string, string | number | boolean | null>;

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Question {
  name: string;
  title: string;
  /** Rows in the default install (the bench warns when they differ; the test insists). */
  expectedRows: number;
  insyn: { query: string; rows: (data: Json) => Row[] };
  postgraphile: { query: string; rows: (data: Json) => Row[] };
  /** One statement; its columns are named as the common rows' keys. */
  raw: { sql: string; params: unknown[] };
}

const SYNTHETIC = 'synthetic-offerings-2022';
/** SKR's six areas, in their published order (area.position). */
const SKR_AREAS = ['aldre', 'barn-och-unga', 'funktionshinder', 'missbruk-och-beroende', 'socialpsykiatri', 'vald-i-nara-relationer'];

/** A PostGraphile filter requiring an observation to have one dimension member. */
const hasMember = (id: string) => `{ observationMembersByObservationId: { some: { memberId: { equalTo: "${id}" } } } }`;

export const QUESTIONS: Question[] = [
  {
    name: 'observationsPage',
    title: '50 observations of an indicator (skr-provider-share) with region and source',
    expectedRows: 50,
    insyn: {
      query: `query observationsPage {
  observations(filter: { indicators: ["skr-provider-share"] }, first: 50) {
    edges { node { period value status dimensionKey region { code name } source { title year } } }
  }
}`,
      rows: (d) => d.observations.edges.map(({ node: o }: Json) => ({ region: o.region.code, regionName: o.region.name, period: o.period, dimensionKey: o.dimensionKey, value: o.value, status: o.status, source: o.source.title, year: o.source.year })),
    },
    postgraphile: {
      query: `query observationsPage {
  allObservations(
    first: 50
    filter: { indicatorCode: { equalTo: "skr-provider-share" } }
    orderBy: [INDICATOR_CODE_ASC, REGION_CODE_ASC, PERIOD_ASC, DIMENSION_KEY_ASC, ROW_ID_ASC]
  ) {
    nodes { period value status dimensionKey regionByRegionCode { code name } sourceBySourceCode { title year } }
  }
}`,
      rows: (d) => d.allObservations.nodes.map((o: Json) => ({ region: o.regionByRegionCode.code, regionName: o.regionByRegionCode.name, period: o.period, dimensionKey: o.dimensionKey, value: o.value, status: o.status, source: o.sourceBySourceCode.title, year: o.sourceBySourceCode.year })),
    },
    raw: {
      sql: `SELECT r.code AS region, r.name AS "regionName", o.period, o.dimension_key AS "dimensionKey", o.value, o.status, s.title AS source, s.year
FROM observation o JOIN region r ON r.code = o.region_code JOIN source s ON s.code = o.source_code
WHERE o.indicator_code = $1
ORDER BY o.indicator_code, o.region_code, o.period, o.dimension_key, o.id
LIMIT 50`,
      params: ['skr-provider-share'],
    },
  },
  {
    name: 'riketSeries',
    title: "Riket's series for one indicator: IBIC in social psychiatry investigations, 2017-2022",
    expectedRows: 6,
    insyn: {
      query: `query riketSeries {
  timeSeries(indicator: "oj-ibic-utredning", region: "00", members: ["area:socialpsykiatri"]) { period value status dimensionKey }
}`,
      rows: (d) => d.timeSeries.map((o: Json) => ({ period: o.period, value: o.value, status: o.status, dimensionKey: o.dimensionKey })),
    },
    postgraphile: {
      query: `query riketSeries {
  allObservations(
    filter: { indicatorCode: { equalTo: "oj-ibic-utredning" }, regionCode: { equalTo: "00" }, and: [${hasMember('area:socialpsykiatri')}] }
    orderBy: [DIMENSION_KEY_ASC, PERIOD_ASC, ROW_ID_ASC]
  ) { nodes { period value status dimensionKey } }
}`,
      rows: (d) => d.allObservations.nodes.map((o: Json) => ({ period: o.period, value: o.value, status: o.status, dimensionKey: o.dimensionKey })),
    },
    raw: {
      sql: `SELECT o.period, o.value, o.status, o.dimension_key AS "dimensionKey"
FROM observation o
WHERE o.indicator_code = $1 AND o.region_code = $2
  AND EXISTS (SELECT 1 FROM observation_member m WHERE m.observation_id = o.id AND m.member_id = $3)
ORDER BY o.dimension_key, o.period, o.id`,
      params: ['oj-ibic-utredning', '00', 'area:socialpsykiatri'],
    },
  },
  {
    name: 'countyMunicipalities',
    title: "A county's municipalities with a value each: Uppsala län, interventions offered per SKR area (8 x 6; SYNTHETIC offerings)",
    expectedRows: 48,
    insyn: {
      query: `query countyMunicipalities {
  region(code: "03") { children { code shortName offeringSummary { area { code } offeredCount } } }
}`,
      rows: (d) => d.region.children.flatMap((m: Json) => m.offeringSummary.map((s: Json) => ({ region: m.code, shortName: m.shortName, area: s.area.code, offered: s.offeredCount }))),
    },
    postgraphile: {
      // Without an aggregates plugin: per area, how many the municipality answered about and
      // how many it offers (offeredCount is null where it answered about none of the area's).
      query: `query countyMunicipalities {
  regionByCode(code: "03") {
    regionsByParentCode(orderBy: CODE_ASC) {
      nodes {
        code shortName
${SKR_AREAS.map((area, i) => {
  const filter = `round: { equalTo: 2022 }, datasetCode: { equalTo: "${SYNTHETIC}" }, interventionByInterventionCode: { areaCode: { equalTo: "${area}" } }`;
  return `        answered${i}: offeringsByRegionCode(filter: { ${filter} }) { totalCount }
        offered${i}: offeringsByRegionCode(filter: { ${filter}, offered: { equalTo: true } }) { totalCount }`;
}).join('\n')}
      }
    }
  }
}`,
      rows: (d) => d.regionByCode.regionsByParentCode.nodes.flatMap((m: Json) => SKR_AREAS.map((area, i) => ({ region: m.code, shortName: m.shortName, area, offered: m[`answered${i}`].totalCount > 0 ? m[`offered${i}`].totalCount : null }))),
    },
    // The floor reads the counts PostgreSQL keeps beside the offerings, as Insyn does
    // (insyn_derived.offering_area_count); PostGraphile, on schema "public", counts offerings.
    raw: {
      sql: `SELECT r.code AS region, r.short_name AS "shortName", a.code AS area, c.offered
FROM region r CROSS JOIN area a
LEFT JOIN insyn_derived.offering_area_count c
  ON c.region_code = r.code AND c.area_code = a.code AND c.round = $2 AND c.dataset_code = $3
WHERE r.parent_code = $1 AND a.kind = 'SKR_AREA'
ORDER BY r.code, a.position, a.code`,
      params: ['03', 2022, SYNTHETIC],
    },
  },
  {
    name: 'areaCatalogue',
    title: "One area's catalogue with categories: social psychiatry's categorised interventions with published uptake",
    expectedRows: 20,
    insyn: {
      query: `query areaCatalogue {
  area(code: "socialpsykiatri") { categories { nameSv interventions { code nameSv publishedOfferingCount publishedAnsweringCount } } }
}`,
      rows: (d) => d.area.categories.flatMap((c: Json) => c.interventions.map((i: Json) => ({ category: c.nameSv, code: i.code, name: i.nameSv, offering: i.publishedOfferingCount, answering: i.publishedAnsweringCount }))),
    },
    postgraphile: {
      query: `query areaCatalogue {
  areaByCode(code: "socialpsykiatri") {
    interventionCategoriesByAreaCode(orderBy: [POSITION_ASC, CODE_ASC]) {
      nodes { nameSv interventionsByCategoryCode(orderBy: [NAME_SV_ASC, CODE_ASC]) { nodes { code nameSv publishedOfferingCount publishedAnsweringCount } } }
    }
  }
}`,
      rows: (d) => d.areaByCode.interventionCategoriesByAreaCode.nodes.flatMap((c: Json) => c.interventionsByCategoryCode.nodes.map((i: Json) => ({ category: c.nameSv, code: i.code, name: i.nameSv, offering: i.publishedOfferingCount, answering: i.publishedAnsweringCount }))),
    },
    raw: {
      sql: `SELECT c.name_sv AS category, i.code, i.name_sv AS name, i.published_offering_count AS offering, i.published_answering_count AS answering
FROM intervention_category c JOIN intervention i ON i.category_code = c.code
WHERE c.area_code = $1
ORDER BY c.position, c.code, i.name_sv, i.code`,
      params: ['socialpsykiatri'],
    },
  },
  {
    name: 'offeredInCounty',
    title: "Who offers an intervention in a county: kontaktperson (social psychiatry) in Stockholms län, districts included (SYNTHETIC offerings)",
    expectedRows: 27,
    insyn: {
      query: `query offeredInCounty {
  offerings(intervention: "socialpsykiatri:kontaktperson", filter: { county: "01" }, first: 50) {
    edges { node { round region { code shortName } form provider decision } }
  }
}`,
      rows: (d) => d.offerings.edges.map(({ node: o }: Json) => ({ region: o.region.code, shortName: o.region.shortName, round: o.round, form: o.form, provider: o.provider, decision: o.decision })),
    },
    postgraphile: {
      // Stockholm answered per district, so "in the county" is the region's parent or grandparent.
      query: `query offeredInCounty {
  allOfferings(
    first: 50
    filter: {
      interventionCode: { equalTo: "socialpsykiatri:kontaktperson" }
      datasetCode: { equalTo: "${SYNTHETIC}" }
      offered: { equalTo: true }
      regionByRegionCode: { or: [{ parentCode: { equalTo: "01" } }, { regionByParentCode: { parentCode: { equalTo: "01" } } }] }
    }
    orderBy: [REGION_CODE_ASC, INTERVENTION_CODE_ASC, ROUND_ASC, DATASET_CODE_ASC]
  ) { nodes { round form provider decision regionByRegionCode { code shortName } } }
}`,
      rows: (d) => d.allOfferings.nodes.map((o: Json) => ({ region: o.regionByRegionCode.code, shortName: o.regionByRegionCode.shortName, round: o.round, form: o.form, provider: o.provider, decision: o.decision })),
    },
    raw: {
      sql: `SELECT r.code AS region, r.short_name AS "shortName", o.round, o.form, o.provider, o.decision
FROM offering o JOIN region r ON r.code = o.region_code LEFT JOIN region p ON p.code = r.parent_code
WHERE o.intervention_code = $1 AND o.dataset_code = $2 AND o.offered AND (r.parent_code = $3 OR p.parent_code = $3)
ORDER BY o.region_code, o.intervention_code, o.round, o.dataset_code
LIMIT 50`,
      params: ['socialpsykiatri:kontaktperson', SYNTHETIC, '01'],
    },
  },
  {
    name: 'countyCrossSection',
    title: 'One indicator over the 21 counties: elderly-care interventions in municipal-only provision, 2022',
    expectedRows: 21,
    insyn: {
      query: `query countyCrossSection {
  crossSection(indicator: "skr-provider-share", period: 2022, level: COUNTY, members: ["area:aldre", "provider:municipal_only"]) {
    value status region { code shortName }
  }
}`,
      rows: (d) => d.crossSection.map((o: Json) => ({ region: o.region.code, shortName: o.region.shortName, value: o.value, status: o.status })),
    },
    postgraphile: {
      query: `query countyCrossSection {
  allObservations(
    filter: {
      indicatorCode: { equalTo: "skr-provider-share" }
      period: { equalTo: 2022 }
      regionByRegionCode: { level: { equalTo: COUNTY } }
      and: [${hasMember('area:aldre')}, ${hasMember('provider:municipal_only')}]
    }
    orderBy: [REGION_CODE_ASC, DIMENSION_KEY_ASC, ROW_ID_ASC]
  ) { nodes { value status regionByRegionCode { code shortName } } }
}`,
      rows: (d) => d.allObservations.nodes.map((o: Json) => ({ region: o.regionByRegionCode.code, shortName: o.regionByRegionCode.shortName, value: o.value, status: o.status })),
    },
    raw: {
      sql: `SELECT r.code AS region, r.short_name AS "shortName", o.value, o.status
FROM observation o JOIN region r ON r.code = o.region_code
WHERE o.indicator_code = $1 AND o.period = $2 AND r.level = 'COUNTY'
  AND EXISTS (SELECT 1 FROM observation_member m WHERE m.observation_id = o.id AND m.member_id = $3)
  AND EXISTS (SELECT 1 FROM observation_member m WHERE m.observation_id = o.id AND m.member_id = $4)
ORDER BY o.region_code, o.dimension_key, o.id`,
      params: ['skr-provider-share', 2022, 'area:aldre', 'provider:municipal_only'],
    },
  },
];
