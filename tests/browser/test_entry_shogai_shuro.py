"""Keyboard only, in Japanese: a whole shogai_shuro case (several
disability kinds, the 療育 grade asked for that handbook only), confirmed
and stored as the CLI stores it."""
import entry
import lib
from lib import check


def scenario(s):
    receipt = entry.keyboard_entry(s, "shogai_shuro", lang="ja")
    check(receipt.startswith("SGS-2026-"), "receipt " + receipt)


lib.run(scenario)
