// LessonExecution: work in progress (see issues).
