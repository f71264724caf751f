"""Read Open Referral UK feeds: the 3.0 HSDS profile and the older 1.0 API councils still serve.

Real feeds are messy (quoted phone numbers, placeholder values, a latitude of 100, HTML in
text), so every record is checked on its own: the valid ones are kept, each rejected one is
reported with its reason, and nothing here touches the database.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from linkworker_desktop.domain.directory import DirectoryService, Location, Schedule

_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(r"</?(p|div|br|li|ul|ol|h[1-6]|tr|table)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t]+")
_FREE_WORDS = re.compile(r"\bfree\b|no charge|no cost", re.IGNORECASE)
# A price above nothing ("£2 a session", "£0.50", "50p"): "£2, first session free" is not free.
_PRICE = re.compile(r"[£$€]\s*(?:[1-9]|0?\.\d*[1-9])|\b[1-9]\d*\s*p\b", re.IGNORECASE)
_DAY = re.compile(r"^(-?\d)?(MO|TU|WE|TH|FR|SA|SU)$")
MAX_TEXT = 4000
MAX_FEED_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Rejected:
    where: str
    reason: str


class FeedError(ValueError):
    """The file is not a feed at all (not JSON, or no services anywhere in it)."""


def load_feed(path: Path) -> Any:
    """A feed file's JSON, or a FeedError saying in one sentence why the file cannot be used."""
    try:
        if path.stat().st_size > MAX_FEED_BYTES:
            raise FeedError(f"{path.name} is larger than a directory feed should be.")
        text = path.read_text("utf-8")
    except FileNotFoundError as exc:
        raise FeedError(f"There is no file at {path}.") from exc
    except IsADirectoryError as exc:
        raise FeedError(f"{path} is a folder; give the feed's JSON file.") from exc
    except UnicodeDecodeError as exc:
        raise FeedError(f"{path.name} is not text (UTF-8 JSON); nothing was imported.") from exc
    except OSError as exc:
        raise FeedError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FeedError(
            f"{path.name} is not complete JSON (line {exc.lineno}, column {exc.colno});"
            " nothing was imported."
        ) from exc
    except RecursionError as exc:
        raise FeedError(
            f"{path.name} is nested too deeply to be a directory feed; nothing was imported."
        ) from exc


