;; LIF precise step with one exponential current receptor (lifPrecise.ts, stepExponential), common path in SIMD
;; (f64x2): for neurons free at the step's start, v_end = J + (v − J)·P22 + I·F and I ← I·P11, accepted when no
;; threshold crossing is possible inside the step (v and v_end below 1, and the drive m(t) = J + I e^{−t/τ_s} entirely
;; on one side of 1, or bounded so that v cannot reach 1: m_hi + (v − m_hi)·P22 < 1); for neurons refractory through
;; the whole step (ref ≥ dt), ref ← ref − dt and I ← I·P11. Everything else — a spike, a refractory period ending
;; inside the step, an input event ($skip ≠ 0), NaN — is left untouched and listed in $fix for TypeScript. The same
;; operations in the same order as the TypeScript loop, so both give bit-identical results.
(module
  (import "env" "memory" (memory 1))
  ;; precise_step(v, ref, I, J, skip, fix, n, P11, P22, F, dt) -> number of indices written to fix (i32 each).
  (func (export "precise_step")
    (param $v i32) (param $r i32) (param $c i32) (param $j i32) (param $skip i32) (param $fix i32) (param $n i32)
    (param $p11 f64) (param $p22 f64) (param $f f64) (param $dt f64) (result i32)
    (local $i i32) (local $off i32) (local $nfix i32)
    (local $P11 v128) (local $P22 v128) (local $F v128) (local $DT v128) (local $ONE v128) (local $ZERO v128) (local $LOW v128)
    (local $J v128) (local $V v128) (local $R v128) (local $I v128) (local $S v128)
    (local $VE v128) (local $IP v128) (local $LO v128) (local $HI v128) (local $POS v128)
    (local $REF v128) (local $FREE v128) (local $OK v128) (local $M v128)
    (local.set $P11 (f64x2.splat (local.get $p11)))
    (local.set $P22 (f64x2.splat (local.get $p22)))
    (local.set $F (f64x2.splat (local.get $f)))
    (local.set $DT (f64x2.splat (local.get $dt)))
    (local.set $ONE (f64x2.splat (f64.const 1)))
    (local.set $ZERO (f64x2.splat (f64.const 0)))
    (local.set $LOW (f64x2.splat (f64.const -1e300)))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 3)))
        (local.set $J (v128.load (i32.add (local.get $j) (local.get $off))))
        (local.set $V (v128.load (i32.add (local.get $v) (local.get $off))))
        (local.set $R (v128.load (i32.add (local.get $r) (local.get $off))))
        (local.set $I (v128.load (i32.add (local.get $c) (local.get $off))))
        (local.set $S (v128.load (i32.add (local.get $skip) (local.get $off))))
        ;; vEnd = J + (V − J)·P22 + I·F
        (local.set $VE
          (f64x2.add
            (f64x2.add (local.get $J) (f64x2.mul (f64x2.sub (local.get $V) (local.get $J)) (local.get $P22)))
            (f64x2.mul (local.get $I) (local.get $F))))
        (local.set $IP (f64x2.mul (local.get $I) (local.get $P11)))
        ;; bounds of the drive over the step: I ≥ 0 → [J + I·P11, J + I], else [J + I, J + I·P11]
        (local.set $POS (f64x2.ge (local.get $I) (local.get $ZERO)))
        (local.set $LO (v128.bitselect (f64x2.add (local.get $J) (local.get $IP)) (f64x2.add (local.get $J) (local.get $I)) (local.get $POS)))
        (local.set $HI (v128.bitselect (f64x2.add (local.get $J) (local.get $I)) (f64x2.add (local.get $J) (local.get $IP)) (local.get $POS)))
        (local.set $OK
          (v128.and
            (v128.and
              (v128.and (f64x2.lt (local.get $VE) (local.get $ONE)) (f64x2.lt (local.get $V) (local.get $ONE)))
              (f64x2.gt (local.get $VE) (local.get $LOW)))
            (v128.or
              (v128.or (f64x2.le (local.get $HI) (local.get $ONE)) (f64x2.ge (local.get $LO) (local.get $ONE)))
              (f64x2.lt
                (f64x2.add (local.get $HI) (f64x2.mul (f64x2.sub (local.get $V) (local.get $HI)) (local.get $P22)))
                (local.get $ONE)))))
        (local.set $REF (f64x2.ge (local.get $R) (local.get $DT)))
        (local.set $FREE (f64x2.le (local.get $R) (local.get $ZERO)))
        ;; taken here: (refractory through the step) or (free and accepted), and no event
        (local.set $M
          (v128.andnot
            (v128.or (local.get $REF) (v128.and (local.get $FREE) (local.get $OK)))
            (f64x2.ne (local.get $S) (local.get $ZERO))))
        (v128.store (i32.add (local.get $v) (local.get $off))
          (v128.bitselect (local.get $VE) (local.get $V) (v128.and (local.get $M) (local.get $FREE))))
        (v128.store (i32.add (local.get $r) (local.get $off))
          (v128.bitselect (f64x2.sub (local.get $R) (local.get $DT)) (local.get $R) (v128.and (local.get $M) (local.get $REF))))
        (v128.store (i32.add (local.get $c) (local.get $off)) (v128.bitselect (local.get $IP) (local.get $I) (local.get $M)))
        (local.set $M (v128.not (local.get $M)))
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
