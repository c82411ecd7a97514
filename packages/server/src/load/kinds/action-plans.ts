/**
 * Local action plans (Stockholm's 2013 handlingsplan): a folder's action_plans.csv names the
 * plan and its region; its focus areas and items are the files beside it.
 */
import path from 'node:path';
import { DataFileError } from '../errors.js';
import { claim, seedFiles, sourceOf, type Context, type FileKind } from './kind.js';

const FOCUS_AREAS = 'action_plan_focus_areas.csv';
const ITEMS = 'action_plan_items.csv';
/** The files of each plan's folder named `name` (each must exist). */
const beside = (name: string) => (ctx: Context) => [...ctx.actionPlans.keys()].map((dir) => path.join(dir, name));
const planOf = (ctx: Context, file: string) => ctx.actionPlans.get(path.dirname(file))!;

export const actionPlans: FileKind = {
  tables: ['action_plan'],
  files: seedFiles((f) => f === 'action_plans.csv'),
  columns: ['code', 'region'],
  row: (r, ctx, file) => {
    const source = sourceOf(ctx, file, r);
    const dir = path.dirname(file);
    if (ctx.actionPlans.has(dir)) r.fail('code', `one action plan per folder: its ${FOCUS_AREAS} and ${ITEMS} are the plan's`);
    const region = r.required('region');
    if (!ctx.regions.has(region)) r.fail('region', `unknown region "${region}"`);
    const code = `${source}:${r.required('code')}`;
    claim(ctx.seen('action_plan'), code, r, 'code', `action plan ${code}`);
    ctx.actionPlans.set(dir, { code, focusCodes: new Set() });
    // The plan is its document: its title and year are the document's, as sources.csv has them (as printed).
    const document = ctx.plan.source!.find((s) => s.code === source)!;
    ctx.plan.action_plan!.push({ code, title: document.title ?? null, region_code: region, year: document.year ?? null, source_code: source });
  },
  // Focus areas or items without a plan beside them would otherwise be left out unseen.
  done: (ctx) => {
    for (const file of seedFiles((f) => f === FOCUS_AREAS || f === ITEMS)(ctx)) {
      if (!ctx.actionPlans.has(path.dirname(file))) throw new DataFileError(file, null, null, `there is no action_plans.csv beside it to name its plan`);
    }
  },
};

export const focusAreas: FileKind = {
  tables: ['action_plan_focus_area'],
  files: beside(FOCUS_AREAS),
  columns: ['code', 'position', 'title_sv', 'description_sv', 'locator'],
  row: (r, ctx, file) => {
    const plan = planOf(ctx, file);
    const code = `${plan.code}:${r.required('code')}`;
    claim(ctx.seen('focus_area'), code, r, 'code', `focus area ${r.required('code')}`);
    plan.focusCodes.add(r.required('code'));
    ctx.plan.action_plan_focus_area!.push({ code, plan_code: plan.code, position: r.int('position') ?? r.fail('position', 'required'), title_sv: r.required('title_sv'), description_sv: r.get('description_sv'), locator: r.required('locator') });
  },
};

export const items: FileKind = {
  tables: ['action_plan_item'],
  files: beside(ITEMS),
  columns: ['focus_area', 'kind', 'position', 'text_sv', 'deadline', 'responsible', 'indicator', 'locator'],
  row: (r, ctx, file) => {
    const plan = planOf(ctx, file);
    const fa = r.required('focus_area');
    if (!plan.focusCodes.has(fa)) r.fail('focus_area', `unknown focus area "${fa}"`);
    const indicator = r.get('indicator');
    if (indicator && !ctx.indicators.has(indicator)) r.fail('indicator', `unknown indicator "${indicator}"`);
    const kind = r.oneOf('kind', ['FINDING', 'ACTIVITY'] as const);
    const position = r.int('position') ?? r.fail('position', 'required');
    claim(ctx.seen(`item:${plan.code}`), `${fa}:${kind}:${position}`, r, 'position', `${kind} ${position} of focus area ${fa}`);
    ctx.plan.action_plan_item!.push({ id: `${plan.code}:${fa}:${kind}:${position}`, focus_area_code: `${plan.code}:${fa}`, kind, position, text_sv: r.required('text_sv'), deadline: r.get('deadline'), responsible: r.get('responsible'), indicator_code: indicator, locator: r.required('locator') });
  },
};
