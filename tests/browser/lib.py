"""Shared by the browser tests: a fresh database and server, staff
accounts, headless Chromium through Selenium, keyboard helpers, checks.

A test is a script: def scenario(s): ...; lib.run(scenario).  s is a
Scenario (scratch directory, `intake`, `sql`, the server, browsers).
Whatever happens, the last page of each browser is saved as
$INTAKE_BUILD/browser/<test>.png (the browser opened last wins).
"""
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import (NoAlertPresentException,
                                        WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

BUILD = os.environ.get("INTAKE_BUILD")
SOURCE = os.environ.get("INTAKE_SOURCE")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
PASSWORD = "correct horse battery"
TODAY = "2026-11-22"
WAIT = 15  # seconds for a page, an element, an autosave

class Failure(Exception):
    """A check failed: what the user would see is not what we expect."""


def check(condition, what):
    if not condition:
        raise Failure(what)


def same(expected, actual, what="value"):
    if expected != actual:
        raise Failure("%s: expected %r, got %r" % (what, expected, actual))


def wait_for(test, what, seconds=WAIT):
    """Poll test() until it returns something true; return that."""
    deadline = time.monotonic() + seconds
    while True:
        got = test()
        if got:
            return got
        if time.monotonic() > deadline:
            raise Failure("timed out waiting for " + what)
        time.sleep(0.05)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Scenario:
    """One test's world: scratch directory, database, server, browsers."""

    def __init__(self, name, lang="en", today=TODAY):
        self.name = name
        self.lang = lang
        self.scratch = tempfile.mkdtemp(prefix="intake-browser-")
        os.chmod(self.scratch, 0o755)
        self.db = os.path.join(self.scratch, "intake.db")
        self.server = None
        self.port = None
        self.url = None
        self.drivers = []
        self.closed = []  # (name, screenshot bytes) of closed browsers
        self.env = dict(os.environ)
        for key in ("INTAKE_CONFIG", "INTAKE_TODAY", "INTAKE_DEBUG"):
            self.env.pop(key, None)
        self.config = os.path.join(self.scratch, "intake.ini")
        self.set_office(None)
        self.env.update(INTAKE_CONFIG=self.config, INTAKE_TODAY=today,
                        INTAKE_STAFF="tester")
        self.intake("init")

    def set_office(self, office):
        """The configuration, with office = OFFICE (the office the CLI
        stores with its applications) unless None."""
        with open(self.config, "w") as f:
            f.write("[intake]\ndatabase = intake.db\n"
                    "plugin_dir = %s/plugins\nform_dir = %s/forms\n"
                    "language = %s\n" % (BUILD, SOURCE, self.lang))
            if office:
                f.write("office = %s\n" % office)

    # ---- the command line and the database

    def intake(self, *args, stdin=None, status=0, db=None):
        """Run intake on the scratch database; check its exit status;
        return its stdout."""
        cmd = [os.path.join(BUILD, "intake"), "-d", db or self.db]
        cmd += list(args)
        done = subprocess.run(cmd, input=stdin, capture_output=True,
                              text=True, cwd=self.scratch, env=self.env,
                              timeout=60)
        if done.returncode != status:
            raise Failure("intake %s exited %d, expected %d\n%s%s" % (
                " ".join(args), done.returncode, status, done.stdout,
                done.stderr))
        return done.stdout

    def add_user(self, name, role="counter", office="本庁", lang="en",
                 password=PASSWORD):
        args = ["user", "add", name, "--role", role, "--lang", lang]
        if office:
            args += ["--office", office]
        self.intake(*args, stdin=password + "\n")

    def sql(self, query, *params, db=None):
        """Rows of a query on the scratch database (a list of tuples)."""
        conn = sqlite3.connect(db or self.db, timeout=30)
        try:
            return conn.execute(query, params).fetchall()
        finally:
            conn.close()

    def sql1(self, query, *params):
        rows = self.sql(query, *params)
        return rows[0][0] if rows else None

    # ---- the server

    def start_server(self, port=None):
        """intake serve on port (a free loopback port when None); wait
        until it answers."""
        for attempt in range(5):
            self.port = port or free_port()
            self.url = "http://127.0.0.1:%d" % self.port
            out = open(os.path.join(self.scratch, "server.out"), "ab")
            err = open(os.path.join(self.scratch, "server.err"), "ab")
            self.server = subprocess.Popen(
                [os.path.join(BUILD, "intake"), "-d", self.db, "serve",
                 "--listen", "127.0.0.1:%d" % self.port],
                stdout=out, stderr=err, cwd=self.scratch, env=self.env)
            out.close()
            err.close()
            deadline = time.monotonic() + WAIT
            while self.server.poll() is None:
                if self.http("GET", "/login")[0] == 200:
                    return
                if time.monotonic() > deadline:
                    raise Failure("the server never answered")
                time.sleep(0.05)
        raise Failure("the server did not start: " + self.server_err())

    def stop_server(self, sig=signal.SIGTERM):
        """Stop the server with sig; return its exit status."""
        if not self.server:
            return None
        if self.server.poll() is None:
            self.server.send_signal(sig)
        try:
            status = self.server.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.server.kill()
            status = self.server.wait()
        self.server = None
        return status

    def server_err(self):
        try:
            with open(os.path.join(self.scratch, "server.err")) as f:
                return f.read()
        except OSError:
            return ""

    def http(self, method, path, data=None, cookie=None, origin=None):
        """A request outside the browser: (status, body text).  data a
        dict is sent as a form post."""
        headers = {}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if cookie:
            headers["Cookie"] = "intake_session=" + cookie
        if origin:
            headers["Origin"] = origin
        req = urllib.request.Request(self.url + path, data=body,
                                     headers=headers, method=method)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(req, timeout=WAIT) as res:
                return res.status, res.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, OSError):
            return None, ""

    # ---- browsers

    def browser(self, javascript=True):
        """A fresh headless Chromium (its own profile), 1280x1400."""
        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        profile = tempfile.mkdtemp(prefix="profile-", dir=self.scratch)
        for arg in ("--headless=new", "--no-sandbox",
                    "--disable-dev-shm-usage", "--disable-gpu",
                    "--no-first-run", "--disable-extensions",
                    "--window-size=1280,1400", "--lang=" + self.lang,
                    "--user-data-dir=" + profile):
            opts.add_argument(arg)
        if not javascript:
            opts.add_experimental_option("prefs", {
                "profile.managed_default_content_settings.javascript": 2})
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER),
                                  options=opts)
        driver.set_page_load_timeout(30)
        self.drivers.append(driver)
        return driver

    def close_browser(self, driver):
        """Quit it (its last page kept for the screenshot)."""
        try:
            self.closed.append(driver.get_screenshot_as_png())
        except WebDriverException:
            pass
        try:
            driver.quit()
        except WebDriverException:
            pass
        self.drivers.remove(driver)

    def screenshot(self):
        os.makedirs(os.path.join(BUILD, "browser"), exist_ok=True)
        path = os.path.join(BUILD, "browser", self.name + ".png")
        shots = list(self.closed)
        for driver in self.drivers:
            try:
                shots.append(driver.get_screenshot_as_png())
            except WebDriverException:
                pass
        if shots:
            with open(path, "wb") as f:
                f.write(shots[-1])

    def teardown(self, failed):
        self.screenshot()
        for driver in list(self.drivers):
            self.close_browser(driver)
        self.stop_server(signal.SIGKILL if failed else signal.SIGTERM)
        if failed:
            sys.stderr.write("scratch directory kept: %s\n" % self.scratch)
        else:
            shutil.rmtree(self.scratch, ignore_errors=True)

    # ---- pages

    def go(self, driver, path):
        driver.get(self.url + path)

    def login(self, driver, name, password=PASSWORD):
        """Log in through the login page; return the page's text."""
        self.go(driver, "/login")
        driver.find_element(By.NAME, "name").send_keys(name)
        driver.find_element(By.NAME, "password").send_keys(password)
        button = driver.find_element(By.CSS_SELECTOR,
                                     "form[action='/login'] button")
        navigate(driver, button.click)
        return text(driver)

    def session_cookie(self, driver):
        for c in driver.get_cookies():
            if c["name"] == "intake_session":
                return c
        return None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def text(driver):
    """The visible text of the page."""
    return driver.find_element(By.TAG_NAME, "body").text


