;; LIF grid step with conductance receptors (lifGrid.ts, conductanceSharedStep), common path in SIMD (f64x2):
;; Brian2's exponential Euler with two conductances frozen over the step, ĝ = g·s (s = 1/g_L):
;; v∞ = (J + ĝ0 ê0 + ĝ1 ê1)/(1 + ĝ0 + ĝ1), v ← v∞ + (v − v∞)·exp(k(1 + ĝ0 + ĝ1)), k = −dt/τ_m, for neurons that are not
;; refractory; a countdown of whole steps for those that are. The same operations in the same order as the
;; TypeScript loop (with expPoly), so both give bit-identical results. Lanes that spike (v > 1) or diverge (NaN,
;; v ≤ −1e300) are listed in $fix for TypeScript to finish.
(module
  (import "env" "memory" (memory 1))
  ;; cond_step(v, ref, J, g0, g1, fix, n, s0, s1, e0, e1, k) -> number of indices written to fix (i32 each).
  ;; Arrays are f64 at byte offsets; n is rounded up to even (padding lanes hold zeros and never flag).
  (func (export "cond_step")
    (param $v i32) (param $rf i32) (param $j i32) (param $g0 i32) (param $g1 i32) (param $fix i32) (param $n i32)
    (param $s0 f64) (param $s1 f64) (param $e0 f64) (param $e1 f64) (param $k f64) (result i32)
    (local $i i32) (local $off i32) (local $nfix i32)
    (local $S0 v128) (local $S1 v128) (local $E0 v128) (local $E1 v128) (local $K v128) (local $ONE v128) (local $ZERO v128) (local $LOW v128)
    (local $A v128) (local $B v128) (local $Gs v128) (local $GE v128) (local $P v128) (local $VI v128)
    (local $J v128) (local $V v128) (local $R v128) (local $VN v128) (local $NR v128) (local $M v128)
    (local $Z v128) (local $KS v128) (local $N v128) (local $RR v128) (local $R2 v128) (local $R4 v128) (local $R8 v128) (local $PP v128) (local $EE v128) (local $EX v128)
    (local.set $S0 (f64x2.splat (local.get $s0)))
    (local.set $S1 (f64x2.splat (local.get $s1)))
    (local.set $E0 (f64x2.splat (local.get $e0)))
    (local.set $E1 (f64x2.splat (local.get $e1)))
    (local.set $K (f64x2.splat (local.get $k)))
    (local.set $ONE (f64x2.splat (f64.const 1)))
    (local.set $ZERO (f64x2.splat (f64.const 0)))
    (local.set $LOW (f64x2.splat (f64.const -1e300)))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 3)))
        (local.set $A (f64x2.mul (v128.load (i32.add (local.get $g0) (local.get $off))) (local.get $S0)))
        (local.set $B (f64x2.mul (v128.load (i32.add (local.get $g1) (local.get $off))) (local.get $S1)))
        (local.set $Gs (f64x2.add (local.get $A) (local.get $B)))
        (local.set $GE (f64x2.add (f64x2.mul (local.get $A) (local.get $E0)) (f64x2.mul (local.get $B) (local.get $E1))))
        (local.set $P (f64x2.add (local.get $ONE) (local.get $Gs)))
        (local.set $J (v128.load (i32.add (local.get $j) (local.get $off))))
        (local.set $V (v128.load (i32.add (local.get $v) (local.get $off))))
        (local.set $R (v128.load (i32.add (local.get $rf) (local.get $off))))
        (local.set $VI (f64x2.div (f64x2.add (local.get $J) (local.get $GE)) (local.get $P)))
        ;; e^z inlined (a call per lane pair costs more than the polynomial): z = n·ln 2 + r with n rounded to even by the
        ;; 1.5·2⁵² trick (as the TypeScript mirror expPoly does), |r| ≤ ln2/2, e^r by its Taylor polynomial to r¹³ (Estrin's scheme), 2^n in the exponent bits.
        (local.set $Z (f64x2.mul (local.get $K) (local.get $P)))
        ;; clamp by pmax/pmin: one instruction each, and with z as first operand they agree with Math.max/Math.min (NaN, −0)
        (local.set $Z (f64x2.pmin (f64x2.pmax (local.get $Z) (f64x2.splat (f64.const -700))) (f64x2.splat (f64.const 700))))
    (local.set $KS (f64x2.add (f64x2.mul (local.get $Z) (f64x2.splat (f64.const 1.4426950408889634))) (f64x2.splat (f64.const 6755399441055744))))
    (local.set $N (f64x2.sub (local.get $KS) (f64x2.splat (f64.const 6755399441055744))))
    (local.set $RR
      (f64x2.sub
        (f64x2.sub (local.get $Z) (f64x2.mul (local.get $N) (f64x2.splat (f64.const 0.6931471803691238))))
        (f64x2.mul (local.get $N) (f64x2.splat (f64.const 1.9082149292705877e-10)))))
    ;; e^r = 1 + (r + r²·Q(r)), Q by Estrin's scheme (as expPoly): a short dependency chain
    (local.set $R2 (f64x2.mul (local.get $RR) (local.get $RR)))
    (local.set $R4 (f64x2.mul (local.get $R2) (local.get $R2)))
    (local.set $R8 (f64x2.mul (local.get $R4) (local.get $R4)))
    (local.set $PP (f64x2.add (local.get $ONE) (f64x2.add (local.get $RR) (f64x2.mul (local.get $R2)
      (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.splat (f64.const 0.5)) (f64x2.mul (f64x2.splat (f64.const 0.16666666666666666)) (local.get $RR))) (f64x2.mul (f64x2.add (f64x2.splat (f64.const 0.041666666666666664)) (f64x2.mul (f64x2.splat (f64.const 0.008333333333333333)) (local.get $RR))) (local.get $R2))) (f64x2.mul (f64x2.add (f64x2.add (f64x2.splat (f64.const 0.001388888888888889)) (f64x2.mul (f64x2.splat (f64.const 0.0001984126984126984)) (local.get $RR))) (f64x2.mul (f64x2.add (f64x2.splat (f64.const 2.48015873015873e-05)) (f64x2.mul (f64x2.splat (f64.const 2.7557319223985893e-06)) (local.get $RR))) (local.get $R2))) (local.get $R4))) (f64x2.mul (f64x2.add (f64x2.add (f64x2.splat (f64.const 2.755731922398589e-07)) (f64x2.mul (f64x2.splat (f64.const 2.505210838544172e-08)) (local.get $RR))) (f64x2.mul (f64x2.add (f64x2.splat (f64.const 2.08767569878681e-09)) (f64x2.mul (f64x2.splat (f64.const 1.6059043836821613e-10)) (local.get $RR))) (local.get $R2))) (local.get $R8)))))))
    ;; 2^n: (n + 1023) << 52 as the bits of a double; the low bits of z·log2e + 1.5·2⁵² hold n
    (local.set $EE (i64x2.shl (i64x2.add (local.get $KS) (i64x2.splat (i64.const 1023))) (i32.const 52)))
        (local.set $EX (f64x2.mul (local.get $PP) (local.get $EE)))
        (local.set $VN (f64x2.add (local.get $VI) (f64x2.mul (f64x2.sub (local.get $V) (local.get $VI)) (local.get $EX))))
        (local.set $NR (f64x2.le (local.get $R) (local.get $ZERO)))
        (v128.store (i32.add (local.get $v) (local.get $off)) (v128.bitselect (local.get $VN) (local.get $V) (local.get $NR)))
        (v128.store (i32.add (local.get $rf) (local.get $off))
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
