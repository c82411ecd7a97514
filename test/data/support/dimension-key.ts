/** The loader's key for a set of dimension members ("area=aldre;form=digital_only"): pairs sorted by dimension. */
export const dimensionKey = (dims: string) => dims.split(';').filter(Boolean).sort((a, b) => a.split('=')[0]!.localeCompare(b.split('=')[0]!)).join(';');
