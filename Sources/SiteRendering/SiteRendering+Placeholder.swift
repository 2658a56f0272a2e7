// SiteRendering: being written (see its issue).
