"""A believable local directory for the demo: 60+ synthetic groups in Open Referral UK shape.

Names and numbers are made up (phone numbers from Ofcom's drama range 01632 960xxx). The
district centres are approximate and for the demo only; a service loads real ones.
"""

from __future__ import annotations

import random
from typing import Any

DEMO_DISTRICTS = {
    "LS1": (53.797, -1.547),
    "LS2": (53.803, -1.550),
    "LS3": (53.801, -1.563),
    "LS4": (53.811, -1.580),
    "LS5": (53.818, -1.598),
    "LS6": (53.822, -1.578),
    "LS7": (53.829, -1.533),
    "LS8": (53.826, -1.507),
    "LS9": (53.800, -1.510),
    "LS10": (53.772, -1.532),
    "LS11": (53.781, -1.557),
    "LS12": (53.790, -1.600),
}

_KINDS: list[tuple[str, list[str], str, str]] = [
    # (category, names, description, accessibility)
    (
        "Loneliness and social",
        [
            "Coffee morning",
            "Friendship club",
            "Lunch club",
            "Men's shed",
            "Knit and natter",
            "Board games afternoon",
            "Over-50s social",
        ],
        "A friendly group to meet people over a cup of tea. Just turn up; you will be welcomed.",
        "Step-free access and an accessible toilet.",
    ),
    (
        "Physical activity",
        [
            "Walking group",
            "Chair-based exercise",
            "Tai chi",
            "Walking football",
            "Gentle yoga",
            "Community gardening",
            "Dance for health",
        ],
        "Gentle activity at your own pace, led by a trained volunteer. No special kit needed.",
        "Seated options for every session.",
    ),
    (
        "Mental wellbeing",
        [
            "Wellbeing café",
            "Mindfulness group",
            "Peer support group",
            "Anxiety management course",
            "Men's mental health group",
        ],
        "A safe space to talk and learn ways of coping, run by people with lived experience.",
        "Hearing loop in the main room.",
    ),
    (
        "Money and debt",
        ["Money advice drop-in", "Benefits check clinic", "Debt advice line", "Energy bill help"],
        "Free, confidential advice on benefits, debts and bills from trained advisers.",
        "Ground-floor rooms; interpreters can be booked.",
    ),
    (
        "Housing",
        ["Housing advice drop-in", "Tenancy support", "Warm homes scheme"],
        "Help with repairs, damp, rent arrears and finding a home.",
        "",
    ),
    (
        "Carers",
        ["Carers' café", "Carers' support group", "Young carers club"],
        "Support, information and a break for people who look after someone.",
        "Step-free access.",
    ),
    (
        "Bereavement",
        ["Bereavement support group", "Walk and talk for bereaved people"],
        "Time with others who understand, at your own pace.",
        "",
    ),
    (
        "Arts and creativity",
        [
            "Community choir",
            "Art group",
            "Creative writing circle",
            "Craft club",
            "Reminiscence group",
        ],
        "Make something, sing or write with others. All abilities welcome; materials provided.",
        "Large-print song sheets and materials.",
    ),
    (
        "Food",
        ["Community pantry", "Cook and eat sessions", "Food bank"],
        "Affordable food and the chance to cook and eat together.",
        "",
    ),
    (
        "Employment and learning",
        ["Job club", "Digital skills drop-in", "English conversation class", "Volunteering advice"],
        "Help with job searches, CVs, computers and confidence.",
        "Laptops available to borrow.",
    ),
]
_VENUES = [
    ("Riverside Community Centre", "12 Canal Road", "LS1 4AP"),
    ("St Mark's Church Hall", "3 Church Lane", "LS6 2BB"),
    ("Hillview Library", "41 Station Road", "LS7 3HD"),
    ("Park Lane Pavilion", "Park Lane", "LS8 1EU"),
    ("Eastside Hub", "88 York Road", "LS9 6NN"),
    ("Southgate Sports Centre", "Southgate", "LS10 2QP"),
    ("Beeston Neighbourhood Centre", "5 Town Street", "LS11 8PN"),
    ("Armley Methodist Hall", "Wesley Road", "LS12 1UH"),
    ("Kirkstall Community Rooms", "7 Abbey Road", "LS5 3ED"),
    ("Headingley Scout Hut", "Otley Road", "LS6 3AA"),
]
_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA"]
_TRUSTS = ["Riverside", "Hillview", "Canal Side", "Northfield"]


def demo_feed(seed: int = 2026, count: int = 66) -> dict[str, Any]:
    """An Open Referral UK 3.0-style page of synthetic services."""
    rng = random.Random(seed)
    contents: list[dict[str, Any]] = []
    number = 0
    while len(contents) < count:
        category, names, description, access = _KINDS[number % len(_KINDS)]
        name = names[(number // len(_KINDS)) % len(names)]
        venue, street, postcode = rng.choice(_VENUES)
        district = postcode.split()[0]
        lat, lon = DEMO_DISTRICTS[district]
        number += 1
        monthly = rng.random() < 0.2
        opens = rng.choice(["09:30:00", "10:00:00", "13:30:00", "14:00:00", "18:30:00"])
        closes = {
            "09:30:00": "11:30:00",
            "10:00:00": "12:00:00",
            "13:30:00": "15:30:00",
            "14:00:00": "16:00:00",
            "18:30:00": "20:00:00",
        }[opens]
        day = rng.choice(_DAYS)
        schedule = {
            "id": f"demo-schedule-{number}",
            "freq": "MONTHLY" if monthly else "WEEKLY",
            "interval": 1,
            "byday": f"{rng.choice([1, 2, 3])}{day}" if monthly else day,
            "opens_at": opens,
            "closes_at": closes,
        }
        free = rng.random() < 0.8
        contents.append(
            {
                "id": f"demo-service-{number:03d}",
                "name": f"{name} at {venue}" if rng.random() < 0.5 else f"{district} {name}",
                "description": description,
                "status": "active",
                "fees_description": "Free" if free else "£2 a session, first session free",
                "assured_date": f"202{rng.choice([4, 5, 5, 6, 6])}-0{rng.randint(1, 9)}-15",
                "organization": {
                    "id": f"demo-org-{number % 12}",
                    "name": f"{rng.choice(_TRUSTS)} Community Trust",
                },
                "phones": [{"number": f"01632 960{rng.randint(100, 999)}"}],
                "schedules": [schedule],
                "attributes": [{"taxonomy_term": {"id": f"demo-cat-{category}", "name": category}}],
                "service_at_locations": [
                    {
                        "location": {
                            "name": venue,
                            "latitude": lat + rng.uniform(-0.004, 0.004),
                            "longitude": lon + rng.uniform(-0.004, 0.004),
                            "addresses": [
                                {"address_1": street, "city": "Leeds", "postal_code": postcode}
                            ],
                            "accessibility": [{"description": access}] if access else [],
                        }
                    }
                ],
            }
        )
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "contents": contents,
    }
