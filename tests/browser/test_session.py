"""The session cookie: HttpOnly (scripts cannot read it), SameSite=Strict,
not Secure over plain HTTP, only a hash stored; logout ends the session
on the server: back and the old cookie both lead to the login page."""
import lib
from lib import By, check, same


def scenario(s):
    s.add_user("sato", "manager")
    s.start_server()
    d = s.browser()
    s.login(d, "sato")
    same("/", lib.path(d), "page after login")
    cookie = s.session_cookie(d)
    check(cookie is not None, "no intake_session cookie")
    same(True, cookie.get("httpOnly"), "cookie HttpOnly")
    same("Strict", cookie.get("sameSite"), "cookie SameSite")
    same(False, cookie.get("secure"), "cookie Secure over plain HTTP")
    same("/", cookie.get("path"), "cookie path")
    same(64, len(cookie["value"]), "token length (hex of 256 bits)")
    same("", d.execute_script("return document.cookie"),
         "document.cookie (HttpOnly hides the session)")
    token = cookie["value"]
    same(1, s.sql1("select count(*) from sessions"), "sessions")
    same(0, s.sql1("select count(*) from sessions where token_hash = ?"
                   " or csrf = ?", token, token), "the token itself stored")

    # Log out with the page's button.
    button = d.find_element(By.CSS_SELECTOR, "form[action='/logout'] button")
    lib.navigate(d, button.click)
    same("/login", lib.path(d), "page after logout")
    same(0, s.sql1("select count(*) from sessions"), "sessions after logout")
    # Back: Chromium may show the old page again from its memory (the
    # back/forward cache keeps it despite Cache-Control: no-store), but
    # nothing on it works any more: its search leads to the login page.
    d.back()
    lib.wait_for(lambda: lib.path(d) in ("/", "/login"), "the page after back")
    if lib.path(d) == "/":
        print("NOTE test_session: Back after logout showed the home page"
              " from the browser's back/forward cache")
        box = d.find_element(By.NAME, "q")
        lib.navigate(d, lambda: box.send_keys("x", lib.Keys.ENTER))
    same("/login", lib.path(d), "page after back and a search")
    # The old cookie, put back by hand, is worth nothing.
    d.delete_all_cookies()
    d.add_cookie({"name": "intake_session", "value": token, "path": "/"})
    s.go(d, "/")
    same("/login", lib.path(d), "home with the old cookie")
    s.go(d, "/find?q=x")
    same("/login", lib.path(d), "find with the old cookie")
    status, _ = s.http("GET", "/", cookie=token)
    same(303, status, "GET / with the old cookie outside the browser")


lib.run(scenario)
