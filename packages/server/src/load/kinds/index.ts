/**
 * Every kind of data file, in the order the loader reads them: each after the kinds whose codes
 * it checks (regions before groups, dimensions before indicators before figures, …).
 */
import { actionPlans, focusAreas, items } from './action-plans.js';
import { highlights, interventions, texts } from './catalogue.js';
import { areas, dimensions, indicators, observations, printings } from './figures.js';
import type { FileKind } from './kind.js';
import { counties, districts, koladaAreas, municipalities, municipalityGroups, sources } from './regions.js';

export const FILE_KINDS: FileKind[] = [
  sources, koladaAreas, counties, municipalities, districts, municipalityGroups,
  areas, dimensions, indicators, observations, printings,
  interventions, highlights, texts,
  actionPlans, focusAreas, items,
];
