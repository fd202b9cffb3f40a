exit: 0
# --locale it: ';' separator and ',' decimals; --decimal-comma reads "800,00".
# 800.00 saldo unpaid: 200.00 + 8.76 = 1008.76.
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024 --as-of 2025-06-30 --locale it --decimal-comma --quiet
--- file d.csv
tax_code,tax,year,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,2,2024-12-16,"800,00"
--- file p.csv
tax_code,tax,year,paid_on,amount
--- stdout
act_id;act_type;tax_code;tax;year;tax_due;tax_paid;tax_unpaid;sanction;interest;costs;collection_charges;total;due_on;issued_on;violation;sanction_acquiescence;notification;parent_act_id;notice_number;status
ACC-IMU-2024-BNCGNN60C03L219K;accertamento;BNCGNN60C03L219K;IMU;2024;800,00;0,00;800,00;200,00;8,76;0,00;0,00;1008,76;2025-08-29;2025-06-30;omitted;200,00;;;;draft
