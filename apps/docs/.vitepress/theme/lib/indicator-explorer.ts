import { computed, ref } from 'vue';
import { InsynApiError, indicatorCoverage, type CoverageObservation, type CrossSectionQuery, type IndicatorsQuery, type TimeSeriesQuery } from '@insyn/sdk';
import { countyList, insyn, readParam, useLoading, writeParams } from './client';
import { IndicatorByCodeDocument } from './documents';
import { fold, palette, unitLabels } from './format';
import * as series from './series';

type Indicator = IndicatorsQuery['indicators']['edges'][number]['node'];
type SeriesObservation = TimeSeriesQuery['timeSeries'][number];
type CrossObservation = CrossSectionQuery['crossSection'][number];

/** Dimensions that pick what is drawn rather than being drawn: the area (when one is chosen), and county ranges. */
const OMIT_ALL = ['area', 'statistic'];

/**
 * The indicator explorer's state (IndicatorExplorer.vue): the indicator, area, region and year
 * chosen (kept in the URL), what the API answered for them, and what is drawn from it
 * (lib/series.ts).
 */
export function useIndicatorExplorer() {
  const indicators = ref<Indicator[]>([]);
  const counties = ref<{ code: string; name: string }[]>([]);
  const filter = ref('');
  const code = ref('');
  const coverage = ref<CoverageObservation[]>([]);
  const area = ref('');
  const region = ref('00');
  const period = ref<number | null>(null);
  const seriesChoice = ref('');
  const timeSeries = ref<SeriesObservation[]>([]);
  const cross = ref<CrossObservation[]>([]);
  const countryCross = ref<CrossObservation[]>([]);
  const { loading, error, run } = useLoading(true);
  /** A `?indicator=` the API does not know, with the codes it suggests instead. */
  const unknown = ref<{ code: string; suggestions: { code: string; title: string }[] } | null>(null);

  // Follows the area the shown data was fetched for, not the select, so nothing regroups while a request is out.
  const seriesArea = ref('');
  const crossArea = ref('');
  const omit = computed(() => (seriesArea.value ? OMIT_ALL : ['statistic']));
  const crossOmit = computed(() => (crossArea.value ? OMIT_ALL : ['statistic']));

  const filtered = computed(() => {
    const q = fold(filter.value.trim());
    if (!q) return indicators.value;
    return indicators.value.filter((i) => fold(`${i.titleSv} ${i.titleEn ?? ''} ${i.code}`).includes(q));
  });
  const groupedOptions = computed(() => {
    const groups = new Map<string, Indicator[]>();
    for (const i of filtered.value) {
      const label = `${i.source.publisher}: ${i.source.title} (${i.source.year})`;
      groups.set(label, [...(groups.get(label) ?? []), i]);
    }
    return [...groups.entries()].map(([label, items]) => ({ label, items }));
  });
  const selected = computed(() => indicators.value.find((i) => i.code === code.value));
  const unit = computed(() => selected.value?.unit);
  const order = computed(() => series.memberOrder(selected.value?.dimensions ?? []));

  const inArea = (o: { members: { id: string }[] }) => !area.value || o.members.some((m) => m.id === area.value);
  const areaOptions = computed(() => {
    const seen = new Map<string, string>();
    for (const o of coverage.value) for (const m of o.members) if (m.dimension.code === 'area') seen.set(m.id, m.labelSv);
    return [...seen.entries()].map(([id, label]) => ({ id, label }));
  });
  const regionOptions = computed(() => {
    const seen = new Map<string, { code: string; name: string; level: string }>();
    for (const o of coverage.value) if (inArea(o)) seen.set(o.region.code, o.region);
    return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
  });
  const countyPeriods = computed(() => [...new Set(coverage.value.filter((o) => inArea(o) && o.region.level === 'COUNTY').map((o) => o.period))].sort());

  // ---- time series ----------------------------------------------------------------------
  const lineSeries = computed(() => series.lineSeries(timeSeries.value, omit.value, unit.value, order.value));
  const seriesPeriods = computed(() => series.periodsOf(timeSeries.value));
  const ranges = computed(() => series.countyRanges(timeSeries.value, omit.value, unit.value));
  const singleYearRows = computed(() => series.singleYearRows(lineSeries.value));
  const regionName = computed(() => regionOptions.value.find((r) => r.code === region.value)?.name ?? region.value);
  const seriesTable = computed(() => series.seriesTable(timeSeries.value, lineSeries.value, omit.value, unit.value));

  // ---- county comparison ------------------------------------------------------------------
  const crossAll = computed(() => [...countryCross.value, ...cross.value]);
  const crossKeys = computed(() => series.crossKeys(crossAll.value, crossOmit.value, order.value));
  const byRegion = computed(() => series.byRegion(crossAll.value));
  const stacked = computed(() => series.isStacked(crossKeys.value, byRegion.value, unit.value));
  /** The series the map (and, unless stacked, the bar chart) shows: the reader's choice, else the first. */
  const chosenKey = computed({
    get: () => (crossKeys.value.some((k) => k.key === seriesChoice.value) ? seriesChoice.value : (crossKeys.value[0]?.key ?? '')),
    set: (key: string) => (seriesChoice.value = key),
  });
  const chosenLabel = computed(() => crossKeys.value.find((k) => k.key === chosenKey.value)?.label ?? '');
  const shownKeys = computed(() => (stacked.value ? crossKeys.value : crossKeys.value.filter((k) => k.key === chosenKey.value)));
  const barSeries = computed(() => shownKeys.value.map((k, i) => ({ ...k, color: palette[i % palette.length]! })));
  const comparisonRegions = computed(() => {
    const country = countryCross.value[0]?.region;
    return [...(country ? [{ code: country.code, name: country.name }] : []), ...counties.value];
  });
  const barRows = computed(() => series.barRows(comparisonRegions.value, byRegion.value, shownKeys.value, crossOmit.value, unit.value));
  const crossTable = computed(() => series.crossTable(comparisonRegions.value, byRegion.value, shownKeys.value, crossOmit.value, unit.value));
  const withheldReasons = computed(() => series.reasonsOf(cross.value, ['SUPPRESSED', 'MISSING']));
  const chartOnlyReasons = computed(() => series.reasonsOf(cross.value, ['CHART_ONLY']));
  const chartOnlyCount = computed(() => series.regionCount(cross.value, 'CHART_ONLY'));
  const countyCount = computed(() => series.regionCount(cross.value, 'PUBLISHED'));
  const exportUrl = computed(() => {
    if (!code.value || period.value == null) return '';
    const f = { indicators: [code.value], level: 'COUNTY', periodFrom: period.value, periodTo: period.value, ...(area.value ? { members: [area.value] } : {}) };
    return `/export/observations.csv?filter=${encodeURIComponent(JSON.stringify(f))}`;
  });
  const mapItems = computed(() => series.countyMap(counties.value, byRegion.value, chosenKey.value, crossOmit.value, unit.value));
  const mapCaption = computed(() => {
    const i = selected.value;
    if (!i) return '';
    const areaLabel = area.value ? `, ${areaOptions.value.find((a) => a.id === area.value)?.label}` : '';
    const shown = crossKeys.value.length > 1 ? `: ${chosenLabel.value}` : '';
    return `Map: ${i.titleSv}${areaLabel}${shown}, per county ${period.value} (${unitLabels[i.unit] ?? i.unit})`;
  });
  const synthetic = computed(() => [...timeSeries.value, ...cross.value].some((o) => o.dataset.synthetic));

  // ---- loading --------------------------------------------------------------------------
  async function loadSeries() {
    const wanted = area.value;
    timeSeries.value = code.value && region.value ? (await insyn().timeSeries({ indicator: code.value, region: region.value, members: wanted ? [wanted] : null })).timeSeries : [];
    seriesArea.value = wanted;
  }
  async function loadCross() {
    if (!code.value || period.value == null) {
      cross.value = [];
      countryCross.value = [];
      return;
    }
    const members = area.value ? [area.value] : null;
    const [c, n] = await Promise.all([
      insyn().crossSection({ indicator: code.value, period: period.value, level: 'COUNTY', members }),
      insyn().crossSection({ indicator: code.value, period: period.value, level: 'COUNTRY', members }),
    ]);
    cross.value = c.crossSection;
    countryCross.value = n.crossSection;
    crossArea.value = members ? members[0]! : '';
  }
  async function selectIndicator(initial = false) {
    unknown.value = null;
    await run(async () => {
      coverage.value = code.value ? await indicatorCoverage(insyn(), code.value) : [];
      const areaParam = initial ? readParam('area') : null;
      const areas = areaOptions.value.map((a) => a.id);
      // Several years: every area as its own line; one year: the first area (a county chart needs one).
      const years = new Set(coverage.value.map((o) => o.period));
      area.value = areaParam === 'all' ? '' : areaParam && areas.includes(`area:${areaParam}`) ? `area:${areaParam}` : years.size > 1 && areas.length > 1 ? '' : (areas[0] ?? '');
      pickDefaults(initial);
      seriesChoice.value = '';
      await Promise.all([loadSeries(), loadCross()]);
      sync();
    });
  }
  function pickDefaults(initial: boolean) {
    const regions = regionOptions.value.map((r) => r.code);
    const regionParam = initial ? readParam('region') : null;
    region.value = regionParam && regions.includes(regionParam) ? regionParam : regions.includes('00') ? '00' : (regions[0] ?? '');
    const periodParam = initial ? Number(readParam('period')) : NaN;
    const periods = countyPeriods.value;
    period.value = periods.includes(periodParam) ? periodParam : (periods[periods.length - 1] ?? null);
  }
  const selectArea = () => run(async () => {
    pickDefaults(false);
    await Promise.all([loadSeries(), loadCross()]);
    sync();
  });
  const selectRegion = () => run(async () => {
    await loadSeries();
    sync();
  });
  const selectPeriod = () => run(async () => {
    await loadCross();
    sync();
  });
  function sync() {
    writeParams({ indicator: code.value, area: area.value.replace(/^area:/, '') || (areaOptions.value.length ? 'all' : null), region: region.value === '00' ? null : region.value, period: period.value == null ? null : String(period.value) });
  }

  /** Every indicator and county, then the one the URL names (or IBIC), on mount. */
  const start = () =>
    run(async () => {
      const all: Indicator[] = [];
      let after: string | null | undefined;
      do {
        const page = await insyn().indicators({ first: 100, after });
        all.push(...page.indicators.edges.map((e) => e.node));
        after = page.indicators.pageInfo.hasNextPage ? page.indicators.pageInfo.endCursor : null;
      } while (after);
      indicators.value = all;
      counties.value = await countyList();
      const wanted = readParam('indicator');
      if (wanted && !all.some((i) => i.code === wanted)) {
        // Ask the API, which names the nearest codes; show the error, not some other indicator.
        try {
          await insyn().query(IndicatorByCodeDocument, { code: wanted });
        } catch (e) {
          if (!(e instanceof InsynApiError)) throw e;
          const suggestions = (e.suggestions ?? []).map((c) => ({ code: c, title: all.find((i) => i.code === c)?.titleSv ?? c }));
          unknown.value = { code: wanted, suggestions };
          return;
        }
      }
      code.value = wanted ?? (all.some((i) => i.code === 'oj-ibic-utredning') ? 'oj-ibic-utredning' : (all[0]?.code ?? ''));
      await selectIndicator(true);
    });

  return { indicators, counties, filter, code, area, region, period, timeSeries, cross, countryCross, loading, error, unknown, filtered, groupedOptions, selected, unit, areaOptions, regionOptions, countyPeriods, lineSeries, seriesPeriods, ranges, singleYearRows, regionName, seriesTable, crossKeys, stacked, chosenKey, chosenLabel, shownKeys, barSeries, barRows, crossTable, withheldReasons, chartOnlyReasons, chartOnlyCount, countyCount, exportUrl, mapItems, mapCaption, synthetic, selectIndicator, selectArea, selectRegion, selectPeriod, start };
}
