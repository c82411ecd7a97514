/**
 * Prisma's `contains` becomes `LIKE '%' || $1 || '%'` without escaping: a search for `%` or `_`
 * matched every row. Escapes PostgreSQL's LIKE wildcards (and the escape character itself).
 */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
