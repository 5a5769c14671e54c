"""Reading and checking a project: configuration, content files, front matter, schemas, validation."""
