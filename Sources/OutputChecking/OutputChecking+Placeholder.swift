// OutputChecking: work in progress (see issues).
