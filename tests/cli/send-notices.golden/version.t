exit: 0
# --version names the program and the package.
cmd: send-notices --version | sed 's/) .*/) VERSION/'
--- stdout
send-notices (esattore) VERSION
Licence: GPL-3.0-or-later.  No warranty.
