"""Words and text shared by every stage: interface strings and dates, Markdown, links, safe text, YAML."""
