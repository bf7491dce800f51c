"""Temu gives the country and US state of an address by name (``regionName1``/``regionName2``,
e.g. "United States", "Illinois"); carriers want ISO 3166-1 alpha-2 and two-letter state codes.
A value already in code form passes unchanged; an unknown name too (the carrier then says so)."""
from __future__ import annotations

COUNTRIES = {
    "united states": "US", "united states of america": "US", "usa": "US", "canada": "CA", "mexico": "MX",
    "united kingdom": "GB", "germany": "DE", "france": "FR", "italy": "IT", "spain": "ES", "netherlands": "NL",
    "belgium": "BE", "austria": "AT", "poland": "PL", "sweden": "SE", "ireland": "IE", "portugal": "PT",
    "australia": "AU", "new zealand": "NZ", "japan": "JP",
}
US_STATES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
    "connecticut": "CT", "delaware": "DE", "district of columbia": "DC", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS",
    "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI",
    "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
    "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC",
    "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
    "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN", "texas": "TX",
    "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA", "west virginia": "WV",
    "wisconsin": "WI", "wyoming": "WY", "puerto rico": "PR",
}


def country_code(name: str) -> str:
    return COUNTRIES.get(name.strip().casefold(), name.strip())


def state_code(country: str, name: str) -> str:
    return US_STATES.get(name.strip().casefold(), name.strip()) if country == "US" else name.strip()
