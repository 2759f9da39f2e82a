;; LIF population step, common path in SIMD (f64x2): notes §2.1's exact update v ← J + (v − J)·f for neurons
;; that are not refractory, a countdown for those that are. Lanes that need more (a spike, a refractory period
;; ending inside the step, NaN, or v below minV) are listed in $fix for the TypeScript step to finish, so the
;; rare, transcendental work (exp, log1p) stays in one readable place.
(module
  (import "env" "memory" (memory 1))
  ;; lif_step(v, ref, J, fix, n, factor, dt, minV) -> number of indices written to fix (i32 each).
  ;; Arrays are f64 at byte offsets v, ref, J; n is rounded up to a multiple of 4 (padding lanes hold zeros).
  (func (export "lif_step")
    (param $v i32) (param $r i32) (param $j i32) (param $fix i32) (param $n i32)
    (param $factor f64) (param $dt f64) (param $minv f64) (result i32)
    (local $i i32) (local $off i32) (local $nfix i32)
    (local $F v128) (local $DT v128) (local $ONE v128) (local $ZERO v128) (local $MINV v128)
    (local $J v128) (local $V v128) (local $R v128) (local $NR v128) (local $M v128)
    (local $J2 v128) (local $V2 v128) (local $R2 v128) (local $NR2 v128) (local $M2 v128)
    (local.set $F (f64x2.splat (local.get $factor)))
    (local.set $DT (f64x2.splat (local.get $dt)))
    (local.set $ONE (f64x2.splat (f64.const 1)))
    (local.set $ZERO (f64x2.splat (f64.const 0)))
    (local.set $MINV (f64x2.splat (local.get $minv)))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; two pairs per iteration (n is a multiple of 4): fewer loop branches, and the two any_true tests fold into one
        (local.set $off (i32.shl (local.get $i) (i32.const 3)))
        (local.set $J (v128.load (i32.add (local.get $j) (local.get $off))))
        (local.set $V (v128.load (i32.add (local.get $v) (local.get $off))))
        (local.set $R (v128.load (i32.add (local.get $r) (local.get $off))))
        (local.set $J2 (v128.load offset=16 (i32.add (local.get $j) (local.get $off))))
        (local.set $V2 (v128.load offset=16 (i32.add (local.get $v) (local.get $off))))
        (local.set $R2 (v128.load offset=16 (i32.add (local.get $r) (local.get $off))))
        ;; not refractory: ref <= 0
        (local.set $NR (f64x2.le (local.get $R) (local.get $ZERO)))
        (local.set $NR2 (f64x2.le (local.get $R2) (local.get $ZERO)))
        (local.set $V
          (v128.bitselect
            (f64x2.add (local.get $J) (f64x2.mul (f64x2.sub (local.get $V) (local.get $J)) (local.get $F)))
            (local.get $V)
            (local.get $NR)))
        (local.set $V2
          (v128.bitselect
            (f64x2.add (local.get $J2) (f64x2.mul (f64x2.sub (local.get $V2) (local.get $J2)) (local.get $F)))
            (local.get $V2)
            (local.get $NR2)))
        (local.set $R (v128.bitselect (local.get $R) (f64x2.sub (local.get $R) (local.get $DT)) (local.get $NR)))
        (local.set $R2 (v128.bitselect (local.get $R2) (f64x2.sub (local.get $R2) (local.get $DT)) (local.get $NR2)))
        (v128.store (i32.add (local.get $v) (local.get $off)) (local.get $V))
        (v128.store (i32.add (local.get $r) (local.get $off)) (local.get $R))
        (v128.store offset=16 (i32.add (local.get $v) (local.get $off)) (local.get $V2))
        (v128.store offset=16 (i32.add (local.get $r) (local.get $off)) (local.get $R2))
        ;; needs the scalar step: refractory ended inside the step (ref < 0), a spike (v > 1),
        ;; NaN (v != v) or v below minV
        (local.set $M
          (v128.or
            (v128.or (f64x2.lt (local.get $R) (local.get $ZERO)) (f64x2.gt (local.get $V) (local.get $ONE)))
            (v128.or (f64x2.ne (local.get $V) (local.get $V)) (f64x2.lt (local.get $V) (local.get $MINV)))))
        (local.set $M2
          (v128.or
            (v128.or (f64x2.lt (local.get $R2) (local.get $ZERO)) (f64x2.gt (local.get $V2) (local.get $ONE)))
            (v128.or (f64x2.ne (local.get $V2) (local.get $V2)) (f64x2.lt (local.get $V2) (local.get $MINV)))))
        (if (v128.any_true (v128.or (local.get $M) (local.get $M2)))
          (then
            (if (i32x4.extract_lane 0 (local.get $M))
              (then
                (i32.store (i32.add (local.get $fix) (i32.shl (local.get $nfix) (i32.const 2))) (local.get $i))
                (local.set $nfix (i32.add (local.get $nfix) (i32.const 1)))))
            (if (i32x4.extract_lane 2 (local.get $M))
              (then
                (i32.store (i32.add (local.get $fix) (i32.shl (local.get $nfix) (i32.const 2))) (i32.add (local.get $i) (i32.const 1)))
                (local.set $nfix (i32.add (local.get $nfix) (i32.const 1)))))
            (if (i32x4.extract_lane 0 (local.get $M2))
              (then
                (i32.store (i32.add (local.get $fix) (i32.shl (local.get $nfix) (i32.const 2))) (i32.add (local.get $i) (i32.const 2)))
                (local.set $nfix (i32.add (local.get $nfix) (i32.const 1)))))
            (if (i32x4.extract_lane 2 (local.get $M2))
              (then
                (i32.store (i32.add (local.get $fix) (i32.shl (local.get $nfix) (i32.const 2))) (i32.add (local.get $i) (i32.const 3)))
                (local.set $nfix (i32.add (local.get $nfix) (i32.const 1)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $loop)))
    (local.get $nfix))
)
