"""The sample ceremony book, built from the five real ceremony reports in shared/seeds/.

What the reports state is kept as they state it: titles, dates, places, organisers,
leaders, counts (63 awardees and 15 essay authors; 31 models by field 4/7/16/1/3;
39 Bằng khen, 6 for A and B prizes, 2 A + 4 B + 10 C out of 380 entries) and the
named models of seed 003 with their units. Where a report gives a count but no names,
the people, decision numbers and model names below are invented and plainly marked so
in each ceremony's notes.
"""

from models.sample.ceremonies import build_sample
from models.sample.database import write_sample_database
from models.sample.words import FAMILY, GIVEN, HAI_PHONG_DISTRICTS, LONG_BIEN_WARDS, MIDDLE, MODELS, SEED_003_MODELS

__all__ = [
    "FAMILY",
    "GIVEN",
    "HAI_PHONG_DISTRICTS",
    "LONG_BIEN_WARDS",
    "MIDDLE",
    "MODELS",
    "SEED_003_MODELS",
    "build_sample",
    "write_sample_database",
]
