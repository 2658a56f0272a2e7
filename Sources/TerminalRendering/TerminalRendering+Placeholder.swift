// TerminalRendering: being written (see its issue).
