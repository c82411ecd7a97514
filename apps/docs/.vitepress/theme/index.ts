import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import IndicatorExplorer from './components/IndicatorExplorer.vue';
import InterventionCatalogue from './components/InterventionCatalogue.vue';
import MunicipalityProfile from './components/MunicipalityProfile.vue';
import SyntheticBanner from './components/SyntheticBanner.vue';
import './style.css';

/** VitePress' default theme plus the live pages, which fetch through @insyn/sdk in the browser. */
export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('IndicatorExplorer', IndicatorExplorer);
    app.component('MunicipalityProfile', MunicipalityProfile);
    app.component('InterventionCatalogue', InterventionCatalogue);
    app.component('SyntheticBanner', SyntheticBanner);
  },
} satisfies Theme;
