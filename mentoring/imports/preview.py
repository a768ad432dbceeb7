"""The preview every import stores before anything is written: a row per line of the file with
what it would do (create, update, unchanged or error), its values and its errors."""

from collections import Counter
from datetime import date
from typing import Any

from ..models import StaffImport

ACTIONS = ("create", "update", "unchanged", "error")


def preview_row(
    *,
    number: int,
    name: str,
    person,
    existing,
    data: dict[str, Any],
    changes: list[dict],
    errors: list[dict],
    warnings: list[dict] = (),
) -> dict:
    """One planned row; `existing` is the record the row would update, if any. Warnings name
    the values the row leaves out while the rest of it is imported."""
    if errors:
        action = "error"
    elif existing is None:
        action = "create"
    else:
        action = "update" if changes else "unchanged"
    return {
        "row": number,
        "action": action,
        "person_id": person.pk if person else None,
        "name": name,
        "data": {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()},
        "changes": changes,
        "errors": errors,
        "warnings": list(warnings),
    }


def dates_restored(data: dict[str, Any], date_fields) -> dict[str, Any]:
    """A stored row's values with its dates back as dates."""
    return {k: date.fromisoformat(v) if k in date_fields else v for k, v in data.items()}


def preview_counts(staff_import: StaffImport) -> dict[str, int]:
    counts = Counter(row["action"] for row in staff_import.rows)
    return {action: counts[action] for action in ACTIONS}


def not_imported(columns: list[dict]) -> tuple[int, list[dict]]:
    """The filled cells the import will leave out, and the columns they are in, fullest
    first."""
    left = sorted(
        (c for c in columns if c["key"] is None and c["filled"]),
        key=lambda c: (-c["filled"], c["index"]),
    )
    return sum(c["filled"] for c in left), left
