"""Roles and offices: a counter opening a manager's page (/tally) or a
case of another office gets 403, audited, and does not find that case;
the manager's page opens for a manager, with the report of their office
styled by /style.css (the CSP allows no inline style)."""
import lib
from lib import By, Keys, check, same


def add_case(s, office, name):
    s.set_office(office)
    receipt = s.intake(
        "add", "uij_turn", "name=" + name, "name_kana=アオモリタロウ",
        "birth_date=1990-04-01", "postal_code=0308570", "address=青森市",
        "phone=0177221111", "moved_from=13", "moved_in_on=2026-04-01",
        "household=single", "children_under_18=0",
        "grant_requested=no").strip()
    s.set_office(None)
    return receipt


def forbidden(s, what):
    return s.sql1("select count(*) from audit where action = 'forbidden'"
                  " and after like ?", "%" + what + "%")


def scenario(s):
    s.add_user("ueda", "counter", office="本庁")
    s.add_user("mori", "manager", office="本庁")
    s.start_server()
    here = add_case(s, "本庁", "青森太郎")
    there = add_case(s, "八戸", "八戸花子")
    d = s.browser()
    s.login(d, "ueda")

    s.go(d, "/tally")
    same(403, lib.status(d), "a counter's /tally")
    check("refused" in lib.text(d), "the 403 page says:\n" + lib.text(d))
    same(1, forbidden(s, "/tally"), "the counter's /tally audited")
    s.go(d, "/case/" + here)
    same(200, lib.status(d), "a case of my office")
    check("青森太郎" in lib.text(d), "my office's case page")
    s.go(d, "/case/" + there)
    same(403, lib.status(d), "a case of another office")
    check("八戸花子" not in lib.text(d), "the other office's name shown")
    check(forbidden(s, there) >= 1, "the other office's case audited")
    # Search does not reveal it either.
    s.go(d, "/")
    box = d.find_element(By.NAME, "q")
    lib.navigate(d, lambda: box.send_keys(there, Keys.ENTER))
    check("八戸花子" not in lib.text(d), "find shows another office's case")

    button = d.find_element(By.CSS_SELECTOR, "form[action='/logout'] button")
    lib.navigate(d, button.click)
    s.login(d, "mori")
    s.go(d, "/tally")
    same(200, lib.status(d), "a manager's /tally")
    row = d.find_element(By.XPATH, "//section[contains(@class, 'kpi-actual')]"
                         "//tr[th[contains(., 'UIJ')]]")
    cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
    same(["Applications received", "", "1"], cells[:3],
         "mori's cases received: his office's, not 八戸's")
    check("八戸" not in lib.text(d), "another office in mori's report")
    number = d.find_element(By.CSS_SELECTOR, ".kpi td.kpi-num")
    same("right", number.value_of_css_property("text-align"),
         "the report's stylesheet applied")
    chart = d.find_element(By.CSS_SELECTOR, "svg.kpi-chart")
    check(chart.is_displayed() and chart.size["height"] > 100,
          "a chart shown")


lib.run(scenario)
