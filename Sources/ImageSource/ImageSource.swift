import ScoutModel
