"""The entry pages' contract, driven from the keyboard.

GET /new lists the programmes; POST /new (csrf, programme=ID) answers
303 /draft/ID.  GET /draft/ID: a control per field named by its id (the
input's id f-FIELD), its problem in span id p-FIELD (role=alert),
buttons name=action value=save|review.  The page's script autosaves an
answer as it is left: POST /draft/ID/answer (csrf, field, value) ->
200 {"saved":true,...} or 422 {"saved":false,"field","problem"}.
action=review -> /draft/ID/review (radio name=link for the same
person), its form POST /draft/ID/confirm -> 303 /receipt/RECEIPT.
"""
import os
import re
import time

import lib
from cases import CASES, STORED, add_args
from lib import By, Keys, check, same
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import Select

YES = {"yes", "y", "1", "true", "on", "はい"}
NO = {"no", "n", "0", "false", "off", "いいえ"}


def norm(value):
    value = (value or "").strip().lower()
    return "yes" if value in YES else "no" if value in NO else value


def stored(value):
    return STORED.get(value, value)


CONTROLS = """
return Array.prototype.slice.call(document.getElementsByName(arguments[0]))
    .filter(function (e) { return e.type !== 'hidden'; })
    .map(function (e) {
        var label = e.closest('label') ||
            (e.id && document.querySelector('label[for="' + e.id + '"]'));
        return [e.tagName.toLowerCase(), (e.type || '').toLowerCase(),
                e.value || '', !!e.checked, e.id || '', !!e.multiple,
                label ? label.innerText.trim() : '',
                e.offsetParent !== null];
    });
"""


def controls(d, name):
    """[tag, type, value, checked, id, multiple, label, shown] of each
    control named name (hidden inputs left out)."""
    return d.execute_script(CONTROLS, name)


def field_value(d, field):
    """The answer the page shows for field, as text ('' none): a choice
    by its code, a single checkbox yes/no, checkboxes comma-separated."""
    ctrls = controls(d, field)
    check(ctrls, "no control named %s on %s" % (field, lib.path(d)))
    tag, kind = ctrls[0][0], ctrls[0][1]
    if kind == "radio":
        return next((c[2] for c in ctrls if c[3]), "")
    if kind == "checkbox" and len(ctrls) == 1:
        return "yes" if ctrls[0][3] else "no"
    if kind == "checkbox":
        return ",".join(c[2] for c in ctrls if c[3])
    if tag == "select" and ctrls[0][5]:
        el = d.find_element(By.NAME, field)
        return ",".join(o.get_attribute("value") for o in
                        Select(el).all_selected_options)
    return ctrls[0][2]


def matches(code, value, label=""):
    """Does a control's value (or label) stand for the answer value?"""
    return norm(code) == norm(value) or (label and value == label)


def select_all_and_type(d, value):
    chain = ActionChains(d).key_down(Keys.CONTROL).send_keys("a")
    chain = chain.key_up(Keys.CONTROL)
    chain.send_keys(value if value else Keys.BACKSPACE).perform()


def choose_in_select(d, field, value):
    options = d.execute_script(
        "var s = document.activeElement;"
        "return [s.selectedIndex, Array.prototype.map.call(s.options,"
        " function (o) { return [o.value, o.text.trim()]; })];")
    index, opts = options
    target = next((i for i, (v, t) in enumerate(opts)
                   if matches(v, value, t)), None)
    check(target is not None, "%s: no option for %r in %r" % (
        field, value, opts))
    step = Keys.ARROW_DOWN if target > index else Keys.ARROW_UP
    for _ in range(abs(target - max(index, 0))):
        lib.keys(d, step)
    if index < 0 and target == 0:
        lib.keys(d, Keys.ARROW_DOWN, Keys.ARROW_UP)


