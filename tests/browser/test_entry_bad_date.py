"""A wrong 和暦 date (令和99年13月1日) is refused as it is left: the
problem, naming the value, shows next to its field for screen readers
too (role=alert), nothing of it is stored, the field is not marked
saved, and review refuses to go on; the right date then saves."""
import entry
import lib
from lib import By, check, same

WRONG = "令和99年13月1日"


def scenario(s):
    s.add_user("kimura", "counter", lang="en")
    s.start_server()
    d = s.browser()
    s.login(d, "kimura")
    draft = entry.new_draft(s, d, "kigyo_shien")
    answers = entry.CASES["kigyo_shien"]
    entry.type_case(d, draft, answers[:2])
    entry.fill(d, "birth_date", WRONG)
    lib.wait_for(lambda: entry.problem(d, "birth_date"),
                 "a problem next to birth_date")
    entry.settle(d, draft)
    span = d.find_element(By.ID, "p-birth_date")
    said = span.text
    check(WRONG in said, "the problem does not name the value: " + said)
    same("alert", span.get_attribute("role"), "role of the problem")
    check(span.is_displayed(), "the problem is not shown")
    # Next to its field: just below or beside the input.
    box = d.find_element(By.ID, "f-birth_date").rect
    near = span.rect
    check(abs(near["y"] - box["y"]) < 120,
          "problem %r far from its field %r" % (near, box))
    same(False, entry.shown_saved(d, "birth_date") is True,
         "birth_date marked saved")
    same(None, entry.draft_answers(s, draft).get("birth_date"),
         "birth_date stored")
    same(0, s.sql1("select count(*) from applications"), "applications")
    # Review is refused while birth_date is missing or wrong.
    entry.type_case(d, draft, answers[3:])
    entry.press(d, "review")
    same("/draft/%s" % draft, lib.path(d), "page after review")
    check(WRONG in entry.problem(d, "birth_date"),
          "after review, next to birth_date: %r" %
          entry.problem(d, "birth_date"))
    same(0, s.sql1("select count(*) from applications"), "applications")
    # The right date: saved, the problem gone.
    entry.fill_saved(d, draft, "birth_date", "昭和55年10月10日")
    same("1980-10-10", entry.draft_answers(s, draft).get("birth_date"),
         "the right 和暦 date stored")


lib.run(scenario)
