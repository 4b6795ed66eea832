"""The shipped dictionary of dermatology drugs (``dermatology_drugs.csv``).

One row a drug: its generic name (lower case, as the Drug table keeps it), its brand
names separated by semicolons, its class and its mechanism, compiled from public
labelling. An empty field means "not recorded", never "none".
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATH = Path(__file__).with_name("dermatology_drugs.csv")


@dataclass(frozen=True)
class Entry:
    generic_name: str
    brand_names: tuple[str, ...]
    drug_class: str
    mechanism: str


def read(path=PATH):
    with open(path, encoding="utf-8", newline="") as file:
        return [
            Entry(
                generic_name=row["generic_name"].strip(),
                brand_names=tuple(b.strip() for b in row["brand_names"].split(";") if b.strip()),
                drug_class=row["drug_class"].strip(),
                mechanism=row["mechanism"].strip(),
            )
            for row in csv.DictReader(file)
        ]


@cache
def entries():
    """Every entry, by lower-cased generic name."""
    return {entry.generic_name.lower(): entry for entry in read()}
