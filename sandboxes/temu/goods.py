"""Deterministic fake merchandise: each mall gets its own stable catalogue of SKUs."""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

# (goods name, SKU stem, [(spec shown to the buyer, original spec name, SKU suffix)])
_GOODS = (
    ("Ceramic Coffee Mug 350 ml", "MUG", (("Color: White", "White", "WHT"),
                                          ("Color: Sage Green", "Sage Green", "GRN"),
                                          ("Color: Matte Black", "Matte Black", "BLK"))),
    ("Bamboo Cutting Board Set", "CUTB", (("Set: 3 pcs", "3 pcs", "3P"),
                                          ("Set: 5 pcs", "5 pcs", "5P"))),
    ("Linen Throw Pillow Cover 18x18 in", "PILW", (("Beige", "Beige", "BEI"),
                                                   ("Navy", "Navy", "NVY"),
                                                   ("Terracotta", "Terracotta", "TER"))),
    ("Stainless Steel Water Bottle 750 ml", "BOTL", (("Color: Silver", "Silver", "SLV"),
                                                     ("Color: Rose", "Rose", "RSE"))),
    ("LED Motion Sensor Night Light", "NLGT", (("Pack: 2", "2-pack", "2PK"),
                                               ("Pack: 4", "4-pack", "4PK"))),
    ("Silicone Baking Mat", "BMAT", (("Size: Half sheet", "Half sheet", "HALF"),
                                     ("Size: Quarter sheet", "Quarter sheet", "QTR"))),
    ("Cotton Waffle Bath Towel", "TOWL", (("Grey / 70x140 cm", "Grey/70x140", "GRY"),
                                          ("White / 70x140 cm", "White/70x140", "WHT"))),
    ("Ceramic Plant Pot with Drainage", "POT", (("Small / White", "S/White", "S-WHT"),
                                                ("Medium / White", "M/White", "M-WHT"),
                                                ("Medium / Terracotta", "M/Terracotta", "M-TER"))),
    ("Over-Door Hanging Organizer", "ORGN", (("6 pockets", "6 pockets", "6P"),
                                             ("12 pockets", "12 pockets", "12P"))),
    ("Glass Food Storage Containers", "GLAS", (("Set of 5", "5 set", "5S"),
                                               ("Set of 10", "10 set", "10S"))),
    ("Scented Soy Candle 8 oz", "CNDL", (("Scent: Lavender", "Lavender", "LAV"),
                                         ("Scent: Vanilla", "Vanilla", "VAN"),
                                         ("Scent: Cedar", "Cedar", "CED"))),
    ("Microfiber Cleaning Cloths", "MCLT", (("Pack: 12", "12-pack", "12P"),
                                            ("Pack: 24", "24-pack", "24P"))),
)


@dataclass(frozen=True, slots=True)
class Sku:
    """One sellable variant with Temu's ids and the seller's own SKU code (``extCode``)."""

    goods_id: int
    sku_id: int
    product_id: int
    product_sku_id: int
    ext_code: str
    goods_name: str
    spec: str
    original_spec: str
    thumb_url: str


@lru_cache(maxsize=64)
def catalogue(mall_id: int) -> tuple[Sku, ...]:
    """The SKUs mall ``mall_id`` sells; the same mall always gets the same catalogue."""
    rng = random.Random(f"goods:{mall_id}")
    prefix = f"S{mall_id % 1000:03d}"
    skus = []
    for name, stem, variants in _GOODS:
        goods_id = 601_000_000_000_000 + rng.randrange(10**12)
        product_id = 10_000_000_000 + rng.randrange(9 * 10**10)
        for spec, original, suffix in variants:
            skus.append(Sku(
                goods_id=goods_id, sku_id=30_000_000_000_000 + rng.randrange(6 * 10**13),
                product_id=product_id, product_sku_id=600_000_000_000 + rng.randrange(10**11),
                ext_code=f"{prefix}-{stem}-{suffix}", goods_name=name, spec=spec,
                original_spec=original,
                thumb_url=f"https://img.sandbox.invalid/goods/{goods_id}.jpeg"))
    return tuple(skus)
