/**
 * Data augmentation for images stored as rows (notes §11.2: shifted digits are still the same digit).
 * @module
 */

/**
 * Shifts a `width`×`height` image (row-major, one row of a data matrix) by (dx, dy) pixels in place, filling
 * with 0. `tmp` is scratch of the same size, so nothing is allocated per sample.
 */
export function shiftImage(img: Float64Array, width: number, height: number, dx: number, dy: number, tmp: Float64Array): void {
  if (dx === 0 && dy === 0) return;
  tmp.set(img.subarray(0, width * height));
  img.fill(0, 0, width * height);
  for (let y = 0; y < height; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= height) continue;
    for (let x = 0; x < width; x++) {
      const sx = x - dx;
      if (sx >= 0 && sx < width) img[y * width + x] = tmp[sy * width + sx];
    }
  }
}
