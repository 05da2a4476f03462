"""Keyboard only: a whole kigyo_shien case, its requested amount (half
the expenses) on the review, confirmed and stored as the CLI stores it."""
import entry
import lib
from lib import check


def amount_shown(d):
    page = lib.text(d)
    check("1,500,000" in page or "1500000" in page,
          "the review lacks the requested 1,500,000:\n" + page)


def scenario(s):
    receipt = entry.keyboard_entry(s, "kigyo_shien", on_review=amount_shown)
    check(receipt.startswith("KGY-2026-"), "receipt " + receipt)


lib.run(scenario)
