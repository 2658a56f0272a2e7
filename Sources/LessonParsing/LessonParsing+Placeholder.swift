// LessonParsing: work in progress (see issues).
