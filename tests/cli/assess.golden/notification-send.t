exit: 0
# SEND has no amount in notification_costs.csv: refused, never invented (exit 2);
# the PEC cost did not exist before the DM 14/4/2023 was in force (14 May 2023).
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024 --as-of 2025-06-30 --notification send; echo "exit $?"
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2022 --as-of 2023-05-13 --notification pec; echo "exit $?"
--- file d.csv
tax_code,tax,year,installment,due_date,amount_due
--- file p.csv
tax_code,tax,year,paid_on,amount
--- stdout
exit 2
exit 2
--- stderr
assess: notification_costs.csv: unknown channel 'send'
assess: notification_costs.csv: no cost for 'pec' in force on 2023-05-13
