"""Five wrong passwords lock the account: the page says so, and then
even the right password is refused, with no session cookie."""
import lib
from lib import check, same


def scenario(s):
    s.add_user("suzuki", "counter")
    s.add_user("sato", "counter")
    s.start_server()
    d = s.browser()
    for n in range(1, 6):
        page = s.login(d, "suzuki", "wrong password %d" % n)
        check("wrong user name or password" in page,
              "wrong password %d: no refusal on the page" % n)
        same("/login", lib.path(d), "page after a wrong password")
        check(s.session_cookie(d) is None, "a cookie for a wrong password")
    page = s.login(d, "suzuki")
    check("locked for a while" in page,
          "the right password after five wrong ones: page says\n" + page)
    check(s.session_cookie(d) is None, "a cookie for a locked account")
    same(0, s.sql1("select count(*) from sessions"), "sessions")
    s.go(d, "/")
    same("/login", lib.path(d), "home while locked")
    # Another account is not touched by suzuki's lock.
    page = s.login(d, "sato")
    same("/", lib.path(d), "sato logs in")
    check("logged in as sato" in page, "sato's home page:\n" + page)


lib.run(scenario)
