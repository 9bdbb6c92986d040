"""The ceremony screens: the MC's presenter screen, the hall's screen and the show both follow."""
