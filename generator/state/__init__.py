"""What is true at the build's now, derived from the content: statuses, uptime, the communication record."""
