/** The little of plotly.js-dist-min's API the app uses (the package ships no types). */
declare module 'plotly.js-dist-min' {
  export interface ModeBarButton {
    name: string;
    title?: string;
    icon: unknown;
    click: (gd: HTMLElement) => void;
  }
  const Plotly: {
    react(el: HTMLElement, data: unknown[], layout: Record<string, unknown>, config?: Record<string, unknown>): Promise<HTMLElement>;
    downloadImage(el: HTMLElement, opts: { format: 'png' | 'svg' | 'jpeg' | 'webp'; filename?: string; width?: number; height?: number; scale?: number }): Promise<string>;
    purge(el: HTMLElement): void;
    relayout(el: HTMLElement, update: Record<string, unknown>): Promise<HTMLElement>;
    Plots: { resize(el: HTMLElement): Promise<void> | void };
    Icons: Record<string, unknown>;
  };
  export default Plotly;
}
