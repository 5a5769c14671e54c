"""Everything a site holds besides pages: feeds, the Statuspage API, calendar, badges, well-known files."""
