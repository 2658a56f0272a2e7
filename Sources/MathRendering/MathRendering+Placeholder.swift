// MathRendering: being written (see its issue).
