"""The commands that write content: new, update, resolve, postmortem, publish, list, templates."""
