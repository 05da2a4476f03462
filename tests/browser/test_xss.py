"""Hostile answers stored with the CLI and found with /find show as
text: no element made of them, no dialog, the cell reads as typed; the
same for the query echoed in the search box."""
import lib
from lib import By, Keys, check, same

HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


def add_case(s, name):
    return s.intake("add", "uij_turn", "name=" + name,
                    "name_kana=アオモリタロウ", "birth_date=1990-04-01",
                    "postal_code=0308570", "address=" + name,
                    "phone=0177221111", "moved_from=13",
                    "moved_in_on=2026-04-01", "household=single",
                    "children_under_18=0", "grant_requested=no").strip()


def no_markup(d, what):
    lib.no_dialog(d, what)
    same([], [e.get_attribute("outerHTML") for e in
              d.find_elements(By.CSS_SELECTOR, "script, img, body iframe")],
         what + ": script, img or iframe elements")


def search(d, query):
    box = d.find_element(By.NAME, "q")
    box.clear()
    lib.navigate(d, lambda: box.send_keys(query, Keys.ENTER))


def scenario(s):
    s.set_office("本庁")  # counters find the cases of their office
    receipts = [add_case(s, name) for name in HOSTILE]
    s.set_office(None)
    s.add_user("sato", "counter")
    s.start_server()
    d = s.browser()
    s.login(d, "sato")
    for receipt, name in zip(receipts, HOSTILE):
        search(d, receipt)
        same("/find", lib.path(d), "search page")
        no_markup(d, "find " + receipt)
        cells = [td.text for td in d.find_elements(By.TAG_NAME, "td")]
        check(receipt in cells, "%s not in the results %r" % (receipt, cells))
        check(name in cells, "%r not shown as text in %r" % (name, cells))
    # A search by the hostile text itself: echoed in the box, as text.
    for name in HOSTILE:
        search(d, name)
        no_markup(d, "search for " + name)
        same(name, d.find_element(By.NAME, "q").get_attribute("value"),
             "the query in the search box")
    # And nothing ran behind the page: no dialog at the very end either.
    lib.no_dialog(d, "the last page")


lib.run(scenario)
