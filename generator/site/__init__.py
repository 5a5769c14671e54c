"""The status and guidance pages: their helpers and templates, rendered to HTML in memory."""
