/** SKR's intervention catalogue, its "most common" highlights, and listed texts. */
import { slugify } from '../csv.js';
import { searchKey } from '../../lookup/search-key.js';
import { parseLocator } from '../locator.js';
import { claim, seedFiles, sourceOf, type FileKind } from './kind.js';

export const interventions: FileKind = {
  tables: ['intervention_category', 'intervention'],
  files: seedFiles((f) => f === 'interventions.csv'),
  columns: ['area', 'category', 'name', 'offering_count', 'answering_count', 'printed_share', 'list', 'rank', 'locator', 'note'],
  row: (r, ctx, file) => {
    const categories = ctx.plan.intervention_category!;
    const area = r.required('area');
    if (!ctx.areas.has(area)) r.fail('area', `unknown area "${area}"`);
    const name = r.required('name');
    const code = `${area}:${slugify(name)}`;
    const byName = ctx.interventionsByArea.get(area) ?? new Map<string, string>();
    ctx.interventionsByArea.set(area, byName);
    if (byName.has(searchKey(name))) r.fail('name', `intervention "${name}" is already listed for ${area}`);
    byName.set(searchKey(name), code);
    claim(ctx.seen('intervention'), code, r, 'name', `intervention code ${code} (names that differ only in punctuation or case get the same code)`);
    const category = r.get('category');
    let categoryCode: string | null = null;
    if (category) {
      categoryCode = `${area}:${slugify(category)}`;
      // The report prints some categories both with and without a comma or colon ("Övriga
      // insatser, riktade till ..."): one category, named as first printed; each intervention
      // keeps its own table's printing (category_printed).
      if (!categories.some((c) => c.code === categoryCode)) {
        categories.push({ code: categoryCode, area_code: area, name_sv: category, position: categories.filter((c) => c.area_code === area).length + 1 });
      }
    }
    const offering = r.int('offering_count');
    const answering = r.int('answering_count');
    if ((offering === null) !== (answering === null)) r.fail('answering_count', 'give both the offering and the answering count, or neither');
    if (offering !== null && answering !== null && offering > answering) r.fail('offering_count', `${offering} offering is more than the ${answering} answering`);
    // The catalogue is what SKR's tables name. A name printed only in running text or in a
    // list of free-text examples ("I fritextsvaren i enkäten återfinns följande exempel") is
    // what municipalities wrote, not a catalogue intervention: it belongs in texts.csv.
    if (!parseLocator(r.required('locator')).some((p) => p.kind === 'TABLE')) {
      r.fail('locator', `"${name}" is named in no table of the report: a catalogue intervention is named in a table (Tabell N); an example from the free-text answers belongs in texts.csv (topic wanted_without_decision)`);
    }
    const list = r.get('list');
    if (list && list !== 'top10' && list !== 'bottom10') r.fail('list', `"${list}" must be top10 or bottom10`);
    ctx.plan.intervention!.push({
      code, area_code: area, category_code: categoryCode, category_printed: category, name_sv: name, search_name: searchKey(name),
      published_offering_count: offering, published_answering_count: answering, published_share_printed: r.get('printed_share'),
      uptake_list: list === 'top10' ? 'TOP_10' : list === 'bottom10' ? 'BOTTOM_10' : null, uptake_rank: r.int('rank'),
      locator: r.required('locator'), note: r.get('note'), source_code: sourceOf(ctx, file, r),
    });
  },
};

export const highlights: FileKind = {
  tables: ['intervention_highlight'],
  files: seedFiles((f) => f === 'intervention_highlights.csv'),
  columns: ['area', 'dimension', 'member', 'rank', 'intervention', 'locator'],
  row: (r, ctx, file) => {
    const area = r.required('area');
    const memberId = `${r.required('dimension')}:${r.required('member')}`;
    if (!ctx.members.has(memberId)) r.fail('member', `unknown dimension member ${memberId}`);
    const name = r.required('intervention');
    const code = ctx.interventionsByArea.get(area)?.get(searchKey(name)) ?? r.fail('intervention', `"${name}" is not in the ${area} interventions.csv`);
    const rank = r.int('rank') ?? r.fail('rank', 'required');
    const id = `${area}:${memberId}:${rank}`;
    claim(ctx.seen('highlight'), id, r, 'rank', `rank ${rank} of ${memberId} in ${area}`);
    ctx.plan.intervention_highlight!.push({ id, area_code: area, member_id: memberId, rank, intervention_code: code, locator: r.required('locator'), source_code: sourceOf(ctx, file, r) });
  },
};

export const texts: FileKind = {
  tables: ['source_text'],
  files: seedFiles((f) => f === 'texts.csv'),
  columns: ['topic', 'area', 'position', 'text_sv', 'locator'],
  row: (r, ctx, file) => {
    const area = r.get('area');
    if (area && !ctx.areas.has(area)) r.fail('area', `unknown area "${area}"`);
    const source = sourceOf(ctx, file, r);
    const position = r.int('position') ?? r.fail('position', 'required');
    const topic = r.required('topic');
    const id = `${source}:${topic}:${area ?? ''}:${position}`;
    claim(ctx.seen('text'), id, r, 'position', `position ${position} of ${topic}${area ? ` in ${area}` : ''}`);
    ctx.plan.source_text!.push({ id, source_code: source, topic, area_code: area, position, text_sv: r.required('text_sv'), locator: r.required('locator') });
  },
};
