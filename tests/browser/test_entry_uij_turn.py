"""Keyboard only: a whole uij_turn case (a 和暦 birth date, the grant's
conditional questions) autosaved, reviewed with its grant, confirmed:
stored as the CLI stores it, by the logged-in account."""
import entry
import lib
from lib import check


def grant_shown(d):
    page = lib.text(d)
    check("2,000,000" in page or "2000000" in page,
          "the review lacks the grant 2,000,000:\n" + page)


def scenario(s):
    receipt = entry.keyboard_entry(s, "uij_turn", on_review=grant_shown)
    check(receipt.startswith("UIJ-2026-"), "receipt " + receipt)


lib.run(scenario)
