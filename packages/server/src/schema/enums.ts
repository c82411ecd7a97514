import { builder } from '../builder.js';
import * as Db from '../generated/prisma/enums.js';

/**
 * Every GraphQL enum. Those with a column behind them take their values from the generated
 * Prisma enums (prisma/schema.prisma is the one list); the rest have no column and list
 * their values here. Each value needs a description: a missing or extra one is a type error.
 */
type Described<Values extends string> = { readonly [V in Values]: string };

const withDescriptions = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([value, description]) => [value, { description }]));

/** A GraphQL enum whose values are a Prisma enum's. */
function columnEnum<const E extends Record<string, string>>(values: E, name: string, description: string, described: Described<E[keyof E]>) {
  // Pothos' option type is conditional on the enum's type, which stays open inside a generic.
  return builder.enumType(values, { name, description, values: withDescriptions(described) } as never);
}

/** A GraphQL enum with no column behind it (an argument or a computed field). */
export function describedEnum<const V extends string>(name: string, description: string, described: Described<V>) {
  const values = Object.fromEntries(Object.keys(described).map((v) => [v, v])) as { [K in V]: K };
  return builder.enumType(values, { name, description, values: withDescriptions(described) } as never);
}

export const RegionLevel = columnEnum(Db.RegionLevel, 'RegionLevel', 'Level of a region (nivå).', {
  COUNTRY: 'Riket (Sweden).',
  COUNTY: 'Län (county), SCB two-digit code.',
  MUNICIPALITY: 'Kommun (municipality), SCB four-digit code.',
  DISTRICT: 'Stadsdelsområde (Stockholm) or socialförvaltning (Göteborg).',
});

export const IndicatorKind = columnEnum(Db.IndicatorKind, 'IndicatorKind', 'What kind of measure an indicator is.', {
  INDICATOR: 'An indicator (indikator) with a direction: more (or less) is better.',
  BACKGROUND_MEASURE: 'A background measure (bakgrundsmått): describes, has no direction.',
  SURVEY_RESULT: 'A survey result (enkätresultat) that is not an official indicator.',
  DESCRIPTIVE_STATISTIC: 'A descriptive figure: response rates, catalogue sizes, counts of persons, means.',
});

export const Unit = columnEnum(Db.Unit, 'Unit', 'Unit of an indicator\'s values.', {
  PERCENT: 'Percent (procent), 0-100.',
  COUNT: 'A count (antal).',
  NUMBER: 'A number that is not a count, e.g. a mean.',
  SEK: 'Swedish kronor.',
  YES_NO: 'A yes/no answer (Ja/Nej), e.g. a municipality\'s answer in Öppna jämförelser\'s survey as Kolada publishes it: figures carry `answer` and `printed` ("Ja"/"Nej"), `value` is null.',
});

export const Answer = columnEnum(Db.Answer, 'Answer', 'A yes/no figure, decoded by its series\' own coding (Kolada codes Ja=1/Nej=0 in some series and Ja=1/Nej=2 in others; Insyn reads each from the series\' title, never assumes).', {
  YES: 'Ja.',
  NO: 'Nej.',
});

export const Direction = columnEnum(Db.Direction, 'Direction', 'Which way is better (riktning).', {
  HIGHER_IS_BETTER: 'A higher value is better.',
  LOWER_IS_BETTER: 'A lower value is better.',
  NONE: 'No direction: a background measure or descriptive figure.',
});

export const ObservationStatus = columnEnum(Db.ObservationStatus, 'ObservationStatus', 'Whether a figure is published, and whether Insyn has its value.', {
  PUBLISHED: 'Published (redovisas): `value` holds the figure.',
  SUPPRESSED: 'Withheld by the publisher, e.g. non-response over 20 % (bortfall > 20 %, redovisas inte); see `statusReason`.',
  MISSING: 'Not published: the source prints no figure here (e.g. "-" in a table cell); see `statusReason`.',
  CHART_ONLY: 'Published, but only as a chart (e.g. a bar of Figur 1) whose value is not in the text of the document Insyn holds: the figure exists, its value is not available to us. `value` is null, `table` names the chart, `statusReason` says what the chart shows.',
});

