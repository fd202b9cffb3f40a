exit: 0
cmd: track-notifications --version | sed -n '1s/ [0-9.]*$//p'
--- stdout
track-notifications (esattore)
