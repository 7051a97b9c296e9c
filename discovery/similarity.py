"""Near-identical words: shingles of three words, compared by how much of the shorter text the longer holds."""

import re

WORD = re.compile(r"\w+")
SHINGLE_WORDS = 3
# At or above this share of the shorter text's shingles, two texts say the same words.
NEAR_IDENTICAL = 0.7


def shingles(text: str) -> set[str]:
    tokens = [token.casefold() for token in WORD.findall(text)]
    if len(tokens) < SHINGLE_WORDS:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def near_identical(text: str, others) -> bool:
    mine = shingles(text)
    return any(overlap(mine, shingles(other)) >= NEAR_IDENTICAL for other in others if other)
