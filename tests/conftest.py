"""Shared fixtures: where the reference material lives, and small helpers to lint text."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The project's reference material (spec, corpus of real pods) sits beside the clone in CI; a fresh
# clone of the repository alone does not have it, and tests that need it skip.
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"reference material not available: shared/{'/'.join(parts)} is not beside the clone"
        )
    return path


@pytest.fixture
def shared_dir() -> Path:
    return shared_path()
