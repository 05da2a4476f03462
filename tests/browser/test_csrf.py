"""Posts without the session's CSRF token, with a wrong one, or from
another origin are refused (403) and change nothing: a form injected
into the page, and requests from outside with the session cookie."""
import lib
from lib import By, check, same
from csrf_forms import forge


def still_in(s, d, token, what):
    same(1, s.sql1("select count(*) from sessions"), what + ": sessions")
    s.go(d, "/")
    same("/", lib.path(d), what + ": still logged in")
    check("logged in as sato" in lib.text(d), what + ": home page")


def scenario(s):
    s.add_user("sato", "counter")
    s.start_server()
    d = s.browser()
    s.login(d, "sato")
    token = s.session_cookie(d)["value"]
    csrf = d.find_element(By.NAME, "csrf").get_attribute("value")
    same(64, len(csrf), "CSRF token in the page")
    audit = s.sql1("select count(*) from audit")

    forge(d, "/logout", {})
    same(403, lib.status(d), "logout without a token")
    check("refused" in lib.text(d),
          "logout without a token: page says\n" + lib.text(d))
    still_in(s, d, token, "no token")
    forge(d, "/logout", {"csrf": "0" * 64})
    same(403, lib.status(d), "logout with a wrong token")
    still_in(s, d, token, "wrong token")
    forge(d, "/logout", {"csrf": csrf[:-1]})
    same(403, lib.status(d), "logout with a token cut short")
    still_in(s, d, token, "token cut short")

    # From outside the browser: the right cookie, no or a wrong token, or
    # the right token from another origin.
    same(403, s.http("POST", "/logout", {}, token, s.url)[0],
         "no token")
    same(403, s.http("POST", "/logout", {"csrf": "f" * 64}, token,
                     s.url)[0], "wrong token")
    same(403, s.http("POST", "/logout", {"csrf": csrf}, token,
                     "http://evil.example")[0], "another origin")
    same(403, s.http("POST", "/logout", {"csrf": csrf}, token)[0],
         "no origin")
    same(1, s.sql1("select count(*) from sessions"), "sessions")
    same(0, s.sql1("select count(*) from applications"), "applications")
    same(0, s.sql1("select count(*) from drafts"), "drafts")
    # The right token from the right origin works: the forged ones were
    # refused for what they lacked, not by accident.
    same(303, s.http("POST", "/logout", {"csrf": csrf}, token, s.url)[0],
         "logout with the token")
    same(0, s.sql1("select count(*) from sessions"), "sessions after logout")
    check(s.sql1("select count(*) from audit") >= audit, "audit shrank")


lib.run(scenario)
