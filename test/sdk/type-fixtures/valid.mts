// Compiles: typed results, variables, errors and the synthetic notice, as a user writes them.
import { AreasDocument, createClient, InsynApiError, TimeSeriesDocument, type MunicipalityProfileQuery, type ObservationFieldsFragment, type RegionLevel } from '../../../packages/sdk/src/index.js';

const insyn = createClient({ url: 'http://localhost:4000/graphql', headers: { 'x-api-key': 'key' }, fetch });

export async function valid(): Promise<void> {
  const { timeSeries } = await insyn.timeSeries({ indicator: 'oj-ibic-utredning', region: '00', members: ['area:socialpsykiatri'] });
  const value: number | null = timeSeries[0]!.value;
  const title: string = timeSeries[0]!.source.title;
  const synthetic: boolean = timeSeries[0]!.dataset.synthetic;
  const figure: ObservationFieldsFragment = timeSeries[0]!;
  const level: RegionLevel = 'COUNTY';
  const { crossSection } = await insyn.crossSection({ indicator: 'skr-provider-share', period: 2022, level, members: ['area:aldre'] });
  const shortName: string = crossSection[0]!.region.shortName;
  const profile: MunicipalityProfileQuery = await insyn.municipalityProfile({ code: '0180' });
  const countyMean: number | null | undefined = profile.region.offeringSummary[0]?.countyMean;
  const { data, synthetic: notice } = await insyn.withMeta.whoOffers({ intervention: 'aldre:hemtjanst', filter: { county: '01', form: 'DIGITAL_ONLY' } });
  const offered: boolean | undefined = data.offerings.edges[0]?.node.offered;
  const noticeText: string | undefined = notice?.notice;
  const same = await insyn.query(TimeSeriesDocument, { indicator: 'oj-ibic-utredning', region: '00' });
  const period: number | undefined = same.timeSeries[0]?.period;
  const { areas } = await insyn.query(AreasDocument); // no variables, none needed
  const catalogueSize: number | null | undefined = areas[0]?.catalogueSize;
  try {
    await insyn.regions({ search: 'malmo', first: 10 });
  } catch (error) {
    if (error instanceof InsynApiError) {
      const code: string = error.code;
      const suggestions: string[] | undefined = error.suggestions;
      void [code, suggestions];
    }
  }
  void [catalogueSize, figure, value, title, synthetic, shortName, countyMean, offered, noticeText, period];
}
