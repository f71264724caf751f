"""Goal descriptions and 0-10 progress ratings."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.goals import check_description, check_rating


@pytest.mark.parametrize("rating", [0, 5, 10])
def test_ratings_from_0_to_10(rating):
    assert check_rating(rating) == rating


@pytest.mark.parametrize("rating", [-1, 11, True, "7", 7.5, None])
def test_other_ratings_are_refused(rating):
    with pytest.raises(ValidationError) as caught:
        check_rating(rating)
    assert "rating" in caught.value.problems


def test_a_description_is_trimmed_and_needed():
    assert check_description("  Go to the walking group  ") == "Go to the walking group"
    with pytest.raises(ValidationError):
        check_description("   ")