def choose_radio(d, field, value):
    ctrls = controls(d, field)
    target = next((i for i, c in enumerate(ctrls)
                   if matches(c[2], value, c[6])), None)
    check(target is not None, "%s: no radio for %r" % (field, value))
    if not any(c[3] for c in ctrls):
        lib.keys(d, Keys.SPACE)
    for _ in range(len(ctrls)):
        ctrls = controls(d, field)
        if ctrls[target][3]:
            return
        lib.keys(d, Keys.ARROW_DOWN)
    raise lib.Failure("%s: arrows never checked %r" % (field, value))


def tick_checkboxes(d, field, value):
    """Walk the field's checkboxes with TAB, SPACE where needed; leaves
    the focus after the last one."""
    ctrls = controls(d, field)
    wanted = {norm(v) for v in value.split(",") if v.strip()}
    for _ in range(len(ctrls)):
        focus = lib.active(d)
        if focus.name != field:
            break
        checked = d.execute_script("return document.activeElement.checked")
        if len(ctrls) == 1:
            want = norm(value) == "yes"
        else:
            label = next((c[6] for c in ctrls if c[2] == focus.value), "")
            want = norm(focus.value) in wanted or label in wanted
        if want != checked:
            lib.keys(d, Keys.SPACE)
        lib.keys(d, Keys.TAB)


def fill(d, field, value):
    """TAB to field, give it value with the keys a person would use,
    and leave it (TAB)."""
    ctrls = controls(d, field)
    check(ctrls, "no control named %s on %s" % (field, lib.path(d)))
    lib.tab_to(d, lambda a: a.name == field, "field " + field)
    tag, kind, multiple = ctrls[0][0], ctrls[0][1], ctrls[0][5]
    if kind == "checkbox":
        tick_checkboxes(d, field, value)
        return
    if tag == "select" and multiple:
        # A list box of several choices: picked through Selenium.
        box = Select(d.find_element(By.NAME, field))
        box.deselect_all()
        for code in value.split(","):
            box.select_by_value(code)
    elif tag == "select":
        choose_in_select(d, field, value)
    elif kind == "radio":
        choose_radio(d, field, value)
    else:
        select_all_and_type(d, value)
    lib.keys(d, Keys.TAB)


ACKS = """
var want = arguments[0];
return performance.getEntriesByType('resource')
    .filter(function (e) { return e.name.indexOf(want) >= 0; })
    .map(function (e) { return e.responseStatus; });
"""


def acks(d, draft):
    """Autosaves the page sent and the server acknowledged (200)."""
    return sum(1 for code in d.execute_script(
        ACKS, "/draft/%s/answer" % draft) if code == 200)


def problem(d, field):
    found = d.find_elements(By.ID, "p-" + field)
    return found[0].text.strip() if found else ""


SHOWN_SAVED = """
var w = document.getElementById('w-' + arguments[0]);
return w ? w.classList.contains('saved') : null;
"""


def shown_saved(d, field):
    """Does the page mark field as saved (None: it has no such mark)?"""
    return d.execute_script(SHOWN_SAVED, field)


def fill_saved(d, draft, field, value):
    """fill, then wait for the page's autosave to be acknowledged (and
    the field marked saved, where the page marks it) and for no problem
    next to the field."""
    before = acks(d, draft)
    fill(d, field, value)
    lib.wait_for(lambda: acks(d, draft) > before and
                 shown_saved(d, field) is not False,
                 "the autosave of %s=%r" % (field, value))
    settle(d, draft)
    same("", problem(d, field), "problem shown next to " + field)


def settle(d, draft, quiet=0.4):
    """Wait until no autosave has been acknowledged for quiet seconds."""
    count, since = acks(d, draft), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.05)
        now = acks(d, draft)
        if now != count:
            count, since = now, time.monotonic()


def draft_answers(s, draft):
    return dict(s.sql("select field, value from draft_answers"
                      " where draft_id = ?", int(draft)))


def application_answers(s, receipt, db=None):
    return dict(s.sql("select field, value from answers where"
                      " application_id = (select id from applications"
                      " where receipt = ?)", receipt, db=db))