def records_of(doc: Any) -> list[Any]:
    """The service records of a feed, whatever its page shape."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        if isinstance(doc.get("services"), list) and "name" in doc:
            # An organisation record with its services inside: they inherit its name.
            owner = {"name": doc.get("name")}
            return [
                dict(s, organization=s.get("organization") or owner) if isinstance(s, dict) else s
                for s in doc["services"]
            ]
        for key in ("contents", "content", "services", "items"):
            if isinstance(doc.get(key), list):
                return doc[key]
        if "name" in doc and "id" in doc:
            return [doc]
    raise FeedError("This file has no list of services (expected Open Referral UK JSON).")


def clean_text(value: Any, field: str = "") -> str:
    """Plain text: tags stripped, entities decoded, placeholders ("fees": "fees") dropped."""
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise TypeError(f"{field} should be text")
    text = _BLOCK.sub("\n", _SCRIPT.sub("", str(value)))
    text = html.unescape(_TAG.sub("", text))
    text = "\n".join(_SPACE.sub(" ", line).strip() for line in text.splitlines()).strip()
    if field and text.lower().replace(" ", "_") in {
        field,
        field.rstrip("s"),
        f"{field}_description",
    }:
        return ""
    return text[:MAX_TEXT]


def _placeholder(value: str) -> bool:
    return value.lower().replace(" ", "_") in {
        "fees_description",
        "wait_time",
        "licences",
        "licenses",
        "extent",
        "code",
        "name",
        "description",
        "taxonomy",
        "version",
        "tax_status",
        "value",
    }


def _text(raw: dict[str, Any], field: str) -> str:
    value = clean_text(raw.get(field), field)
    return "" if _placeholder(value) else value


def _phone(raw: Any) -> str:
    if isinstance(raw, dict):
        raw = raw.get("number")
    if raw is None:
        return ""
    number = str(raw).strip().strip("\"'").strip()
    return number if re.fullmatch(r"[+0-9 ()\-]{6,25}", number) else ""


def _int(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise TypeError(f"{field} should be a whole number")
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{field} should be a whole number") from exc


def _date(value: Any) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _time(value: Any) -> time | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return time.fromisoformat(value[:8])
    except ValueError:
        return None


def _coordinate(value: Any, limit: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if -limit <= number <= limit else None


def _schedule(raw: dict[str, Any]) -> Schedule | None:
    freq = str(raw.get("freq") or "").upper()
    byday = tuple(
        d.strip().upper()
        for d in str(raw.get("byday") or "").split(",")
        if _DAY.match(d.strip().upper())
    )
    monthdays = tuple(
        int(d) for d in str(raw.get("bymonthday") or "").split(",") if d.strip().isdigit()
    )
    if not freq and byday:
        freq = "WEEKLY"
    if freq not in ("DAILY", "WEEKLY", "MONTHLY"):
        return None
    # 1.0 feeds put the weekday in "byday" as a name sometimes; only RFC 5545 codes count here.
    return Schedule(
        freq=freq,
        interval=_int(raw.get("interval"), "interval") or 1,
        byday=byday,
        bymonthday=monthdays,
        opens_at=_time(raw.get("opens_at")),
        closes_at=_time(raw.get("closes_at")),
        description=clean_text(raw.get("description")),
        valid_from=_date(raw.get("valid_from")),
        valid_to=_date(raw.get("valid_to")),
    )


def _location(raw: dict[str, Any]) -> Location:
    location = raw.get("location", raw) if isinstance(raw, dict) else {}
    addresses = location.get("addresses") or location.get("physical_addresses") or []
    address = addresses[0] if addresses and isinstance(addresses[0], dict) else {}
    parts = [
        clean_text(address.get(k))
        for k in ("address_1", "address_2", "city", "state_province")
        if address.get(k)
    ]
    accessibility = location.get("accessibility") or location.get("accessibilities") or []
    if isinstance(accessibility, list):
        accessibility = "; ".join(
            clean_text(a.get("description") or a.get("accessibility"))
            for a in accessibility
            if isinstance(a, dict)
        )
    latitude = _coordinate(location.get("latitude"), 90)
    longitude = _coordinate(location.get("longitude"), 180)
    if latitude is None or longitude is None:
        latitude = longitude = None  # half a position is no position
    return Location(
        name=clean_text(location.get("name")),
        address=", ".join(p for p in parts if p),
        postcode=clean_text(address.get("postal_code")).upper(),
        latitude=latitude,
        longitude=longitude,
        accessibility=clean_text(accessibility),
    )


def _categories(raw: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for link in raw.get("attributes") or []:
        term = link.get("taxonomy_term") if isinstance(link, dict) else None
        if isinstance(term, dict):
            names.append(clean_text(term.get("name")))
    for link in raw.get("service_taxonomys") or []:
        term = link.get("taxonomy") if isinstance(link, dict) else None
        if isinstance(term, dict):
            names.append(clean_text(term.get("name")))
    for term in raw.get("taxonomy_terms") or []:
        if isinstance(term, dict):
            names.append(clean_text(term.get("name")))
    return sorted({n for n in names if n and not _placeholder(n)})


def parse_service(raw: Any) -> DirectoryService:
    """One service record; raises ValueError or TypeError with the reason it cannot be used."""
    if not isinstance(raw, dict):
        raise TypeError("the record is not a JSON object")
    source_id = raw.get("id")
    if not isinstance(source_id, (str, int)) or not str(source_id).strip():
        raise ValueError("it has no id")
    name = clean_text(raw.get("name"))
    if not name:
        raise ValueError("it has no name")
    organisation = raw.get("organization") or {}
    if not isinstance(organisation, dict):
        raise TypeError("organization should be an object")
    schedules = [
        s
        for s in (
            _schedule(r)
            for r in raw.get("schedules") or raw.get("regular_schedules") or []
            if isinstance(r, dict)
        )
        if s
    ]
    locations_raw = raw.get("service_at_locations") or raw.get("locations") or []
    if not isinstance(locations_raw, list):
        raise TypeError("service_at_locations should be a list")
    for at in locations_raw:
        if isinstance(at, dict):
            for r in at.get("schedules") or at.get("regular_schedules") or []:
                schedule = _schedule(r) if isinstance(r, dict) else None
                if schedule and schedule not in schedules:
                    schedules.append(schedule)
    phones = [p for p in (_phone(r) for r in raw.get("phones") or []) if p]
    for at in locations_raw:
        if isinstance(at, dict):
            phones += [p for p in (_phone(r) for r in at.get("phones") or []) if p]
    costs = raw.get("cost_options") or []
    if not isinstance(costs, list):
        raise TypeError("cost_options should be a list")
    fees = _text(raw, "fees_description") or _text(raw, "fees")
    cost_text = "; ".join(
        clean_text(c.get("option") or c.get("amount_description"))
        for c in costs
        if isinstance(c, dict)
    )
    amounts = [
        a
        for a in (_coordinate(c.get("amount"), 1e9) for c in costs if isinstance(c, dict))
        if a is not None
    ]
    free: bool | None = None
    if amounts:
        free = all(a == 0 for a in amounts)
    elif fees:
        free = bool(_FREE_WORDS.search(fees)) and not _PRICE.search(fees)
    eligibility = _text(raw, "eligibility_description")
    for item in raw.get("eligibilitys") or []:
        if isinstance(item, dict) and item.get("eligibility"):
            eligibility = "; ".join(v for v in (eligibility, clean_text(item["eligibility"])) if v)
    areas = raw.get("service_areas") or []
    area = ""
    if areas and isinstance(areas[0], dict):
        area = clean_text(areas[0].get("name") or areas[0].get("service_area"))
    locations = [_location(at) for at in locations_raw if isinstance(at, dict)]
    accessibility = "; ".join(loc.accessibility for loc in locations if loc.accessibility)
    return DirectoryService(
        name=name,
        source_id=str(source_id).strip(),
        organisation=clean_text(organisation.get("name")),
        alternate_name=clean_text(raw.get("alternate_name")),
        description=clean_text(raw.get("description")),
        url=clean_text(raw.get("url")),
        email=clean_text(raw.get("email")),
        phones=list(dict.fromkeys(phones)),
        status=clean_text(raw.get("status")) or "active",
        free=free,
        cost_text="; ".join(v for v in (fees, cost_text) if v),
        eligibility=eligibility,
        minimum_age=_int(raw.get("minimum_age"), "minimum_age"),
        maximum_age=_int(raw.get("maximum_age"), "maximum_age"),
        application_process=clean_text(raw.get("application_process")),
        accessibility=accessibility,
        categories=_categories(raw),
        locations=locations,
        schedules=schedules,
        service_area=area,
        last_confirmed=_date(raw.get("assured_date")) or _date(raw.get("last_modified")),
        modified_at=raw.get("last_modified") if isinstance(raw.get("last_modified"), str) else None,
    )


def parse_feed(doc: Any) -> tuple[list[DirectoryService], list[Rejected]]:
    """Every usable service of a feed, and every rejected record with its reason."""
    services: list[DirectoryService] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()
    for index, raw in enumerate(records_of(doc), start=1):
        label = f"record {index}"
        if isinstance(raw, dict) and raw.get("id"):
            label += f" (id {str(raw.get('id'))[:40]})"
        try:
            service = parse_service(raw)
        except (ValueError, TypeError) as exc:
            rejected.append(Rejected(label, str(exc)))
            continue
        if service.source_id in seen:
            rejected.append(Rejected(label, "its id appears earlier in the same feed"))
            continue
        seen.add(service.source_id)
        services.append(service)
    return services, rejected
