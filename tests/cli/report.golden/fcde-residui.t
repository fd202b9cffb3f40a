# --residui: riscosso also counts the following year's payments on a year's
# accertamenti (the late IMU 2024 payment 100.00 of 2025-02-01).  By hand:
#   riscosso 800, 700, 1500, 900, 1100 (sum 5000); 2024 ratio 1100/2000 = 55 %
#   simple_totals   5000 / 7000 = 71.428571.. -> 71.4286 %
#   simple_ratios   (80 + 70 + 75 + 90 + 55) / 5 = 74.0000 %
#   weighted_totals (300 + 0.35 x (900 + 1100)) / 1450 = 1000 / 1450 = 68.965517.. -> 68.9655 %
#   weighted_ratios 22.5 + 0.35 x (90 + 55) = 22.5 + 50.75 = 73.2500 %
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: report --db x.db --kind fcde --year 2024 --residui | sed -n '1p;6p'
--- stdout
revenue_type,year,accertato,riscosso,yearly_ratio,simple_totals,simple_ratios,weighted_totals,weighted_ratios
IMU S1,2024,2000.00,1100.00,55.0000,71.4286,74.0000,68.9655,73.2500