def reference(s, programme, answers=None):
    """The answers `intake add` stores for the same case (derived values
    too), on a database of its own."""
    db = os.path.join(s.scratch, "reference-%s.db" % programme)
    if not os.path.exists(db):
        s.intake("init", db=db)
    receipt = s.intake("add", *add_args(programme, answers), db=db).strip()
    return application_answers(s, receipt, db=db)


# ---- the pages

PROGRAMME_CONTROL = """
var id = arguments[0];
var b = document.querySelector(
    '[name=programme][value="' + id + '"]:not([type=hidden])');
if (b) return b.type === 'radio' ? 'radio' : 'button';
if (document.querySelector('select[name=programme]')) return 'select';
if (document.querySelector('input[type=hidden][name=programme][value="'
    + id + '"]')) return 'form';
return '';
"""

IN_FORM_WITH = """
var e = document.activeElement;
var submit = (e.tagName === 'BUTTON' && e.type !== 'button') ||
    (e.tagName === 'INPUT' && e.type === 'submit');
return submit && !!e.form && !!e.form.querySelector(arguments[0]);
"""


def tab_to_submit(d, selector, what):
    lib.tab_to(d, lambda a: d.execute_script(IN_FORM_WITH, selector), what)


def new_draft(s, d, programme):
    """From /new, start a case of programme with the keyboard; return
    the draft's id."""
    s.go(d, "/new")
    same(200, lib.status(d), "GET /new")
    check(programme in d.page_source, "/new does not list " + programme)
    kind = d.execute_script(PROGRAMME_CONTROL, programme)
    if kind == "button":
        lib.tab_to(d, lambda a: a.name == "programme" and
                   a.value == programme, "the button of " + programme)
    elif kind == "radio":
        lib.tab_to(d, lambda a: a.name == "programme", "the programmes")
        choose_radio(d, "programme", programme)
        tab_to_submit(d, "[name=programme]", "the new case button")
    elif kind == "select":
        lib.tab_to(d, lambda a: a.name == "programme", "the programmes")
        choose_in_select(d, "programme", programme)
        tab_to_submit(d, "[name=programme]", "the new case button")
    elif kind == "form":
        tab_to_submit(d, 'input[type=hidden][name=programme][value="%s"]'
                      % programme, "the button of " + programme)
    else:
        raise lib.Failure("/new has no control for " + programme)
    lib.navigate(d, lambda: lib.keys(d, Keys.ENTER))
    found = re.fullmatch(r"/draft/(\d+)", lib.path(d))
    check(found, "a new case led to %s (status %s)" % (
        lib.path(d), lib.status(d)))
    return found.group(1)


def press(d, action):
    """TAB to the button name=action value=action, ENTER, next page."""
    lib.tab_to(d, lambda a: a.name == "action" and a.value == action,
               "the %s button" % action)
    lib.navigate(d, lambda: lib.keys(d, Keys.ENTER))


def review(d, draft):
    press(d, "review")
    same("/draft/%s/review" % draft, lib.path(d), "page after review")


def choose_link(d, receipt):
    """On the review page, pick the earlier application to link."""
    ctrls = controls(d, "link")
    check(ctrls, "no same-person choice (radio name=link) on the review")
    check(any(receipt == c[2] or receipt in c[6] for c in ctrls),
          "%s not offered as the same person: %r" % (receipt, ctrls))
    lib.tab_to(d, lambda a: a.name == "link", "the same-person choice")
    target = next(i for i, c in enumerate(ctrls)
                  if receipt == c[2] or receipt in c[6])
    if not any(c[3] for c in ctrls):
        lib.keys(d, Keys.SPACE)
    for _ in range(len(ctrls)):
        if controls(d, "link")[target][3]:
            return
        lib.keys(d, Keys.ARROW_DOWN)
    raise lib.Failure("the arrows never chose " + receipt)


