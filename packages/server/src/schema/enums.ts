import { builder } from '../builder.js';

export const RegionLevel = builder.enumType('RegionLevel', {
  description: 'Level of a region (nivå).',
  values: {
    COUNTRY: { description: 'Riket (Sweden).' },
    COUNTY: { description: 'Län (county), SCB two-digit code.' },
    MUNICIPALITY: { description: 'Kommun (municipality), SCB four-digit code.' },
    DISTRICT: { description: "Stadsdelsområde (Stockholm) or socialförvaltning (Göteborg)." },
  } as const,
});

export const IndicatorKind = builder.enumType('IndicatorKind', {
  description: 'What kind of measure an indicator is.',
  values: {
    INDICATOR: { description: 'An indicator (indikator) with a direction: more (or less) is better.' },
    BACKGROUND_MEASURE: { description: 'A background measure (bakgrundsmått): describes, has no direction.' },
    SURVEY_RESULT: { description: 'A survey result (enkätresultat) that is not an official indicator.' },
    DESCRIPTIVE_STATISTIC: { description: 'A descriptive figure: response rates, catalogue sizes, counts of persons, means.' },
  } as const,
});

export const Unit = builder.enumType('Unit', {
  description: 'Unit of an indicator\'s values.',
  values: {
    PERCENT: { description: 'Percent (procent), 0-100.' },
    COUNT: { description: 'A count (antal).' },
    NUMBER: { description: 'A number that is not a count, e.g. a mean.' },
    SEK: { description: 'Swedish kronor.' },
    YES_NO: { description: 'A yes/no answer (Ja/Nej), e.g. a municipality\'s answer in Öppna jämförelser\'s survey as Kolada publishes it: figures carry `answer` and `printed` ("Ja"/"Nej"), `value` is null.' },
  } as const,
});

export const Answer = builder.enumType('Answer', {
  description: 'A yes/no figure, decoded by its series\' own coding (Kolada codes Ja=1/Nej=0 in some series and Ja=1/Nej=2 in others; Insyn reads each from the series\' title, never assumes).',
  values: {
    YES: { description: 'Ja.' },
    NO: { description: 'Nej.' },
  } as const,
});

export const Direction = builder.enumType('Direction', {
  description: 'Which way is better (riktning).',
  values: {
    HIGHER_IS_BETTER: { description: 'A higher value is better.' },
    LOWER_IS_BETTER: { description: 'A lower value is better.' },
    NONE: { description: 'No direction: a background measure or descriptive figure.' },
  } as const,
});

export const ObservationStatus = builder.enumType('ObservationStatus', {
  description: 'Whether a figure is published, and whether Insyn has its value.',
  values: {
    PUBLISHED: { description: 'Published (redovisas): `value` holds the figure.' },
    SUPPRESSED: { description: 'Withheld by the publisher, e.g. non-response over 20 % (bortfall > 20 %, redovisas inte); see `statusReason`.' },
    MISSING: { description: 'Not published: the source prints no figure here (e.g. "-" in a table cell); see `statusReason`.' },
    CHART_ONLY: { description: 'Published, but only as a chart (e.g. a bar of Figur 1) whose value is not in the text of the document Insyn holds: the figure exists, its value is not available to us. `value` is null, `table` names the chart, `statusReason` says what the chart shows.' },
  } as const,
});

export const ValueReading = builder.enumType('ValueReading', {
  description: 'How `value` relates to the figure the source prints (`printed`).',
  values: {
    AS_PRINTED: { description: '`value` is the printed figure.' },
    MISPRINT_READ: { description: 'The printed figure is impossible as printed (e.g. "875" in a 0-100 share); `value` is Insyn\'s reading of it, `note` says why. Readings are used in rankings, comparisons and means like printed figures, and flagged by this value.' },
  } as const,
});

export const DatasetKind = builder.enumType('DatasetKind', {
  description: 'Where a data set comes from, and so who may change it.',
  values: {
    PUBLISHED: { description: 'Figures from the published sources (loaded from the data files).' },
    SYNTHETIC: { description: 'Generated demo data (syntetiska data), calibrated to published aggregates; not real answers.' },
    IMPORTED: { description: 'Real answers or figures brought in from outside the data files: `npm run import`, partners\' writes, or `npm run sync -- kolada` (Kolada\'s per-municipality figures).' },
  } as const,
});

export const SurveyStatus = builder.enumType('SurveyStatus', {
  description: 'How far a unit got with a survey (enkätstatus).',
  values: {
    COMPLETED: { description: 'Slutförd enkät.' },
    STARTED: { description: 'Påbörjad enkät.' },
    NOT_STARTED: { description: 'Ej påbörjad enkät.' },
  } as const,
});
