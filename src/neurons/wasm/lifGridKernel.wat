;; LIF grid step (lifGrid.ts) with one exponential current receptor, common path in SIMD (f64x2): the exact coupled update
;; v ← J + (v − J)·P22 + P21·I (old I), I ← P11·I for neurons that are not refractory, a countdown of whole steps
;; for those that are (I decays in both). Same operations in the same order as the TypeScript loop, lane by lane,
;; so both give bit-identical results. Lanes that spike (v > 1) or diverge (NaN, v ≤ −1e300) are listed in $fix
;; for TypeScript to finish (reset, refractory, spike list, errors).
(module
  (import "env" "memory" (memory 1))
  ;; clif_step(v, ref, I, J, fix, n, P11, P22, P21) -> number of indices written to fix (i32 each).
  ;; Arrays are f64 at byte offsets; n is rounded up to even (padding lanes hold zeros and never flag).
  (func (export "clif_step")
    (param $v i32) (param $r i32) (param $c i32) (param $j i32) (param $fix i32) (param $n i32)
    (param $p11 f64) (param $p22 f64) (param $p21 f64) (result i32)
    (local $i i32) (local $off i32) (local $nfix i32)
    (local $P11 v128) (local $P22 v128) (local $P21 v128) (local $ONE v128) (local $ZERO v128) (local $LOW v128)
    (local $J v128) (local $V v128) (local $R v128) (local $I v128) (local $VN v128) (local $NR v128) (local $M v128)
    (local.set $P11 (f64x2.splat (local.get $p11)))
    (local.set $P22 (f64x2.splat (local.get $p22)))
    (local.set $P21 (f64x2.splat (local.get $p21)))
    (local.set $ONE (f64x2.splat (f64.const 1)))
    (local.set $ZERO (f64x2.splat (f64.const 0)))
    (local.set $LOW (f64x2.splat (f64.const -1e300)))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 3)))
        (local.set $I (v128.load (i32.add (local.get $c) (local.get $off))))
        (v128.store (i32.add (local.get $c) (local.get $off)) (f64x2.mul (local.get $I) (local.get $P11)))
        (local.set $J (v128.load (i32.add (local.get $j) (local.get $off))))
        (local.set $V (v128.load (i32.add (local.get $v) (local.get $off))))
        (local.set $R (v128.load (i32.add (local.get $r) (local.get $off))))
        ;; vn = (J + (V − J)·P22) + P21·I
        (local.set $VN
          (f64x2.add
            (f64x2.add (local.get $J) (f64x2.mul (f64x2.sub (local.get $V) (local.get $J)) (local.get $P22)))
            (f64x2.mul (local.get $P21) (local.get $I))))
        ;; not refractory: ref <= 0
        (local.set $NR (f64x2.le (local.get $R) (local.get $ZERO)))
        (v128.store (i32.add (local.get $v) (local.get $off)) (v128.bitselect (local.get $VN) (local.get $V) (local.get $NR)))
        (v128.store (i32.add (local.get $r) (local.get $off))
          (v128.bitselect (local.get $R) (f64x2.sub (local.get $R) (local.get $ONE)) (local.get $NR)))
        ;; flag = not refractory and not (LOW < vn <= 1): a spike, NaN or a runaway value
        (local.set $M
          (v128.andnot (local.get $NR)
            (v128.and (f64x2.le (local.get $VN) (local.get $ONE)) (f64x2.gt (local.get $VN) (local.get $LOW)))))
        (if (v128.any_true (local.get $M))
          (then
            (if (i32x4.extract_lane 0 (local.get $M))
              (then
                (i32.store (i32.add (local.get $fix) (i32.shl (local.get $nfix) (i32.const 2))) (local.get $i))
                (local.set $nfix (i32.add (local.get $nfix) (i32.const 1)))))
            (if (i32x4.extract_lane 2 (local.get $M))
              (then
                (i32.store (i32.add (local.get $fix) (i32.shl (local.get $nfix) (i32.const 2))) (i32.add (local.get $i) (i32.const 1)))
                (local.set $nfix (i32.add (local.get $nfix) (i32.const 1)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $loop)))
    (local.get $nfix))
)
