#!/usr/bin/env python3
"""The reference of bench/import.sh: the rows of an every_callback CSV
checked as intake checks them (required fields, types, choices, dates,
the plugin's rules and derived fields) and stored as intake stores them
(a receipt per fiscal year, the application, its answers), committed
2000 rows at a time, with the csv and sqlite3 modules only: the same
application rows and the same answers (received_on in the application
row, not as an answer; postal codes as their 7 digits), which
bench/import.sh checks after its runs.  It writes no
audit row and no search keys, keeps no per-row savepoint, reads only
UTF-8 with the columns named by field id and writes no rejects file
(intake does all of these): a lower bound.

Usage: python3 bench/import_ref.py DATABASE FILE  (DATABASE made by
`intake init`).  Prints: read N, stored N, already N, refused N.
"""
import csv
import datetime
import re
import sqlite3
import sys
import unicodedata

BATCH = 2000
KINDS = {"person", "company"}
TOPICS = {"work", "housing", "none"}
TRUE = {"yes", "y", "1", "true", "はい"}
FALSE = {"no", "n", "0", "false", "いいえ"}
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def text(value, max_chars):
    value = unicodedata.normalize("NFKC", value).strip()
    if any(unicodedata.category(c)[0] == "C" for c in value):
        raise ValueError("control character")
    if len(value) > max_chars:
        raise ValueError("too long")
    return value


def date(value):
    m = DATE.match(value)
    if not m:
        raise ValueError("not a date")
    return datetime.date(int(m[1]), int(m[2]), int(m[3]))


def yen(value, low, high):
    value = value.replace(",", "")
    if not value.isdigit():
        raise ValueError("not an amount")
    amount = int(value)
    if amount < low or amount > high:
        raise ValueError("out of range")
    return amount


def corporate_number(value):
    if not re.fullmatch(r"\d{13}", value):
        raise ValueError("13 digits")
    digits = [int(c) for c in value[1:]]
    total = sum(d * (2 if i % 2 else 1) for i, d in
                enumerate(reversed(digits)))
    if int(value[0]) != 9 - total % 9:
        raise ValueError("check digit")
    return value


def multi(value):
    chosen = [v.strip() for v in value.split(",")]
    if not chosen or any(v not in TOPICS for v in chosen):
        raise ValueError("not a choice")
    if "none" in chosen and len(chosen) > 1:
        raise ValueError("none stands alone")
    return ",".join(t for t in ("work", "housing", "none") if t in chosen)


def postal(value):
    value = value.strip().removeprefix("〒").strip()
    if re.fullmatch(r"\d{7}", value):
        return value
    if re.fullmatch(r"\d{3}-\d{4}", value):
        return value[:3] + value[4:]
    raise ValueError("postal code")


def boolean(value):
    if value.lower() in TRUE:
        return "1"
    if value.lower() in FALSE:
        return "0"
    raise ValueError("yes or no")


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0)
            else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return datetime.date(year, month, min(day.day, last))


def check(row, today):
    """The answers to store, or raise ValueError."""
    answers = {}
    for field in ("name", "birth_date", "kind", "amount", "topics",
                  "consent"):
        if not row.get(field):
            raise ValueError(field + " is required")
    answers["name"] = text(row["name"], 40)
    birth = date(row["birth_date"])
    if birth > today:
        raise ValueError("birth_date after today")
    answers["birth_date"] = birth.isoformat()
    if row["kind"] not in KINDS:
        raise ValueError("kind")
    answers["kind"] = row["kind"]
    if row["kind"] == "company":
        if not row.get("corporate_number"):
            raise ValueError("corporate_number is required")
        answers["corporate_number"] = corporate_number(
            row["corporate_number"])
    amount = yen(row["amount"], 0, 10000000)
    answers["amount"] = str(amount)
    answers["topics"] = multi(row["topics"])
    answers["consent"] = boolean(row["consent"])
    if row.get("postal"):
        answers["postal"] = postal(row["postal"])
    received = date(row["received_on"]) if row.get("received_on") else today
    if received > today:
        raise ValueError("received_on after today")
    if amount > 1000000:
        raise ValueError("amount_cap")
    if birth >= received:
        raise ValueError("born_before_received")
    if "housing" in answers["topics"].split(",") and not row.get("postal"):
        raise ValueError("housing_postal")
    answers["doubled"] = str(amount * 2)
    answers["band"] = "high" if amount >= 500000 else "low"
    answers["review_on"] = add_months(received, 6).isoformat()
    return received, answers


def store(db, source_id, received, answers):
    fy = received.year if received.month >= 4 else received.year - 1
    (seq,) = db.execute(
        "INSERT INTO receipt_sequences (programme, fiscal_year, last)"
        " VALUES ('every_callback', ?, 1) ON CONFLICT (programme,"
        " fiscal_year) DO UPDATE SET last = last + 1 RETURNING last",
        (fy,)).fetchone()
    cur = db.execute(
        "INSERT INTO applications (receipt, programme, plugin_version,"
        " form_version, received_on, office, staff, created_at,"
        " updated_at, source_id) VALUES (?, 'every_callback', '1.2.3', 1, ?,"
        " NULL, 'bench', datetime('now'), datetime('now'), ?)",
        ("TST-%d-%06d" % (fy, seq), received.isoformat(), source_id))
    db.executemany(
        "INSERT INTO answers (application_id, field, value)"
        " VALUES (?, ?, ?)",
        [(cur.lastrowid, k, v) for k, v in answers.items()])


def main():
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    today = datetime.date.today()
    counts = {"read": 0, "stored": 0, "already": 0, "refused": 0}
    pending = 0
    db.execute("BEGIN IMMEDIATE")
    with open(sys.argv[2], encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            counts["read"] += 1
            source_id = row.get("source_id") or None
            if source_id and db.execute(
                    "SELECT 1 FROM applications WHERE programme ="
                    " 'every_callback' AND source_id = ?",
                    (source_id,)).fetchone():
                counts["already"] += 1
                continue
            try:
                received, answers = check(row, today)
            except ValueError:
                counts["refused"] += 1
                continue
            store(db, source_id, received, answers)
            counts["stored"] += 1
            pending += 1
            if pending == BATCH:
                db.execute("COMMIT")
                db.execute("BEGIN IMMEDIATE")
                pending = 0
    db.execute("COMMIT")
    print("read %(read)d, stored %(stored)d, already %(already)d,"
          " refused %(refused)d" % counts)


if __name__ == "__main__":
    main()
