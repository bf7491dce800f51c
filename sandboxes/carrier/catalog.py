"""What the sandbox carrier offers and accepts: accounts, service levels, enumerations."""
from __future__ import annotations

from dataclasses import dataclass

LABEL_FILE_TYPES = ("PNG", "PNG_2.3x7.5", "PDF", "PDF_2.3x7.5", "PDF_4x6", "PDF_4x8", "PDF_A4",
                    "PDF_A5", "PDF_A6", "ZPLII")
SERVED_LABEL_TYPES = ("PDF_4x6", "PDF", "ZPLII")  # the others are valid but not rendered here
DISTANCE_UNITS = ("cm", "in", "ft", "m", "mm", "yd")
MASS_UNITS = ("g", "kg", "lb", "oz")
TRANSACTION_STATUSES = ("WAITING", "QUEUED", "SUCCESS", "ERROR", "REFUNDED", "REFUNDPENDING",
                        "REFUNDREJECTED")
TRACKING_STATUSES = ("UNKNOWN", "PRE_TRANSIT", "TRANSIT", "DELIVERED", "RETURNED", "FAILURE")
GRAMS_PER = {"g": 1.0, "kg": 1000.0, "lb": 453.59237, "oz": 28.349523125}

# ISO 3166-1 alpha-2: Shippo refuses any other country code.
COUNTRIES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split())


@dataclass(frozen=True, slots=True)
class ServiceLevel:
    token: str
    name: str
    days: int
    base: float  # price in USD for the first 500 g
    per_kg: float


@dataclass(frozen=True, slots=True)
class CarrierAccount:
    object_id: str
    carrier: str
    carrier_name: str
    account_id: str
    service_levels: tuple[ServiceLevel, ...]
    active: bool = True


DEFAULT_ACCOUNTS = (
    CarrierAccount("ca-usps-0001", "usps", "USPS", "sandbox-usps", (
        ServiceLevel("usps_ground_advantage", "Ground Advantage", 5, 5.10, 2.40),
        ServiceLevel("usps_priority", "Priority Mail", 2, 8.70, 3.10),
    )),
    CarrierAccount("ca-ups-0001", "ups", "UPS", "sandbox-ups", (
        ServiceLevel("ups_ground", "Ground", 4, 9.25, 2.05),
        ServiceLevel("ups_next_day_air", "Next Day Air", 1, 31.40, 6.80),
    )),
)
