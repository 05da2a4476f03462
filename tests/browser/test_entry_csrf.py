"""The entry posts refuse a missing or wrong CSRF token and another
origin (403), and store nothing: no draft, no answer, no application."""
import entry
import lib
from lib import By, same
from csrf_forms import forge


def scenario(s):
    s.add_user("kimura", "counter")
    s.start_server()
    d = s.browser()
    s.login(d, "kimura")
    token = s.session_cookie(d)["value"]
    s.go(d, "/new")
    csrf = d.find_element(By.NAME, "csrf").get_attribute("value")

    forge(d, "/new", {"programme": "uij_turn"})
    same(403, lib.status(d), "POST /new without a token")
    forge(d, "/new", {"programme": "uij_turn", "csrf": "0" * 64})
    same(403, lib.status(d), "POST /new with a wrong token")
    same(403, s.http("POST", "/new", {"programme": "uij_turn",
                                      "csrf": csrf}, token,
                     "http://evil.example")[0], "POST /new cross-origin")
    same(0, s.sql1("select count(*) from drafts"), "drafts")

    draft = entry.new_draft(s, d, "uij_turn")
    base = "/draft/%s" % draft
    for data, origin, what in (
            ({"field": "name", "value": "偽"}, s.url, "no token"),
            ({"field": "name", "value": "偽", "csrf": "1" * 64}, s.url,
             "wrong token"),
            ({"field": "name", "value": "偽", "csrf": csrf},
             "http://evil.example", "another origin")):
        same(403, s.http("POST", base + "/answer", data, token, origin)[0],
             "autosave, " + what)
    forge(d, base, {"name": "偽", "action": "save"})
    same(403, lib.status(d), "save without a token")
    same(None, entry.draft_answers(s, draft).get("name"), "name stored")
    forge(d, base + "/confirm", {})
    same(403, lib.status(d), "confirm without a token")
    same(0, s.sql1("select count(*) from applications"), "applications")
    # The real token, the real origin: the same autosave is taken.
    status, body = s.http("POST", base + "/answer",
                          {"field": "name", "value": "本物", "csrf": csrf},
                          token, s.url)
    same(200, status, "autosave with the token: " + body)
    same("本物", entry.draft_answers(s, draft).get("name"), "name stored")


lib.run(scenario)
