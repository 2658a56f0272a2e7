// Neural: work in progress (see issues).
