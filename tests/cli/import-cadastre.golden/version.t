exit: 0
# --version names the program and the package.
cmd: import-cadastre --version
--- stdout
import-cadastre (esattore) 0.1.0
Licence: GPL-3.0-or-later.  No warranty.
