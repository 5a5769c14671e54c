"""The edges: the command line, the MkDocs plugin and runner, export, and writing trees to disk."""
