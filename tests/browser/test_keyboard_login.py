"""Log in and out with the keyboard alone: TAB to the fields, type,
ENTER; the home page greets the account."""
import lib
from lib import Keys, check, same


def scenario(s):
    s.add_user("tanaka", "counter", office="弘前")
    s.start_server()
    d = s.browser()
    s.go(d, "/login")
    lib.tab_to(d, lambda a: a.name == "name", "the name field")
    lib.keys(d, "tanaka", Keys.TAB)
    same("password", lib.active(d).name, "TAB from the name field")
    lib.navigate(d, lambda: lib.keys(d, lib.PASSWORD, Keys.ENTER))
    same("/", lib.path(d), "page after ENTER")
    page = lib.text(d)
    check("logged in as tanaka (counter, 弘前)" in page,
          "home page:\n" + page)
    # The search box and the logout button are reachable by TAB.
    lib.tab_to(d, lambda a: a.name == "q", "the search box")
    lib.navigate(d, lambda: lib.keys(d, "青森", Keys.ENTER))
    same("/find", lib.path(d), "search by ENTER")
    lib.tab_to(d, lambda a: a.tag == "button" and "Log out" in a.text,
               "the logout button")
    lib.navigate(d, lambda: lib.keys(d, Keys.ENTER))
    same("/login", lib.path(d), "page after logout by ENTER")
    same(0, s.sql1("select count(*) from sessions"), "sessions")


lib.run(scenario)
