/** Sidebar of the generated schema reference (pages written by scripts/schema-reference.mjs). */
export function referenceSidebar() {
  return [
    {
      text: 'Schema reference',
      items: [
        { text: 'Overview and Query', link: '/reference/' },
        { text: 'Object types', link: '/reference/objects' },
        { text: 'Interfaces and scalars', link: '/reference/interfaces' },
        { text: 'Input types', link: '/reference/inputs' },
        { text: 'Enums', link: '/reference/enums' },
      ],
    },
  ];
}
