"""Word-level equivalences the stemmer cannot see: an organ's noun and its adjective, in English and
French ("renal" and "kidney", "rénal" and "rein"), a few words of side, site and course across the
two languages ("left" and "gauche"), and connecting words that carry little weight.

These expand a query word to the other forms with a slightly lower weight, so the form typed still
wins a tie. They are general (anatomy and grammar), never tied to a particular query or code.
"""

from __future__ import annotations

__all__ = ["EQUIVALENT_GROUPS", "EXPANSION_WEIGHT", "GENERIC_WORDS", "WEAK_WEIGHT", "WEAK_WORDS", "equivalence_map"]

EXPANSION_WEIGHT = 0.9
WEAK_WEIGHT = 0.3

# Each group: words (folded, unstemmed) with the same anatomical meaning.
EQUIVALENT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("kidney", "kidneys", "renal", "rein", "reins", "renaux", "renale", "renales"),
    ("liver", "hepatic", "foie", "hepatique", "hepatiques"),
    ("lung", "lungs", "pulmonary", "poumon", "poumons", "pulmonaire", "pulmonaires"),
    ("heart", "cardiac", "coeur", "cardiaque", "cardiaques"),
    ("stomach", "gastric", "estomac", "gastrique", "gastriques"),
    ("brain", "cerebral", "cerveau", "cerebrale", "cerebraux"),
    ("eye", "eyes", "ocular", "oeil", "yeux", "oculaire", "oculaires"),
    ("skin", "cutaneous", "dermal", "peau", "cutane", "cutanee", "cutanees"),
    ("bone", "bones", "osseous", "os", "osseux", "osseuse"),
    ("muscle", "muscles", "muscular", "musculaire", "musculaires"),
    ("bladder", "vesical", "vessie", "vesical"),
    ("bowel", "intestine", "intestinal", "intestin", "intestinale"),
    ("ear", "ears", "aural", "otic", "oreille", "oreilles"),
    ("nose", "nasal", "nez"),
    ("mouth", "oral", "bouche", "buccal", "buccale"),
    ("tooth", "teeth", "dental", "dent", "dents", "dentaire"),
    ("blood", "sang", "sanguin", "sanguine"),
    ("vein", "veins", "venous", "veine", "veines", "veineux", "veineuse"),
    ("artery", "arteries", "arterial", "artere", "arteres", "arteriel", "arterielle"),
    ("thyroid", "thyroide", "thyroidien", "thyroidienne"),
    ("joint", "joints", "articular", "articulation", "articulaire"),
    ("spine", "spinal", "vertebral", "colonne", "rachis", "rachidien"),
    ("womb", "uterus", "uterine", "uterin", "uterine"),
    ("breast", "mammary", "sein", "seins", "mammaire"),
    ("chest", "thorax", "thoracic", "thoracique", "poitrine"),
    ("belly", "abdomen", "abdominal", "ventre", "abdominale"),
    ("head", "cephalic", "tete", "cephalique"),
    ("throat", "pharynx", "pharyngeal", "gorge", "pharynge"),
    ("hip", "coxal", "hanche"),
    ("knee", "genou", "genoux"),
    ("wrist", "carpal", "poignet"),
    ("shoulder", "epaule", "scapular"),
    ("ossified", "ossification", "ossifie", "ossifiee"),
    # words of site, side and course that French queries use where CIM-10 has no such detail
    ("left", "gauche"),
    ("right", "droit", "droite"),
    ("pain", "painful", "douleur", "douleurs", "douloureux", "douloureuse"),
    ("acute", "aigu", "aigue", "aigus", "aigues"),
    ("chronic", "chronique", "chroniques"),
    ("upper", "superieur", "superieure"),
    ("lower", "inferieur", "inferieure"),
    ("burn", "burns", "burnt", "brulure", "brulures"),
    ("tumor", "tumour", "tumeur", "tumeurs"),
    ("malignant", "malin", "maligne"),
    ("benign", "benin", "benigne"),
    ("pregnancy", "pregnant", "grossesse", "enceinte"),
    ("fever", "fievre"),
    ("cough", "toux"),
    ("stone", "stones", "calculus", "calcul", "calculs", "lithiase"),
    ("calcified", "calcification", "calcifie", "calcifiee"),
    # irregular English verbs: the stemmer cannot join "fell" to "fall", "bit" to "bite"
    ("fall", "fell", "fallen"),
    ("bite", "bitten"),
    ("struck", "strike", "striking"),
)

# Connecting words: they tie a condition to a cause, worth little on their own.
WEAK_WORDS: frozenset[str] = frozenset([
    "after", "due", "associated", "caused", "following", "related", "because", "following", "off", "onto", "into",
    "apres", "lie", "liee", "lies", "liees", "associe", "associee", "associes", "associees", "cause", "causee", "suite",
])

# Generic words: they say that something is wrong, not what. A query word of this list never carries a
# match by itself ("bad back" must not answer "bad breath", "stomach ache" not "ear ache"): a result
# must share at least one of the query's other (distinctive) words, unless the query has none.
GENERIC_WORDS: frozenset[str] = frozenset([
    "disease", "diseases", "syndrome", "syndromes", "disorder", "disorders", "pain", "pains", "painful",
    "ache", "aches", "aching", "attack", "attacks", "broken", "break", "problem", "problems", "condition",
    "conditions", "trouble", "troubles", "bad", "sore", "illness", "sickness", "sick", "issue", "issues",
    "maladie", "maladies", "syndrome", "trouble", "troubles", "douleur", "douleurs", "douloureux", "douloureuse",
    "mal", "maux", "crise", "crises", "casse", "cassee", "probleme", "problemes", "affection", "affections",
    "atteinte", "atteintes",
])


def equivalence_map() -> dict[str, tuple[str, ...]]:
    """word -> the other words of its group (built by the engine once, not at import)."""
    out: dict[str, tuple[str, ...]] = {}
    for group in EQUIVALENT_GROUPS:
        for word in group:
            out[word] = tuple(w for w in group if w != word)
    return out
