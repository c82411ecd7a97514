import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import { referenceSidebar } from '../scripts/reference-sidebar.js';

/**
 * The docs site. Built to apps/docs/dist, which the API server serves at `/` next to
 * `/graphql` (packages/server/src/http/docs-site.ts), so the live pages call the API on the same
 * origin. Clean URLs: `/guide/partners` is served from `guide/partners.html`.
 */
export default defineConfig({
  lang: 'en',
  title: 'Insyn',
  description: 'An open GraphQL API comparing Swedish social services, with the source of every figure.',
  outDir: 'dist',
  cleanUrls: true,
  lastUpdated: false,
  // The API's own paths are not pages of this site.
  ignoreDeadLinks: [/^\/graphql/, /^\/export\//],
  // High-contrast code colours: github-light's keyword red is under 4.5:1 on the code background.
  markdown: { theme: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } },
  head: [
    ['meta', { name: 'theme-color', content: '#1d4e89' }],
    ['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }],
  ],
  vite: {
    // `npm run dev`: the live pages call /graphql on their own origin; send it to a running `npm start`.
    server: { proxy: { '/graphql': 'http://localhost:4000', '/export': 'http://localhost:4000' } },
    // @svg-maps/sweden is ESM without "type": "module": bundle it, so the static build does not require() it.
    ssr: { noExternal: ['@svg-maps/sweden'] },
    resolve: {
      // Overrides one internal component of the default theme (see the component for why).
      alias: [{ find: /^.*\/VPNavBarSearchButton\.vue$/, replacement: fileURLToPath(new URL('./theme/components/NavBarSearchButton.vue', import.meta.url)) }],
    },
  },
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Guides', link: '/guide/frontend' },
      { text: 'Explore', link: '/explore/indicators' },
      { text: 'Schema', link: '/reference/' },
      { text: 'GraphiQL', link: '/graphql', target: '_self' },
    ],
    sidebar: {
      '/reference/': referenceSidebar(),
      '/': [
        { text: 'Start', items: [{ text: 'Getting started', link: '/getting-started' }] },
        {
          text: 'Guides',
          items: [
            { text: 'Frontend teams (SDK)', link: '/guide/frontend' },
            { text: 'Researchers (GraphiQL, CSV)', link: '/guide/researchers' },
            { text: 'Partner organisations', link: '/guide/partners' },
          ],
        },
        {
          text: 'Explore the data (live)',
          items: [
            { text: 'Indicator explorer', link: '/explore/indicators' },
            { text: 'Municipality profile', link: '/explore/municipality' },
            { text: 'Intervention catalogue', link: '/explore/catalogue' },
          ],
        },
        { text: 'Reference', items: [{ text: 'Schema reference', link: '/reference/' }, { text: 'Credits', link: '/credits' }] },
      ],
    },
    outline: { level: [2, 3] },
    // The 404 link's name is its text (the default aria-label "go to home" fails label-content-name-mismatch).
    notFound: { linkText: 'Take me home', linkLabel: 'Take me home' },
    search: { provider: 'local' },
    footer: {
      message: 'Figures: Socialstyrelsen, SKR, Mind, Stockholms stad, as published. Offerings per municipality are synthetic demo data. Map: @svg-maps/sweden, CC BY 4.0. <a href="/credits">Credits</a>',
    },
  },
});
