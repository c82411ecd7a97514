// Must not compile: TimeSeries needs `region`.
import { createClient, TimeSeriesDocument } from '../../../packages/sdk/src/index.js';

const insyn = createClient({ url: 'http://localhost:4000/graphql' });
export const series = await insyn.query(TimeSeriesDocument, { indicator: 'oj-ibic-utredning' });
