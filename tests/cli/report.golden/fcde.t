# FCDE ratios of IMU ordinary dues 2020-2024 (testdata/report/ledger.sql),
# riscosso = payments made within the year (the late 2024 payment of
# 2025-02-01 does not count).  By hand:
#   accertato 1000, 1000, 2000, 1000, 2000 (sum 7000)
#   riscosso   800,  700, 1500,  900, 1000 (sum 4900)
#   yearly ratios 80, 70, 75, 90, 50 %
#   simple_totals   4900 / 7000 = 70.0000 %
#   simple_ratios   (80 + 70 + 75 + 90 + 50) / 5 = 73.0000 %
#   weighted_totals (0.10 x (800 + 700 + 1500) + 0.35 x (900 + 1000))
#                 / (0.10 x (1000 + 1000 + 2000) + 0.35 x (1000 + 2000))
#                 = (300 + 665) / (400 + 1050) = 965 / 1450 = 66.55172.. -> 66.5517 %
#   weighted_ratios 0.10 x (80 + 70 + 75) + 0.35 x (90 + 50) = 22.5 + 49 = 71.5000 %
# TARI has one year only: its yearly ratio is shown, the averages are not.
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: report --db x.db --kind fcde --year 2024
--- stdout
revenue_type,year,accertato,riscosso,yearly_ratio,simple_totals,simple_ratios,weighted_totals,weighted_ratios
IMU S1,2020,1000.00,800.00,80.0000,70.0000,73.0000,66.5517,71.5000
IMU S1,2021,1000.00,700.00,70.0000,70.0000,73.0000,66.5517,71.5000
IMU S1,2022,2000.00,1500.00,75.0000,70.0000,73.0000,66.5517,71.5000
IMU S1,2023,1000.00,900.00,90.0000,70.0000,73.0000,66.5517,71.5000
IMU S1,2024,2000.00,1000.00,50.0000,70.0000,73.0000,66.5517,71.5000
TARI S1,2024,100.00,100.00,100.0000,,,,
