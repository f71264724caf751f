"""Names, addresses, phone numbers and emails for demo people, from Faker's en_GB word lists.

Only the word lists are taken from Faker: drawing from them with one seeded generator is many
times quicker than asking Faker for each value, and a 10,000-patient demo asks some 60,000 times.
Phone numbers are Ofcom's drama numbers, as Faker's are; nothing here belongs to a real person.
"""

from __future__ import annotations

import itertools
import random
import re

from linkworker_desktop.domain.choices import Gender

# Street names as a Leeds address book has them (Faker's list is US-flavoured: "burgs").
_STREET_ENDINGS = (
    "Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent", "Grove", "Terrace",
    "Gardens", "Place", "Court", "View", "Walk", "Mount", "Rise", "Green", "Hill", "Parade",
)  # fmt: skip
_FLATS = ("Flat", "Flat", "Flat", "Apartment", "Studio")
_NOT_IN_AN_ADDRESS = re.compile(r"[^a-z]")


class DemoContacts:
    """Draws a person's contact details; the same seed draws the same people."""

    def __init__(self, seed: int):
        # Faker loads when demo people are made, not with the app.
        from faker.providers.internet.en_GB import Provider as Internet
        from faker.providers.person.en_GB import Provider as Person
        from faker.providers.phone_number.en_GB import Provider as Phones

        self._rng = random.Random(f"demo contacts {seed}")
        self._female = Person.first_names_female
        self._male = Person.first_names_male
        self._family = list(Person.last_names)
        self._family_weights = list(itertools.accumulate(Person.last_names.values()))
        self._phones = Phones.formats
        self._email_domains = Internet.free_email_domains
        # Streets are named after people, as many in the north of England are.
        self._streets = [f"{name} {ending}" for name in self._family for ending in _STREET_ENDINGS]

    def given_name(self, gender: Gender) -> str:
        return self._rng.choice(self._female if gender == Gender.FEMALE else self._male)

    def family_name(self) -> str:
        return self._rng.choices(self._family, cum_weights=self._family_weights)[0]

    def street_address(self) -> str:
        rng = self._rng
        street = rng.choice(self._streets)
        if rng.random() < 0.2:
            return f"{rng.choice(_FLATS)} {rng.randint(1, 60)}, {street}"
        return f"{rng.randint(1, 240)} {street}"

    def phone_number(self) -> str:
        digits = iter(f"{self._rng.randrange(10**6):06d}")
        return "".join(next(digits) if c == "#" else c for c in self._rng.choice(self._phones))

    def email(self, given: str, family: str) -> str:
        """An address made from the person's own name, as most people's are."""
        rng = self._rng
        first = _NOT_IN_AN_ADDRESS.sub("", given.lower())
        last = _NOT_IN_AN_ADDRESS.sub("", family.lower())
        number = rng.randint(1, 99)
        user = rng.choice(
            [f"{first}.{last}", f"{first}{last}", f"{first[:1]}{last}", f"{first}{number}"]
        )
        return f"{user}@{rng.choice(self._email_domains)}"
