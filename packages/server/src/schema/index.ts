import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.js';
import './enums.js';
import './sources/sources.js';
import './regions/regions.js';
import './indicators/indicators.js';
import './indicators/observations.js';
import './indicators/comparisons.js';
import './indicators/export.js';
import './interventions/interventions.js';
import './offerings/offerings.js';
import './action-plans/action-plans.js';

export const schema = lexicographicSortSchema(builder.toSchema());
