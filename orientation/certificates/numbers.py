"""Certificate numbers: random, easy to read aloud, with a check character.

Twelve characters of Crockford's base 32 (no I, L, O or U, which look like other letters),
the last one a Luhn mod 32 check character: a mistyped number (one character wrong, or two
neighbours swapped) is told apart from a number that was never issued. Shown as XXXX-XXXX-XXXX.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 11
# What people type for what they see (Crockford): O is 0, I and L are 1.
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_character(body):
    """Luhn mod 32 over the body: detects every single error and most swaps."""
    total, factor = 0, 2
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def new_number():
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + check_character(body)


def normalise(text):
    """The stored form of a typed number: upper case, look-alikes mapped, no spaces or dashes."""
    cleaned = "".join((text or "").split()).replace("-", "").upper()
    return cleaned.translate(LOOK_ALIKES)


def is_well_formed(number):
    """True when a normalised number has the right length, alphabet and check character."""
    return (len(number) == RANDOM_LENGTH + 1 and all(c in ALPHABET for c in number)
            and check_character(number[:-1]) == number[-1])


def display(number):
    return "-".join(number[i:i + 4] for i in range(0, len(number), 4))
