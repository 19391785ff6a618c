"""The podlint benchmark: a seeded corpus of pod definitions and a comparison against peer tools.

Run it with ``python benchmarks/run.py`` (see ``benchmarks/README.md``). Nothing here is part of the
shipped package.
"""
