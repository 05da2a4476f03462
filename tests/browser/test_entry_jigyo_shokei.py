"""Keyboard only: a whole jigyo_shokei case (the corporate number asked
as not a sole proprietor) whose applicant came before: the review offers
the earlier application, it is chosen, and the link is stored."""
import entry
import lib
from lib import same


def scenario(s):
    s.set_office("弘前")  # the office of the counter entering the case
    earlier = s.intake(
        "add", "uij_turn", "name=山田太郎", "name_kana=ヤマダタロウ",
        "birth_date=1975-04-01", "postal_code=0300801", "address=青森市",
        "phone=0177341111", "moved_from=13", "moved_in_on=2026-06-01",
        "household=single", "children_under_18=0",
        "grant_requested=no").strip()
    s.set_office(None)
    receipt = entry.keyboard_entry(s, "jigyo_shokei", link=earlier)
    links = s.sql("select a.receipt, b.receipt from links l"
                  " join applications a on a.id = l.application_id"
                  " join applications b on b.id = l.linked_id")
    same(True, (receipt, earlier) in links or (earlier, receipt) in links,
         "a link between %s and %s in %r" % (receipt, earlier, links))


lib.run(scenario)
