/**
 * The panel registry: the navigation, the URL sync and the page frame are generic over this list, so a new panel
 * is one module plus one line here (web/README.md, "Adding a panel").
 * @module
 */
import type { PanelState } from '../state.js';
import { hhPanel } from './hh.js';
import { lifPanel } from './lif.js';
import { tuningPanel } from './tuning.js';
import { firingPatternsPanel } from './firingPatterns.js';
import { synapsesPanel } from './synapses.js';
import { networkPanel } from './network.js';
import { trainingPanel } from './training.js';
import { spikingPanel } from './spiking.js';
import { stdpPanel } from './stdp.js';

/** What a mounted panel may offer back to the frame. */
export interface PanelInstance {
  /** Called each time the panel becomes visible again (plots refit to their container). */
  shown?(): void;
  /** Called before the panel is unmounted (e.g. when the address changes its settings): stop work, free things. */
  dispose?(): void;
}

/** A page of the app. */
export interface Panel {
  /** The URL id: `#id?settings`. */
  id: string;
  /** Navigation label. */
  title: string;
  /** One sentence shown under the panel's heading. */
  blurb: string;
  /** Builds the panel inside `container`, reading and writing its settings through `state`. */
  mount(container: HTMLElement, state: PanelState): PanelInstance | void;
}

/** Every panel, in navigation order. The first is the default. */
export const panels: readonly Panel[] = [
  hhPanel,
  lifPanel,
  tuningPanel,
  firingPatternsPanel,
  synapsesPanel,
  networkPanel,
  trainingPanel,
  spikingPanel,
  stdpPanel,
];

/** The panel with this id, or undefined. */
export function findPanel(id: string): Panel | undefined {
  return panels.find((p) => p.id === id);
}
