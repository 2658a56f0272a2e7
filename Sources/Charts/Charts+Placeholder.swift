// Charts: being written (see its issue).
