// Must not compile: `KOMMUN` is not a RegionLevel (MUNICIPALITY is).
import { createClient } from '../../../packages/sdk/src/index.js';

const insyn = createClient({ url: 'http://localhost:4000/graphql' });
export const counties = await insyn.ranking({ indicator: 'skr-form-share', period: 2022, level: 'KOMMUN' });
