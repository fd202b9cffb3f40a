# The years Y-5..Y must all be under L. 160/2019 (from 2020): Y >= 2025.
cmd: esattore-synth --out d --year 2024
exit: 2
--- stderr
esattore-synth: --year: '2024' is not a number between 2025 and 2098
Try 'esattore-synth --help' for more information.
