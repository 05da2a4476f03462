"""JavaScript off: the same entry by plain form posts.  Save keeps the
answers typed so far; a wrong date is refused next to its field on
review with nothing of it stored; then review, confirm, the receipt."""
import entry
import lib
from lib import check, same

WRONG = "令和99年13月1日"


def scenario(s):
    s.add_user("kimura", "counter", office="弘前")
    s.start_server()
    answers = entry.CASES["uij_turn"]
    half = len(answers) // 2
    d = s.browser(javascript=False)
    s.login(d, "kimura")
    draft = entry.new_draft(s, d, "uij_turn")
    entry.type_case(d, draft, answers[:half], autosave=False)
    same({}, {k: v for k, v in entry.draft_answers(s, draft).items()
              if k in dict(answers)}, "answers before save (no autosave)")
    entry.press(d, "save")
    same("/draft/%s" % draft, lib.path(d), "page after save")
    entry.check_draft(s, draft, answers[:half])
    entry.check_shown(d, answers[:half])

    # The rest, with job_started_on wrong: review stays on the form.
    rest = [(f, WRONG if f == "job_started_on" else v)
            for f, v in answers[half:]]
    entry.type_case(d, draft, rest, autosave=False)
    entry.press(d, "review")
    same("/draft/%s" % draft, lib.path(d), "page after a refused review")
    check(WRONG in entry.problem(d, "job_started_on"),
          "next to job_started_on: %r" % entry.problem(d, "job_started_on"))
    same(None, entry.draft_answers(s, draft).get("job_started_on"),
         "the wrong date stored")
    same(0, s.sql1("select count(*) from applications"), "applications")
    entry.fill(d, "job_started_on", dict(answers)["job_started_on"])
    entry.review(d, draft)
    receipt = entry.confirm(d, draft)
    entry.check_receipt_page(d, receipt, answers[0][1])
    entry.check_stored(s, receipt, "uij_turn", "kimura", "弘前")
    same(0, entry.acks(d, draft), "autosaves with JavaScript off")


lib.run(scenario)
