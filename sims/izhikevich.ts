/** `npm run sim -- izhikevich`: an Izhikevich (2003) neuron's firing pattern (the paper's Fig. 2 sets), or its f–I curve. */
import { firingPatternSim } from './lib/firingPatternSim.js';

export default firingPatternSim('izhikevich', 'Izhikevich (2003) neuron: the Fig. 2 parameter sets (RS, IB, CH, FS, LTS, TC, RZ) by name, v and u traces, spikes, rate; --fi for the f–I curve');
