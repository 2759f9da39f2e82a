/** `npm run sim -- adex`: an AdEx neuron's firing pattern (Naud et al. 2008, Brette & Gerstner 2005), or its f–I curve. */
import { firingPatternSim } from './lib/firingPatternSim.js';

export default firingPatternSim('adex', 'AdEx neuron (Brette & Gerstner 2005): the Naud et al. (2008) firing patterns by name, V and w traces, spikes, rate; --fi for the f–I curve');