def path(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def status(driver):
    """The HTTP status of the page shown (Navigation Timing)."""
    return driver.execute_script(
        "var n = performance.getEntriesByType('navigation')[0];"
        "return n ? n.responseStatus : null;")


def navigate(driver, action):
    """Do action (a click, a key) and wait for the next page to load."""
    driver.execute_script("document.intakeOld = true")
    action()

    def loaded():
        try:
            return driver.execute_script(
                "return !document.intakeOld &&"
                " document.readyState === 'complete'")
        except WebDriverException:
            return False
    wait_for(loaded, "the next page after " + driver.current_url)


def no_dialog(driver, what):
    """No alert/confirm/prompt is open."""
    try:
        alert = driver.switch_to.alert
    except NoAlertPresentException:
        return
    message = alert.text
    alert.dismiss()
    raise Failure("%s: a dialog opened: %r" % (what, message))


# ---- the keyboard

def keys(driver, *sequence):
    """Type keys into whatever has the focus, as a person would."""
    ActionChains(driver).send_keys(*sequence).perform()


class Focus(tuple):
    """What has the focus: tag, type, name, value, text, href, id."""
    tag = property(lambda self: self[0])
    type = property(lambda self: self[1])
    name = property(lambda self: self[2])
    value = property(lambda self: self[3])
    text = property(lambda self: self[4])
    href = property(lambda self: self[5])
    id = property(lambda self: self[6])


def active(driver):
    """The focused element, as a Focus."""
    return Focus(driver.execute_script(
        "var e = document.activeElement;"
        "if (!e) return ['', '', '', '', '', '', ''];"
        "return [e.tagName.toLowerCase(), (e.type || '').toLowerCase(),"
        " e.getAttribute('name') || '', e.value || '',"
        " (e.innerText || '').trim(), e.getAttribute('href') || '',"
        " e.id || ''];"))


def tab_to(driver, test, what, limit=400):
    """Press TAB until test(active(driver)) holds."""
    for _ in range(limit):
        if test(active(driver)):
            return
        keys(driver, Keys.TAB)
    raise Failure("TAB never reached " + what)


def run(scenario, lang="en"):
    """Run scenario(s) on a fresh Scenario; report; exit 0 or 1."""
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    if not BUILD or not SOURCE:
        sys.exit("%s: run through make test-browser" % name)
    s = None
    failed = True
    try:
        s = Scenario(name, lang=lang)
        scenario(s)
        failed = False
    except Exception as e:  # report everything, then fail
        print("FAIL %s: %s" % (name, e), file=sys.stderr)
        if not isinstance(e, Failure):
            traceback.print_exc()
        if s:
            report_pages(s)
    finally:
        if s and (failed or s.server or s.drivers):
            s.teardown(failed)
    if failed:
        sys.exit(1)
    print("ok %s" % name)


def report_pages(s):
    for driver in s.drivers:
        try:
            sys.stderr.write("--- %s\n%s\n" % (driver.current_url,
                                               text(driver)[-2000:]))
        except WebDriverException:
            pass
    err = s.server_err()
    if err:
        sys.stderr.write("--- server stderr\n%s\n" % err[-3000:])
