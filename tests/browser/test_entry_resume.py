"""The browser closed half-way through a case: a new browser logs in,
the home page lists the draft, it opens with every answer given so far,
and the case is finished from there."""
import entry
import lib
from lib import same


def scenario(s):
    s.add_user("kimura", "counter", office="弘前")
    s.start_server()
    answers = entry.CASES["uij_turn"]
    half = len(answers) // 2 + 1  # through household, a choice
    d = s.browser()
    s.login(d, "kimura")
    draft = entry.new_draft(s, d, "uij_turn")
    entry.type_case(d, draft, answers[:half])
    s.close_browser(d)

    d = s.browser()
    s.go(d, "/")
    same("/login", lib.path(d), "a new browser starts at the login page")
    s.login(d, "kimura")
    entry.resume_from_home(s, d, draft)
    entry.check_shown(d, answers[:half])
    entry.check_draft(s, draft, answers[:half])
    entry.finish(s, d, draft, "uij_turn", answers[half:], "kimura", "弘前")
    same(0, s.sql1("select count(*) from drafts"), "drafts once confirmed")


lib.run(scenario)
