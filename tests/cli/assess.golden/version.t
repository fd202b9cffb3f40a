exit: 0
# --version names the program and the package.
cmd: assess --version | sed 's/) .*/) VERSION/'
--- stdout
assess (esattore) VERSION
Licence: GPL-3.0-or-later.  No warranty.
