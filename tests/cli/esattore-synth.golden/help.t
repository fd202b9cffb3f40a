# --help goes to stdout with exit 0, names the program and lists every option; stderr is empty.
cmd: esattore-synth --help
--- stdout
Usage: esattore-synth --out DIR [OPTION]...
Write a synthetic municipality (cadastre, rates, residents, F24 supply,
pagoPA flows, treasury giornale di cassa, coercive load list) for the
years Y-5..Y into DIR, with its ground truth in DIR/truth/.
The same options always give byte-identical files.

  --out DIR          directory to write (created; must be empty)
  --subjects N       number of subjects (default 500)
  --year Y           last year covered (default 2025; at least 2025)
  --seed S           seed of the generator (default 1)
  --belfiore CODE    cadastral code of the comune (default M999)
  --force            write into a non-empty DIR
  --quiet            no summary on standard error
  --progress         show progress on standard error
  --help             show this help and exit
  --version          show the version and exit

Exit status: 0 written; 2 usage or configuration error; 3 I/O or
internal failure.  See esattore-synth(1).
