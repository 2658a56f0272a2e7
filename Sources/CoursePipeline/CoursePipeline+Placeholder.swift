// CoursePipeline: work in progress (see issues).
