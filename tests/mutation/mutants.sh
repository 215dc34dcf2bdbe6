#!/usr/bin/env bash
# mutants.sh BUILD_DIR — apply, one at a time, small deliberate mistakes to the meaning of
# targets (a tolerance's divisor, a side of a band, a strictness, the sign of a cut, the base
# year) and check that the test suite catches each: a mutant the tests survive is a meaning
# no test pins. Run by hand from a clean tree (it edits and restores source files):
#   tests/mutation/mutants.sh build
# Each mutant rebuilds the library; the whole run takes some minutes.
set -u
cd "$(dirname "$0")/../.."
build=${1:-build}
tests=${MB_MUTANT_TESTS:-'test_eval|test_eval_regress|test_checker|test_trace|test_crit|golden_eval|golden_explain|golden_check|golden_examples|bench_counts'}
survived=0
# file ~ sed expression ~ what the mistake is
only=${MB_MUTANTS:-} # a pattern: only the mutants whose description matches it
mutants=(
  "interpreter/check/check_crit.c~s/mb_num_div(tol, mb_num_int(100), \&tol)/mb_num_div(tol, mb_num_int(10), \&tol)/~relative tolerance divided by 10 instead of 100"
  "interpreter/check/check_crit.c~s/err = mb_num_sub(r->a, tol, \&lo)/err = mb_num_add(r->a, tol, \&lo)/~about: lower edge at centre + tolerance"
  "interpreter/check/check_crit.c~s/err = mb_num_add(r->a, tol, \&hi)/err = mb_num_sub(r->a, tol, \&hi)/~about: upper edge at centre - tolerance"
  "interpreter/check/check_crit.c~s/c->two_sided || c->dir >= 0) c->lo/c->two_sided || c->dir < 0) c->lo/~about: the sides of the band swapped (lower bound on a lower indicator)"
  "interpreter/check/check_crit.c~s/c->two_sided || c->dir < 0) c->hi/c->two_sided || c->dir >= 0) c->hi/~about: an upper bound on a higher indicator, none on a lower one"
  "interpreter/check/check_crit.c~s/c->mark = at(c->dir < 0 ? lo : hi, 1)/c->mark = at(c->dir < 0 ? lo : hi, 0)/~about: the band's edge counted as exceeded"
  "interpreter/check/check_crit.c~s/c->lo = at(v, cmp == MB_CMP_GT)/c->lo = at(v, 0)/~> treated as >="
  "interpreter/check/check_crit.c~s/c->hi = at(v, cmp == MB_CMP_LT)/c->hi = at(v, 0)/~< treated as <="
  "interpreter/check/check_crit.c~s/c->lo = at(v, cmp == MB_CMP_GT)/c->lo = at(v, 1)/~>= treated as >"
  "interpreter/check/check_crit.c~s/c->hi = at(v, cmp == MB_CMP_LT)/c->hi = at(v, 1)/~<= treated as <"
  "interpreter/check/check_crit.c~s/sign < 0 ? mb_num_sub(mb_num_int(1), p, out) : mb_num_add/sign > 0 ? mb_num_sub(mb_num_int(1), p, out) : mb_num_add/~the sign of a cut (and of a growth)"
  "interpreter/check/check_crit.c~s/c->base_year = r->base_year;/c->base_year = r->base_year + 1;/~the base year used"
  "interpreter/check/check_crit.c~s/c->years = c->year > c->base_year ? (unsigned)(c->year - c->base_year) : 0;/c->years = c->year > c->base_year ? (unsigned)(c->year - c->base_year - 1) : 0;/~annual growth: one year fewer"
  "interpreter/check/crit.c~s/if (s < 0 || (s == 0 \&\& lo->strict)) return 0;/if (s < 0) return 0;/~strict lower bounds ignored when comparing"
  "interpreter/check/crit.c~s/if (s > 0 || (s == 0 \&\& hi->strict)) return 0;/if (s > 0) return 0;/~strict upper bounds ignored when comparing"
  "interpreter/check/check_conflict.c~s/if (s > 0 || (s == 0 \&\& (lo->lo_strict || hi->hi_strict))) report(c, lo, hi);/if (s > 0) report(c, lo, hi);/~contradiction check: strictness at equal bounds ignored"
  "interpreter/check/check_conflict.c~s/.lo_strict = c->lo.strict, .hi_strict = c->hi.strict}/.lo_strict = 0, .hi_strict = 0}/~contradiction check: bounds taken as non-strict"
  "interpreter/check/check_conflict.c~s/.has_lo = c->lo.on, .has_hi = c->hi.on,/.has_lo = c->lo.on, .has_hi = c->hi.on \&\& !c->tol.num,/~contradiction check: the upper edge of a band ignored"
  "interpreter/check/check_conflict.c~s/.has_lo = c->lo.on, .has_hi = c->hi.on,/.has_lo = c->lo.on \&\& !c->tol.num, .has_hi = c->hi.on,/~contradiction check: the lower edge of a band ignored"
  "interpreter/eval/eval.c~s/mb_num_sign(base) <= 0) {/mb_num_sign(base) < 0) {/~growth from a zero base judged"
  "interpreter/eval/eval.c~s/if (c->scale != MB_SCALE_NONE \&\& mb_num_sign(base) <= 0) {/if (0) {/~growth, cut or multiple of a negative base judged"
  "interpreter/data/ingest.c~s/0, MB_OBS_CONFLICT, g->file};/0, MB_OBS_ABSENT, g->file};/~a value that failed a data check left as no data"
  "interpreter/check/crit.c~s/int s = mb_num_cmp(x, c->mark.v) \* (c->dir < 0 ? -1 : 1);/int s = mb_num_cmp(x, c->mark.v);/~about on a lower indicator: exceeded looked for on the worse side"
  "interpreter/check/crit.c~s/return s > 0 || (s == 0 \&\& !c->mark.strict);/return s > 0 || (s == 0 \&\& c->mark.strict);/~a mark's strictness inverted (stretch value reached only beyond it)"
  "interpreter/check/crit.c~s/unsigned n = c->scale == MB_SCALE_COMPOUND ? c->years : 1;/unsigned n = c->scale == MB_SCALE_COMPOUND ? 1 : 1;/~annual growth compounded once"
  "interpreter/check/crit.c~s/(c->dir < 0 ? -1 : 1) > 0;/(c->dir < 0 ? -1 : 1) >= 0;/~rises every year: a flat year counted as rising"
  "interpreter/check/crit.c~s/return c->lo.strict ? MB_CMP_GT : MB_CMP_GE;/return MB_CMP_GE;/~reports: > worded as ≥"
  "interpreter/check/crit.c~s/return c->hi.strict ? MB_CMP_LT : MB_CMP_LE;/return MB_CMP_LE;/~reports: < worded as ≤"
  "interpreter/check/crit.c~s/mb_num_mul(\*out, mb_num_int(100), out)/mb_num_mul(*out, mb_num_int(10), out)/~reports: a factor of the base as a percentage, ×10 instead of ×100"
  "interpreter/check/crit.c~s/if (c->two_sided || c->mark_kind == MB_MARK_EXCEEDED) return MB_SHAPE_BAND;/if (c->mark_kind == MB_MARK_EXCEEDED) return MB_SHAPE_BAND;/~reports: a two-sided band worded as an interval"
  "interpreter/eval/eval.c~s/: R >= 0 ? MB_ST_LIMITED_PROGRESS/: R > 0 ? MB_ST_LIMITED_PROGRESS/~progress: no change at all counted as regressing"
  "interpreter/eval/eval.c~s/double p = floor(R \* 100);/double p = round(R * 100);/~progress: the percentage rounded up to the next class"
  "interpreter/eval/eval.c~s|got = pow(at / a0, 1.0 / (t - t0)) - 1;|got = pow(at / a0, 1.0 / (T - t0)) - 1;|~progress: growth achieved over the years to the deadline"
  "interpreter/eval/eval.c~s/if (e->as_of < v->year) { progress(/if (e->as_of <= v->year) { progress(/~the deadline's own year judged as progress"
  "interpreter/eval/eval.c~s/\* (last - r->y1 + 1) \/ (r->y2 - r->y1 + 1)/* (last - r->y1) \/ (r->y2 - r->y1 + 1)/~total: the share due by now one year short"
  "interpreter/eval/eval.c~s/vstate s = y <= last ? get(/vstate s = y < last ? get(/~each year: the last year not checked"
  "interpreter/eval/eval.c~s/mb_num_eq(b.target, b.lo.v) ? b.hi.v : b.target);/mb_num_eq(b.target, b.lo.v) ? b.lo.v : b.target);/~a band missed from above measured from its lower end"
  "interpreter/eval/eval.c~s/if (band) target = above_t ? b->hi.v : b->lo.v;/if (band) target = above_t ? b->lo.v : b->hi.v;/~progress in a band: the pace towards the far end"
  "interpreter/eval/eval.c~s/if (within(b, x0)) {/if (0) {/~progress: met at the base and not now read as progress"
  "interpreter/check/check_conflict.c~s/(mb_num_eq(LO(\&v\[i\]), LO(lo)) \&\& v\[i\].lo_strict)/0/~contradiction check: of two equal lower bounds the strict one not preferred"
  "interpreter/check/check_conflict.c~s/(mb_num_eq(HI(\&v\[i\]), HI(hi)) \&\& v\[i\].hi_strict)/0/~contradiction check: of two equal upper bounds the strict one not preferred"
  "interpreter/check/check_conflict.c~s/v\[j\].plan == v\[i\].plan \&\& //~contradiction check: targets of different plans compared"
)
for m in "${mutants[@]}"; do
  IFS='~' read -r file expr what <<<"$m"
  if [ -n "$only" ] && ! grep -qE -- "$only" <<<"$what"; then continue; fi
  cp "$file" "$file.orig"
  sed -i "$expr" "$file"
  if cmp -s "$file" "$file.orig"; then
    echo "NOT APPLIED  $what ($file)"; mv "$file.orig" "$file"; survived=1; continue
  fi
  if ! cmake --build "$build" -j2 >/dev/null 2>&1; then
    echo "NO BUILD     $what"; mv "$file.orig" "$file"; continue
  fi
  if (cd "$build" && ctest -j2 -R "$tests" >/dev/null 2>&1); then
    echo "SURVIVED     $what ($file)"; survived=1
  else
    echo "caught       $what"
  fi
  mv "$file.orig" "$file"
done
cmake --build "$build" -j2 >/dev/null 2>&1
exit $survived
