import { isObjectType, lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.js';
import './enums.js';
import './sources/sources.js';
import './datasets/datasets.js';
import './dimensions/dimensions.js';
import './areas/areas.js';
import './regions/regions.js';
import './indicators/indicators.js';
import './indicators/observations.js';
import './indicators/comparisons.js';
import './indicators/export.js';
import './interventions/interventions.js';
import './offerings/offerings.js';
import './offerings/summary.js';
import './offerings/distribution.js';
import './offerings/export.js';
import './action-plans/action-plans.js';
import './changes/changes.js';
import '../partners/answers.js';

const built = builder.toSchema();

// plugin-prisma adds `totalCount` to connections with no option for its description.
for (const type of Object.values(built.getTypeMap())) {
  const totalCount = isObjectType(type) && type.name.endsWith('Connection') ? type.getFields().totalCount : undefined;
  if (totalCount && !totalCount.description) totalCount.description = 'How many results match in all, across every page.';
}

export const schema = lexicographicSortSchema(built);
