"""Previous versions of pods, for the update rules: from git (``--since REF``) or exported files.

``model`` holds what the engine needs (previous pods by id, and the id-change pairing); ``git`` runs
the ``git`` executable; ``sources`` builds a :class:`~podlint.previous.model.PreviousVersions` for a
run from either source.
"""
