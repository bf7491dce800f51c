"""Deterministic fake buyers and addresses, US-style or EU-style by region."""
from __future__ import annotations

import random

from sandboxes.temu.catalog import US_REGION_IDS
from sandboxes.temu.model import Address

_FIRST = ("Emma", "Liam", "Olivia", "Noah", "Ava", "Mia", "Lucas", "Sofia", "Ethan", "Chloe",
          "Mateo", "Hannah", "Leon", "Clara", "Jonas", "Elena", "Marco", "Julia", "Oscar", "Nora")
_LAST = ("Smith", "Johnson", "Garcia", "Miller", "Davis", "Lopez", "Wilson", "Anderson",
         "Thomas", "Moore", "Schneider", "Fischer", "Weber", "Rossi", "Dubois", "Novak")
_US_PLACES = (("California", "Sacramento", "958"), ("Texas", "Austin", "787"),
              ("New York", "Albany", "122"), ("Florida", "Orlando", "328"),
              ("Illinois", "Springfield", "627"), ("Washington", "Spokane", "992"),
              ("Ohio", "Columbus", "432"), ("Georgia", "Savannah", "314"))
_US_STREETS = ("Maple Ave", "Oak St", "Pine Rd", "Cedar Ln", "Elm St", "Lakeview Dr",
               "Sunset Blvd", "Hillcrest Rd")
# NOTE: our sources give no region id → country table, so every EU region gets
# German-style addresses; the country name is illustrative.
_EU_PLACES = (("Berlin", "Berlin", "10"), ("Bayern", "München", "80"),
              ("Hamburg", "Hamburg", "20"), ("Hessen", "Frankfurt am Main", "60"),
              ("Sachsen", "Leipzig", "04"), ("Nordrhein-Westfalen", "Köln", "50"))
_EU_STREETS = ("Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Lindenallee",
               "Bergstraße")


def country_of(region_id: int) -> str:
    return "United States" if region_id in US_REGION_IDS else "Germany"


def random_address(rng: random.Random, region_id: int) -> Address:
    """A plausible buyer address with a virtual phone number and e-mail, as Temu masks them."""
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    phone = f"1{rng.randrange(10**9, 10**10)}-{rng.randrange(1000, 10000)}"
    mail = f"{rng.getrandbits(48):012x}@relay.sandbox.invalid"
    if region_id in US_REGION_IDS:
        state, city, zip3 = rng.choice(_US_PLACES)
        line1 = f"{rng.randrange(10, 9999)} {rng.choice(_US_STREETS)}"
        post = f"{zip3}{rng.randrange(10, 100)}"
    else:
        state, city, zip2 = rng.choice(_EU_PLACES)
        line1 = f"{rng.choice(_EU_STREETS)} {rng.randrange(1, 120)}"
        post = f"{zip2}{rng.randrange(100, 1000)}"
    line2 = f"Apt {rng.randrange(1, 40)}" if rng.random() < 0.3 else ""
    return Address(first_name=first, last_name=last, phone=phone, mail=mail,
                   country=country_of(region_id), state=state, city=city, district="",
                   line1=line1, line2=line2, post_code=post)
