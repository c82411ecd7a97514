/** @svg-maps/sweden ships no types: its default export is `{ label, viewBox, locations: [{ id, name, path }] }`. */
declare module '@svg-maps/sweden' {
  const map: { label: string; viewBox: string; locations: { id: string; name: string; path: string }[] };
  export default map;
}
