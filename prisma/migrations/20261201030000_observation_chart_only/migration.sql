-- A figure the source publishes only as a chart whose value is not in the text Insyn holds
-- (Öppna jämförelser 2021 LSS, Figur 1: 18 counties as bars the text extraction lost). Not
-- MISSING (the source prints no figure) and not SUPPRESSED (the publisher withholds it).
ALTER TYPE "ObservationStatus" ADD VALUE IF NOT EXISTS 'CHART_ONLY';
