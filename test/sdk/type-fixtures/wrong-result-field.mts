// Must not compile: `nope` is not a field of the MunicipalityProfile result.
import { createClient } from '../../../packages/sdk/src/index.js';

const insyn = createClient({ url: 'http://localhost:4000/graphql' });
const profile = await insyn.municipalityProfile({ code: '0180' });
export const nope = profile.region.nope;
