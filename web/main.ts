/**
 * The app frame: header, navigation built from the panel registry, and the address kept in sync with the open
 * panel and its settings (`#panel?key=value`). Panels mount on first visit and stay mounted (hidden) afterwards, so
 * switching back is instant; an address that changes a mounted panel's settings (back/forward, an edited or pasted
 * link) remounts it from those settings. A panel that fails to mount shows what went wrong in its place; the frame and
 * the other panels keep working.
 * @module
 */
import './styles.css';
import { findPanel, panels, type Panel, type PanelInstance } from './panels/index.js';
import { loadPlotly } from './plot.js';
import { formatHash, PanelState, parseHash, sameParams, type Route } from './state.js';
import { h } from './controls.js';

interface Mounted {
  section: HTMLElement;
  state: PanelState;
  instance: PanelInstance | void;
}

/** Where the API reference is (vite.config.ts: `api/` beside the page unless configured at build time). */
declare const __API_REFERENCE_URL__: string;

const nav = document.getElementById('nav')!;
(document.getElementById('api-reference') as HTMLAnchorElement | null)?.setAttribute('href', __API_REFERENCE_URL__);
const main = document.getElementById('main')!;
const mounted = new Map<string, Mounted>();
const links = new Map<string, HTMLAnchorElement>();

for (const p of panels) {
  const a = h('a', '', p.title);
  a.href = formatHash({ panel: p.id, params: {} });
  a.dataset.panel = p.id;
  links.set(p.id, a);
  nav.append(a);
}

function mount(p: Panel, params: Record<string, string>): Mounted {
  const section = h('section', 'panel');
  section.id = `panel-${p.id}`;
  section.dataset.panel = p.id;
  section.append(h('h2', 'panel-title', p.title), h('p', 'blurb', p.blurb));
  const body = h('div', 'panel-body');
  section.append(body);
  main.append(section);
  const state = new PanelState(p.id, params);
  state.onChange = () => { links.get(p.id)!.href = formatHash(state.route()); };
  state.onChange();
  let instance: PanelInstance | void = undefined;
  try {
    instance = p.mount(body, state);
  } catch (err) {
    // A bug, not bad input (controls report that beside themselves): say so here instead of leaving a blank page.
    console.error(err);
    const msg = h('p', 'error mount-error', `This panel could not be shown: ${err instanceof Error ? err.message : String(err)}. `);
    const reset = h('a', '', 'Open it with its default settings');
    reset.href = formatHash({ panel: p.id, params: {} });
    msg.append(reset);
    body.replaceChildren(msg);
  }
  const m: Mounted = { section, state, instance };
  mounted.set(p.id, m);
  return m;
}

function unmount(id: string): void {
  const m = mounted.get(id);
  if (!m) return;
  m.instance?.dispose?.();
  m.section.remove();
  mounted.delete(id);
}

function show(route: Route): void {
  const p = findPanel(route.panel) ?? panels[0];
  if (p.id !== route.panel) history.replaceState(history.state, '', formatHash({ panel: p.id, params: route.params }));
  let m = mounted.get(p.id);
  if (m && !sameParams(m.state.snapshot(), route.params)) {
    unmount(p.id);
    m = undefined;
  }
  for (const [id, other] of mounted) other.section.hidden = id !== p.id;
  if (!m) m = mount(p, route.params);
  else {
    m.section.hidden = false;
    m.instance?.shown?.();
  }
  for (const [id, a] of links) {
    if (id === p.id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${p.title} · spikebridge`;
  document.body.dataset.panel = p.id;
}

window.addEventListener('hashchange', () => show(parseHash(location.hash)));
show(parseHash(location.hash));
// The first panel's controls are up and its job is in the worker: now fetch the plotting library beside it.
void loadPlotly();