def confirm(d, draft):
    """Confirm on the review page; return the receipt number."""
    lib.tab_to(d, lambda a: d.execute_script(
        "var e = document.activeElement;"
        "return (e.tagName === 'BUTTON' || e.type === 'submit') &&"
        " !!e.form && /\\/confirm$/.test(e.form.getAttribute('action'));"),
        "the confirm button")
    lib.navigate(d, lambda: lib.keys(d, Keys.ENTER))
    found = re.fullmatch(r"/receipt/([^/]+)", lib.path(d))
    check(found, "confirm led to %s (status %s):\n%s" % (
        lib.path(d), lib.status(d), lib.text(d)))
    return found.group(1)


def check_receipt_page(d, receipt, name):
    page = lib.text(d)
    check(receipt in page, "the receipt page lacks " + receipt)
    check(name in page, "the receipt page lacks the name " + name)


def check_stored(s, receipt, programme, account, office, answers=None):
    """The application holds what the CLI stores for the same case, and
    the account as staff."""
    same(reference(s, programme, answers),
         application_answers(s, receipt), "answers of " + receipt)
    row = s.sql("select programme, staff, office from applications"
                " where receipt = ?", receipt)
    same([(programme, account, office)], row, "programme, staff, office")


def shown(d, field):
    return any(c[7] for c in controls(d, field))


def type_case(d, draft, answers, autosave=True):
    """Type answers in order.  Without autosave (JavaScript off), a
    question that depends on earlier answers appears once they are
    saved: press save first."""
    for field, value in answers:
        if autosave:
            fill_saved(d, draft, field, value)
            continue
        if not shown(d, field):
            press(d, "save")
            same("/draft/%s" % draft, lib.path(d), "page after save")
        fill(d, field, value)


def shows(d, field, value):
    """Does the page show value (as typed or as stored) for field?"""
    got = field_value(d, field)
    return norm(got) in (norm(value), norm(stored(value)))


def check_shown(d, answers):
    for field, value in answers:
        check(shows(d, field, value), "%s: the page shows %r, typed %r" % (
            field, field_value(d, field), value))


def check_draft(s, draft, answers):
    got = draft_answers(s, draft)
    for field, value in answers:
        same(stored(value), got.get(field), "draft answer " + field)


def keyboard_entry(s, programme, link=None, on_review=None, lang="en"):
    """A whole case of programme from the keyboard, autosaved, confirmed;
    checked against the CLI's; link: a receipt to link as the same
    person; on_review(d): checks of the review page; lang: the
    account's.  Returns the receipt."""
    s.add_user("kimura", "counter", office="弘前", lang=lang)
    s.start_server()
    d = s.browser()
    s.login(d, "kimura")
    draft = new_draft(s, d, programme)
    answers = CASES[programme]
    type_case(d, draft, answers)
    check_draft(s, draft, answers)
    review(d, draft)
    if on_review:
        on_review(d)
    if link:
        choose_link(d, link)
    receipt = confirm(d, draft)
    check_receipt_page(d, receipt, answers[0][1])
    check_stored(s, receipt, programme, "kimura", "弘前")
    same(0, s.sql1("select count(*) from drafts"), "drafts once confirmed")
    return receipt


def resume_from_home(s, d, draft):
    """From the home page, open draft by its link, with the keyboard."""
    s.go(d, "/")
    same("/", lib.path(d), "home page")
    href = "/draft/%s" % draft
    check(d.find_elements(By.CSS_SELECTOR, 'a[href="%s"]' % href),
          "the home page lists no draft %s:\n%s" % (draft, lib.text(d)))
    lib.tab_to(d, lambda a: a.tag == "a" and a.href == href,
               "the link to draft " + draft)
    lib.navigate(d, lambda: lib.keys(d, Keys.ENTER))
    same(href, lib.path(d), "page of the draft")


def finish(s, d, draft, programme, answers, account, office):
    """Type the answers left, review, confirm, check what is stored."""
    type_case(d, draft, answers)
    review(d, draft)
    receipt = confirm(d, draft)
    check_receipt_page(d, receipt, CASES[programme][0][1])
    check_stored(s, receipt, programme, account, office)
    return receipt
