"""kill -9 of the server half-way through a case: restarted on the same
database, every answer the page showed as saved is in the draft and on
its page again, and the case is finished."""
import signal

import entry
import lib
from lib import check, same


def scenario(s):
    s.add_user("kimura", "counter", office="弘前")
    s.start_server()
    answers = entry.CASES["kigyo_shien"]
    half = len(answers) // 2 + 1  # through stage; opening_on next
    d = s.browser()
    s.login(d, "kimura")
    draft = entry.new_draft(s, d, "kigyo_shien")
    entry.type_case(d, draft, answers[:half])
    same(-signal.SIGKILL, s.stop_server(signal.SIGKILL), "killed")
    # While the server is down an answer cannot be saved, and the page
    # must not claim it was.
    entry.fill(d, answers[half][0], answers[half][1])
    lib.wait_for(lambda: entry.problem(d, answers[half][0]),
                 "a problem next to %s while the server is down"
                 % answers[half][0])
    check(entry.shown_saved(d, answers[half][0]) is not True,
          "an answer marked saved while the server was down")

    s.start_server(s.port)
    entry.check_draft(s, draft, answers[:half])
    s.go(d, "/")
    if lib.path(d) == "/login":
        s.login(d, "kimura")
    entry.resume_from_home(s, d, draft)
    entry.check_shown(d, answers[:half])
    entry.finish(s, d, draft, "kigyo_shien", answers[half:], "kimura",
                 "弘前")


lib.run(scenario)
