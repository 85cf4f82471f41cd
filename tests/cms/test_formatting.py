import pytest

from django.utils import translation

from cms.formatting import duration, hours


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(0, "0 min"), (45, "45 min"), (60, "1 tim"), (85, "1 tim 25 min"), (300, "5 tim"), (-30, "−30 min"), (None, "0 min")],
)
def test_duration_reads_as_people_say_it(minutes, expected):
    with translation.override("sv"):
        assert duration(minutes) == expected


def test_decimal_hours_use_the_swedish_comma_and_the_english_point():
    with translation.override("sv"):
        assert hours(85) == "1,4"
        assert hours(840, digits=0) == "14"
        assert hours(89) == "1,5"
    with translation.override("en"):
        assert hours(85) == "1.4"