export const ValueReading = columnEnum(Db.ValueReading, 'ValueReading', 'How `value` relates to the figure the source prints (`printed`).', {
  AS_PRINTED: '`value` is the printed figure.',
  MISPRINT_READ: 'The printed figure is impossible as printed (e.g. "875" in a 0-100 share); `value` is Insyn\'s reading of it, `note` says why. Readings are used in rankings, comparisons and means like printed figures, and flagged by this value.',
});

export const AreaKind = columnEnum(Db.AreaKind, 'AreaKind', 'Where an area comes from.', {
  SKR_AREA: "One of SKR's six areas of the 2022 intervention mapping.",
  REPORT_AREA: 'A report area of Öppna jämförelser (e.g. LSS, äldre ordinärt boende).',
});

export const UptakeList = columnEnum(Db.UptakeList, 'UptakeList', 'Which of SKR\'s tables lists an intervention.', {
  TOP_10: 'De tio vanligaste (the ten most offered).',
  BOTTOM_10: 'De tio minst vanliga (the ten least offered).',
});

export const ActionPlanItemKind = columnEnum(Db.ActionPlanItemKind, 'ActionPlanItemKind', 'A finding or an activity of an action plan.', {
  FINDING: 'A finding of the inventory (iakttagelse).',
  ACTIVITY: 'An activity with a deadline (aktivitet).',
});

export const OfferingForm = columnEnum(Db.OfferingForm, 'OfferingForm', 'Form an intervention is given in (form).', {
  PHYSICAL_ONLY: 'Enbart fysisk form.',
  PHYSICAL_AND_DIGITAL: 'Fysisk och digital form.',
  DIGITAL_ONLY: 'Enbart digital form.',
  UNKNOWN: 'Vet ej.',
});

export const OfferingProvider = columnEnum(Db.OfferingProvider, 'OfferingProvider', 'Who provides it (regi).', {
  MUNICIPAL_ONLY: 'Enbart kommunal regi.',
  MUNICIPAL_AND_PRIVATE: 'Kommunal och enskild regi.',
  PRIVATE_ONLY: 'Enbart enskild regi.',
  UNKNOWN: 'Vet ej.',
});

export const OfferingDecision = columnEnum(Db.OfferingDecision, 'OfferingDecision', 'Whether a needs-assessment decision is required (biståndsbeslut).', {
  WITH_DECISION_ONLY: 'Enbart med biståndsbeslut.',
  WITH_AND_WITHOUT_DECISION: 'Både med och utan biståndsbeslut.',
  WITHOUT_DECISION_ONLY: 'Enbart utan biståndsbeslut.',
  UNKNOWN: 'Vet ej.',
});

export const ReachBand = columnEnum(Db.ReachBand, 'ReachBand', 'How many persons received it (antal individer), banded.', {
  REACH_1_9: '1-9 persons.',
  REACH_10_49: '10-49 persons.',
  REACH_50_PLUS: '50 or more.',
});

export const DatasetKind = columnEnum(Db.DatasetKind, 'DatasetKind', 'Where a data set comes from, and so who may change it.', {
  PUBLISHED: 'Figures from the published sources (loaded from the data files).',
  SYNTHETIC: 'Generated demo data (syntetiska data), calibrated to published aggregates; not real answers.',
  IMPORTED: 'Real answers or figures brought in from outside the data files: `npm run import`, partners\' writes, or `npm run sync -- kolada` (Kolada\'s per-municipality figures).',
});

export const SurveyStatus = columnEnum(Db.SurveyStatus, 'SurveyStatus', 'How far a unit got with a survey (enkätstatus).', {
  COMPLETED: 'Slutförd enkät.',
  STARTED: 'Påbörjad enkät.',
  NOT_STARTED: 'Ej påbörjad enkät.',
});
