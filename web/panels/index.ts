/**
 * The panel registry: the navigation, the URL sync and the page frame are generic over this list, so a new panel
 * (issue 8: synapses, network, training playground, spiking view) is one module plus one line here.
 * @module
 */
import type { PanelState } from '../state.js';
import { hhPanel } from './hh.js';
import { lifPanel } from './lif.js';
import { tuningPanel } from './tuning.js';
import { plannedPanel } from './planned.js';

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
  /** Not built yet (shown in the navigation, marked as coming). */
  planned?: boolean;
  /** Builds the panel inside `container`, reading and writing its settings through `state`. */
  mount(container: HTMLElement, state: PanelState): PanelInstance | void;
}

/** Every panel, in navigation order. The first is the default. */
export const panels: readonly Panel[] = [
  hhPanel,
  lifPanel,
  tuningPanel,
  plannedPanel('synapses', 'Synapses', 'PSC kernels h(t) for chosen n and τ_s, and a spike train with its filtered version (exact, recursive and Euler filters overlaid).'),
  plannedPanel('network', 'Network', 'A random E/I LIF network: raster, population rate and membrane traces, streamed from the worker while it runs.'),
  plannedPanel('playground', 'Training playground', 'An MLP on 2-D datasets (XOR, circles, spirals, blobs) with live loss curves and decision boundary, including lif and soft-lif units.'),
  plannedPanel('spiking', 'Spiking view', "A digit through the rate network and its spiking twin: hidden raster, output currents and accuracy against presentation time."),
];

/** The panel with this id, or undefined. */
export function findPanel(id: string): Panel | undefined {
  return panels.find((p) => p.id === id);
}
