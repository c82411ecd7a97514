/**
 * Example queries for researchers: preloaded as GraphiQL tabs, run by the test suite
 * (values and SQL statement counts, test/api/examples.test.ts) and by the benchmark
 * (src/scripts/bench.ts). Variables have defaults, so each tab runs as it is; the tests also
 * run them with small and large variables to show the SQL count does not grow with rows.
 */
export interface ExampleQuery { name: string; title: string; query: string }

export const EXAMPLE_QUERIES: ExampleQuery[] = [
  {
    name: 'ibicSeries',
    title: 'Time series: IBIC in social psychiatry investigations, Riket 2017-2022 (Öppna jämförelser 2022, Tabell 2)',
    query: `query ibicSeries($areas: [String!] = ["area:socialpsykiatri"]) {
  timeSeries(indicator: "oj-ibic-utredning", region: "00", members: $areas) {
    period value status table
    indicator { titleSv unit }
    source { publisher title year attribution }
  }
}`,
  },
  {
    name: 'providerByCounty',
    title: 'Cross-section: share of elderly-care interventions in municipal-only provision, per county (SKR 2022, Tabell 7)',
    query: `query providerByCounty($level: RegionLevel! = COUNTY) {
  crossSection(indicator: "skr-provider-share", period: 2022, level: $level, members: ["area:aldre", "provider:municipal_only"]) {
    region { code shortName }
    value printed status statusReason note table
    source { title year }
  }
}`,
  },
  {
    name: 'socialWorkDegreeRanking',
    title: 'Ranking with nothing to rank: case officers with a social work degree, LSS 2021 (3 counties suppressed; the other 18 are bars of Figur 1 whose values the text lacks, CHART_ONLY; none dropped silently)',
    query: `query socialWorkDegreeRanking {
  ranking(indicator: "oj-lss-handlaggare-socionomexamen", period: 2021, level: COUNTY) {
    indicator { titleSv kind direction }
    order
    entries { rank tied value region { shortName } }
    withheld { region { code shortName } status statusReason }
    regionsWithoutFigure { code }
  }
}`,
  },
  {
    name: 'digitalRanking',
    title: 'Ranking with ties: counties by share of elderly-care interventions given physically only (SKR 2022, Tabell 5)',
    query: `query digitalRanking($level: RegionLevel! = COUNTY) {
  ranking(indicator: "skr-form-share", period: 2022, level: $level, members: ["area:aldre", "form:physical_only"]) {
    order
    entries { rank tied value region { code shortName } observation { printed note table } }
    withheld { region { code } statusReason }
  }
}`,
  },
  {
    name: 'stockholmComparison',
    title: 'Comparison: Stockholms län against Riket, share in municipal-only provision (SKR 2022)',
    query: `query stockholmComparison($region: String! = "01") {
  comparison(indicator: "skr-provider-share", region: $region, period: 2022, members: ["area:aldre", "provider:municipal_only"]) {
    indicator { titleSv }
    entries { role region { shortName } value status statusReason differenceFromRegion observation { table source { attribution } } }
  }
}`,
  },
  {
    name: 'municipalityProfile',
    title: 'Municipality profile: Uppsala with its county, groups and offerings per area (offerings are SYNTHETIC demo data)',
    query: `query municipalityProfile($code: String! = "0380") {
  region(code: $code) {
    code name koladaId level
    parent { code name }
    groups { revision group { code name mainGroup { code name } } }
    offeringSummary { area { code nameSv } surveyStatus offeredCount namedInterventionCount catalogueSize countyMean groupMean synthetic }
  }
}`,
  },
  {
    name: 'countyOverview',
    title: 'County overview: Uppsala län, its municipalities with their SKR groups and offerings per area (offerings are SYNTHETIC demo data)',
    query: `query countyOverview($county: String! = "03") {
  region(code: $county) {
    code name
    children {
      code shortName
      groups { group { code name } }
      offeringSummary { area { code } offeredCount catalogueSize countyMean }
    }
  }
}`,
  },
  {
    name: 'catalogue',
    title: 'Intervention catalogue: areas, catalogue size, categories and the top-10 interventions with published uptake',
    query: `query catalogue {
  areas {
    code nameSv catalogueSize namedInterventionCount
    categories { nameSv interventions { nameSv publishedOfferingCount publishedAnsweringCount publishedShare uptakeList uptakeRank } }
  }
}`,
  },
  {
    name: 'whoOffers',
    title: 'Who offers personligt ombud in social psychiatry in Stockholms län (SYNTHETIC demo offerings)',
    query: `query whoOffers($county: String = "01", $first: Int = 50) {
  interventions(search: "personligt ombud", area: "socialpsykiatri", first: 5) {
    totalCount
    edges { node { code nameSv publishedOfferingCount publishedAnsweringCount } }
  }
  offerings(intervention: "socialpsykiatri:personligt-ombud-for-personer-med-psykisk-funktionsnedsattning", filter: { county: $county }, first: $first) {
    totalCount
    edges { node { region { code shortName } form provider decision synthetic } }
  }
}`,
  },
  {
    name: 'formDistribution',
    title: 'Distribution by county, computed in SQL: form of elderly-care offerings, with SKR\'s published shares beside (SYNTHETIC)',
    query: `query formDistribution($groupBy: DistributionGrouping! = COUNTY) {
  offeringDistribution(area: "aldre", dimension: FORM, groupBy: $groupBy) {
    key name total synthetic
    buckets { member count share publishedShare }
  }
}`,
  },
  {
    name: 'ipsSurvey',
    title: 'Mind 2025: IPS offered with fidelity, IPS-like or not at all, and the reasons for not offering (N = 76)',
    query: `query ipsSurvey($first: Int = 100) {
  observations(filter: { sources: ["mind-2025-ips"] }, first: $first) {
    totalCount
    edges { node { indicator { code titleSv unit } value baseN note table members { id labelSv } } }
  }
}`,
  },
  {
    name: 'actionPlan',
    title: 'Stockholm 2013: the action plan, its focus areas, findings and activities with deadlines',
    query: `query actionPlan {
  actionPlans {
    title year region { name }
    focusAreas { position titleSv items { kind position textSv deadline indicator { code } } }
  }
}`,
  },
];
