/** A placeholder for a panel that is planned but not built yet (issue 8). @module */
import { h } from '../controls.js';
import type { Panel } from './index.js';

/** A panel that only says what will be there. */
export function plannedPanel(id: string, title: string, blurb: string): Panel {
  return {
    id,
    title,
    blurb,
    planned: true,
    mount(container) {
      // The frame already shows the title and the blurb.
      const box = h('div', 'planned');
      box.append(h('p', '', 'This panel is planned (issue 8, “The web app, part 2”) and not built yet; the line above says what it will show.'));
      container.append(box);
    },
  };
}
