# The tree written for one subject: cadastre named <belfiore><request id>,
# the truth files, the coercive load list; the summary line on stderr.
cmd: esattore-synth --out d --subjects 1 --belfiore B157; echo "exit $?"; ls d/cadastre d/truth d/coercive
--- stdout
exit 0
d/cadastre:
B1570001.FAB
B1570001.SOG
B1570001.TER
B1570001.TIT

d/coercive:
load-list.csv

d/truth:
anomalies.csv
balance.csv
dues.csv
imu_units.csv
payments.csv
tari_users.csv
--- stderr-match
^esattore-synth: wrote 1 subjects, [0-9]+ units, [0-9]+ titles, [0-9]+ dues rows, [0-9]+ payments, [0-9]+ anomalies; [0-9]+ F24, [0-9]+ pagoPA, [0-9]+ treasury files into d$
