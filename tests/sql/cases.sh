# cases.sh — sourced by pg_verdicts.sh and duck_verdicts.sh, which define
# compare NAME DATA ALL RULES-AND-OPTIONS...: every example (final and mid-term), all rule files
# together, the traps of traps.csv and the cases/ folder, and the benchmark file when given.
for plan in nantong_2018 jiangyin_2018_2020 changzhou_2018 nanjing_2022_2024 haizhou_2015; do
  compare "$plan" "examples/$plan/submission.csv" "" "rules/$plan.mb"
done
compare "jiangyin_2018_2020 as of 2019" examples/jiangyin_2018_2020/submission.csv "" rules/jiangyin_2018_2020.mb --as-of 2019
compare "nanjing_2022_2024 as of 2023" examples/nanjing_2022_2024/submission.csv "" rules/nanjing_2022_2024.mb --as-of 2023
# quarters and months: at the year's end (the data's own as-of), as of a quarter and a month
compare "county_2025" examples/county_2025/submission.csv --all examples/county_2025/plan.mb
compare "county_2025 as of 2025Q3" examples/county_2025/submission.csv --all examples/county_2025/plan.mb --as-of 2025Q3
compare "county_2025 as of 2025-05" examples/county_2025/submission.csv --all examples/county_2025/plan.mb --as-of 2025-05
compare "subyear as of 2025Q1" "$here/cases/subyear.csv" --all "$here/cases/subyear.mb" --as-of 2025Q1
compare "subyear as of 2025-02" "$here/cases/subyear.csv" --all "$here/cases/subyear.mb" --as-of 2025-02
compare "subyear as of 2025" "$here/cases/subyear.csv" --all "$here/cases/subyear.mb" --as-of 2025
compare "tests/data/subyear" tests/data/subyear.csv --all tests/data/subyear.mb
compare "subyear_ytd as of 2025Q2" "$here/cases/subyear_ytd.csv" "" "$here/cases/subyear_ytd.mb" --as-of 2025Q2
compare "subyear_ytd as of 2025-02" "$here/cases/subyear_ytd.csv" "" "$here/cases/subyear_ytd.mb" --as-of 2025-02
compare "subyear_ytd as of 2025" "$here/cases/subyear_ytd.csv" "" "$here/cases/subyear_ytd.mb" --as-of 2025
compare "walkthrough" examples/walkthrough/submission.csv "" examples/walkthrough/credit.mb
compare "every rule file" examples/nanjing_2022_2024/submission.csv "" rules/*.mb
compare "workload, traps" "$here/traps.csv" --all bench/workload.mb
for t in "$here"/cases/*.mb; do
  [ -e "$t" ] || continue
  compare "$(basename "$t")" "${t%.mb}.csv" "" "$t"
done
if [ -n "$bench" ]; then
  compare "workload, $(basename "$bench")" "$bench" --all bench/workload.mb
fi
