"""Places that news copy names like people (capitalised runs of one or two words): American states
and the cities and regions datelines and campaign copy name most."""

from __future__ import annotations

US_STATES = """
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri montana nebraska nevada new_hampshire new_jersey new_mexico new_york
north_carolina north_dakota ohio oklahoma oregon pennsylvania rhode_island south_carolina south_dakota
tennessee texas utah vermont virginia washington west_virginia wisconsin wyoming puerto_rico
"""
CITIES_AND_REGIONS = """
los_angeles san_francisco san_diego san_antonio san_jose las_vegas new_orleans salt_lake_city
kansas_city oklahoma_city st_louis st_paul des_moines little_rock baton_rouge fort_worth el_paso
long_island staten_island capitol_hill wall_street silicon_valley the_bronx brooklyn manhattan
queens chicago houston phoenix philadelphia dallas detroit boston seattle denver atlanta miami
cleveland cincinnati columbus charlotte raleigh richmond milwaukee minneapolis pittsburgh baltimore
nashville memphis louisville orlando tampa sacramento portland albuquerque tucson omaha
manchester concord burlington charleston savannah birmingham anchorage honolulu
middle_east latin_america central_america north_america south_america west_bank gaza_strip
"""
#: Places as lowercase names ("los angeles", "new hampshire").
PLACE_NAMES = frozenset(name.replace("_", " ") for name in (US_STATES + CITIES_AND_REGIONS).split())
