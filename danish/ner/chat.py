"""Chat-like training sentences for the NER: people writing to Vejviser, mostly in lower case, naming themselves and
the people they worry about ("min søn villads ryger hash", "det er Lærke", "Kasper her", "hilsen Henrik"), and just
as many sentences that name no one. Made from templates and the name lists (danish/names.py) with a fixed seed;
kept apart from the hand-written evaluation sets in tests/privacy/."""

from __future__ import annotations

import random

from spacy.tokens import Doc
from spacy.vocab import Vocab

from danish.names import first_names, name_words, surnames

RELATIONS = (
    "søn",
    "datter",
    "dreng",
    "pige",
    "bror",
    "lillebror",
    "storebror",
    "søster",
    "lillesøster",
    "storesøster",
    "stedsøn",
    "steddatter",
    "papsøn",
    "papdatter",
    "bonussøn",
    "bonusdatter",
    "bonusbarn",
    "barn",
    "kæreste",
    "ekskæreste",
    "eks",
    "mand",
    "kone",
    "far",
    "mor",
    "stedfar",
    "papmor",
    "farmor",
    "mormor",
    "ven",
    "veninde",
    "nevø",
    "niece",
    "barnebarn",
    "kollega",
    "fætter",
    "kusine",
    "onkel",
    "moster",
    "faster",
    "svoger",
    "svigersøn",
    "nabo",
    "elev",
)
OWNERS = ("min", "vores", "hans", "hendes", "mit")
DRUGS = ("hash", "skunk", "kokain", "coke", "amfetamin", "speed", "piller", "ketamin", "heroin", "ecstasy", "stoffer")
PLACES = (
    "Faxe", "Haslev", "Karise", "Odsherred", "Asnæs", "Vig", "Nykøbing Sjælland", "Vordingborg", "Præstø", "Stege",
    "Brønderslev", "Dronninglund", "Hjallerup", "Frederiksberg", "København", "Næstved", "Aalborg",
)  # fmt: skip
ORGANISATIONS = (
    "Rusmiddelcentret",
    "FKRC",
    "Ungecentret",
    "Center for Rusmidler",
    "Rusmiddelteamet",
    "UngeCenter Brønderslev",
)
# Sentences that name someone: {name} is the person; the other fields are filled at random.
NAMED = (
    "min {rel} {name} ryger {drug}",
    "{owner} {rel} {name} tager {drug} hver weekend",
    "jeg er bekymret for {name}",
    "det er {name}",
    "det er {name} her",
    "{name} her",
    "hej det er {name}",
    "hej jeg hedder {name}",
    "jeg hedder {name} og bor i {place}",
    "jeg hedder også {name}",
    "mit navn er {name}",
    "hilsen {name}",
    "mvh {name}",
    "kh {name}",
    "venlig hilsen {name}",
    "tak for svaret, {name}",
    "min {rel}, der hedder {name}, er {age}",
    "{owner} {rel} som hedder {name} har brug for hjælp",
    "{name} er min {rel} og tager {drug}",
    "kan {name} få hjælp i {place}",
    "jeg ringer for {name}",
    "{name} og jeg bor i {place}",
    "har snakket med {name} om det",
    "min {rel} hedder {name} og er {age} år",
    "spørger for min {rel} {name} på {age}",
    "{name} fra {place} her, hvad koster det",
    "skriver på vegne af {name}",
    "må {name} komme med til samtalen",
    "hvad gør jeg med {name}",
    "{name}: hvordan kommer jeg i behandling",
    "jeg har talt med {name} fra {org}",
    "{name} siger at det er gratis",
    "min {rel} {name} vil ikke have hjælp",
    "er {name} for ung til behandling",
    "{name} er {age} og ryger {drug}",
    "hej {org}, det er {name}",
    "/{name}",
)
# Sentences that name no one, with the same words around them: the model must not see a name in every such slot.
UNNAMED = (
    "min {rel} ryger {drug}",
    "jeg bor i {place}",
    "hvad koster behandling i {place}",
    "min {rel} er {age} og tager {drug}",
    "det er tom snak",
    "hans mor ved det ikke",
    "per uge bruger jeg {drug}",
    "max to gange om ugen",
    "vi bor i {place}",
    "hvordan kan jeg hjælpe min {rel}",
    "kan man være anonym i {place}",
    "jeg har det skidt",
    "hold da op",
    "bo hjemme og få behandling",
    "er der ventetid i {place}",
    "hvem kan jeg ringe til hos {org}",
    "det er {drug}",
    "hilsen en bekymret {rel}",
    "mvh {owner} {rel}",
    "{owner} {rel} her",
    "det er min {rel}",
    "tak for hjælpen",
    "min {rel} hedder ikke noget med det",
    "er {org} åben i dag",
    "jeg er {age} og ryger {drug}",
)


def _name(rng: random.Random, first: list[str], last: list[str]) -> str:
    name = rng.choice(first)
    if rng.random() < 0.12:
        name += "-" + rng.choice(first)
    if rng.random() < 0.35:
        name += " " + rng.choice(last)
    return name.title() if rng.random() < 0.45 else name


def sentences(count: int, seed: int) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """`count` sentences with their entity spans (start, end, label), two thirds naming someone."""
    rng = random.Random(seed)
    first = sorted(first_names() - name_words())
    last = sorted(surnames() - name_words())
    made = []
    for _ in range(count):
        fields = {
            "rel": rng.choice(RELATIONS),
            "owner": rng.choice(OWNERS),
            "drug": rng.choice(DRUGS),
            "age": str(rng.randint(13, 64)),
            "place": rng.choice(PLACES),
            "org": rng.choice(ORGANISATIONS),
            "name": _name(rng, first, last),
        }
        template = rng.choice(NAMED if rng.random() < 2 / 3 else UNNAMED)
        text = template.format(**fields)
        spans = []
        for field, label in (("name", "PER"), ("place", "LOC"), ("org", "ORG")):
            value = fields[field]
            if "{" + field + "}" in template:
                start = text.index(value)
                spans.append((start, start + len(value), label))
        if rng.random() < 0.6:
            text = text.lower()
        made.append((text, spans))
    return made


def docs(vocab: Vocab, count: int, seed: int) -> list[Doc]:
    from spacy.lang.da import Danish

    make = Danish(vocab).make_doc
    found = []
    for text, spans in sentences(count, seed):
        doc = make(text)
        entities = [doc.char_span(start, end, label=label, alignment_mode="expand") for start, end, label in spans]
        doc.set_ents([entity for entity in entities if entity is not None])
        found.append(doc)
    return found
