"""The sample book's counts, in one place: what the five ceremony reports state, as the
sample builds it (models/sample). Tests name these instead of repeating the numbers."""

# Long Biên, 28/7/2022: Giấy khen to 42 collectives and 36 individuals; 63 models in the
# report's count (42 collectives and 21 individuals in the annex's first list).
LONG_BIEN_2022 = 78
LONG_BIEN_2022_COLLECTIVES = 42
LONG_BIEN_2022_INDIVIDUALS = 36

# Hải Phòng, 20/12/2022: 45 Bằng khen and the contest's 16 prizes (2 A, 4 B, 10 C).
HAI_PHONG_2022_PRIZES = 16
HAI_PHONG_2022_CERTIFICATES = 61

# The whole sample book.
ALL_AWARDEES = 169
