"""JSON Schemas of Marathon pod definitions, one per supported Marathon version line."""
