"""Fixes: rendering a rule's fix into text edits, applying them to files, and writing files safely."""
