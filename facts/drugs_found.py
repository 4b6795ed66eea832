"""Drugs named in a text: generic names (any case) and brand names (as written or in
capitals), found on word boundaries, longest name first. Pure: the caller gives the
names to look for."""

import re
from dataclasses import dataclass, field

from .text import normal, sentences

# A generic name's salt or ester: "clobetasol propionate" is also found as "clobetasol".
SALTS = {
    "acetonide",
    "bromide",
    "butyrate",
    "diacetate",
    "dipropionate",
    "furoate",
    "mofetil",
    "pegol",
    "pivalate",
    "propionate",
    "sodium",
    "tosylate",
    "valerate",
}
TRADEMARK = r"(?:\s?[\u2122\u00ae])?"


@dataclass(frozen=True)
class Name:
    text: str
    generic_name: str
    brand: bool


@dataclass
class FoundDrug:
    generic_name: str
    brands: list[str] = field(default_factory=list)
    sentence: str = ""

    @property
    def tags(self):
        return [self.generic_name, *self.brands]


def catalogue(pairs):
    """Names to look for from (generic name, brand names) pairs; the first pair naming a
    brand keeps it. A salt-less generic ("clobetasol") is added when only one generic
    has that base and no generic is called so."""
    names, brands_seen = [], set()
    generics = [generic.lower() for generic, _ in pairs]
    bases = {}
    for generic, _ in pairs:
        words = generic.lower().split()
        if len(words) == 2 and words[1] in SALTS:
            bases.setdefault(words[0], []).append(generic)
    for generic, brands in pairs:
        names.append(Name(generic.lower(), generic, False))
        for brand in brands:
            if brand.lower() not in brands_seen:
                brands_seen.add(brand.lower())
                names.append(Name(brand, generic, True))
    for base, owners in bases.items():
        if len(owners) == 1 and base not in generics:
            names.append(Name(base, owners[0], False))
    return names


def _pattern(names, *, brand):
    words = sorted({name.text for name in names if name.brand == brand}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, word.split())) for word in words)
    flags = 0 if brand else re.IGNORECASE
    return re.compile(rf"(?<![\w-])({alternatives}){TRADEMARK}(?![\w])", flags)


def find_drugs(text, names):
    """[FoundDrug] in the order first named; each with the first sentence naming it."""
    lookup_generic = {n.text.lower(): n for n in names if not n.brand}
    lookup_brand = {n.text: n for n in names if n.brand}
    upper_brand = {n.text.upper(): n for n in names if n.brand}
    patterns = [_pattern(names, brand=False), _pattern(names, brand=True)]
    upper = re.compile(_pattern(names, brand=True).pattern, re.IGNORECASE) if patterns[1] else None
    found = {}
    for sentence in sentences(normal(text)):
        hits = []
        for pattern in patterns:
            if pattern:
                hits += [(m.start(), m.end(), m.group(1)) for m in pattern.finditer(sentence)]
        if upper:
            for m in upper.finditer(sentence):
                word = " ".join(m.group(1).split())
                if word.isupper() and word in upper_brand:
                    hits.append((m.start(), m.end(), upper_brand[word].text))
        for _, _, word in _without_overlaps(hits):
            word = " ".join(word.split())
            name = lookup_brand.get(word) or lookup_generic.get(word.lower())
            if name is None:
                continue
            drug = found.setdefault(
                name.generic_name.lower(), FoundDrug(name.generic_name, sentence=sentence)
            )
            if name.brand and name.text not in drug.brands:
                drug.brands.append(name.text)
    return list(found.values())


def _without_overlaps(hits):
    """Longest first at each place; a shorter name inside a longer one is dropped."""
    kept = []
    for start, end, word in sorted(hits, key=lambda hit: (hit[0], -(hit[1] - hit[0]))):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, word))
    return kept
