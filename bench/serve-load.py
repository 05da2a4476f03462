#!/usr/bin/python3
"""Load benchmark of intake serve: N concurrent simulated counters.

Usage: /usr/bin/python3 bench/serve-load.py [BUILD_DIR] [--sessions N]
           [--cli-adds M] [--think SECONDS]

On a fresh database, one server; each counter (its own account, its own
connection) logs in once, then, all together, enters one case: new case,
every answer by autosave (POST /draft/ID/answer, SECONDS apart: 0, no
pause, by default), review, confirm, as the browser's pages and script
do; "page" is each GET of the form, review and receipt.  The CLI
`intake add` of the same cases, M in a row on a database of their own,
is the reference.
Prints throughput, p50/p99 per kind of request, errors (must be 0) and
the cases stored (must equal the cases confirmed); exits 1 otherwise.
Standard library only.
"""
import argparse
import http.client
import os
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SOURCE, "tests", "browser"))
from cases import CASES, add_args  # noqa: E402

PASSWORD = "correct horse battery"
TODAY = "2026-11-22"
PROGRAMMES = sorted(CASES)
KINDS = ["login", "home", "new", "page", "answer", "review", "confirm"]


class Refused(Exception):
    pass


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100.0 * len(ordered)))]


class Counter(threading.Thread):
    """One simulated member of staff at a browser."""

    def __init__(self, bench, number):
        super().__init__(daemon=True)
        self.bench = bench
        self.name_ = "c%03d" % number
        self.programme = PROGRAMMES[number % len(PROGRAMMES)]
        self.times = {kind: [] for kind in KINDS}
        self.cookie = None
        self.csrf = None
        self.receipt = None
        self.errors = []
        self.conn = None

    def request(self, kind, method, path, form=None, expect=200):
        body = urllib.parse.urlencode(form).encode() if form else None
        headers = {"Origin": self.bench.url}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookie:
            headers["Cookie"] = "intake_session=" + self.cookie
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            res = self.conn.getresponse()
            data = res.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as e:
            self.conn.close()
            self.conn = self.bench.connect()
            raise Refused("%s %s: %s" % (method, path, e))
        self.times[kind].append(time.perf_counter() - start)
        if res.status != expect:
            raise Refused("%s %s: %d, expected %d: %s" % (
                method, path, res.status, expect, data[:200]))
        if res.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = self.bench.connect()
        return res, data

    def login(self):
        res, _ = self.request("login", "POST", "/login",
                              {"name": self.name_, "password": PASSWORD},
                              expect=303)
        found = re.search(r"intake_session=([0-9a-f]+)",
                          res.getheader("Set-Cookie") or "")
        if not found:
            raise Refused("login: no session cookie")
        self.cookie = found.group(1)
        _, page = self.request("home", "GET", "/")
        found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        if not found:
            raise Refused("home: no CSRF token")
        self.csrf = found.group(1)

    def pause(self):
        """A person's pause after an answer: think seconds on average,
        drawn from half to one and a half times it (people do not type
        in step)."""
        if self.bench.think:
            time.sleep(self.bench.think * random.uniform(0.5, 1.5))

    def enter(self):
        self.pause()  # counters do not all start in the same instant
        res, _ = self.request("new", "POST", "/new",
                              {"csrf": self.csrf,
                               "programme": self.programme}, expect=303)
        draft = res.getheader("Location") or ""
        if not re.fullmatch(r"/draft/\d+", draft):
            raise Refused("new case led to %r" % draft)
        self.request("page", "GET", draft)
        for field, value in CASES[self.programme]:
            _, answer = self.request("answer", "POST", draft + "/answer",
                                     {"csrf": self.csrf, "field": field,
                                      "value": value})
            if '"saved":true' not in answer:
                raise Refused("autosave %s: %s" % (field, answer[:200]))
            self.pause()
        res, _ = self.request("review", "POST", draft,
                              {"csrf": self.csrf, "action": "review"},
                              expect=303)
        if res.getheader("Location") != draft + "/review":
            raise Refused("review led to %r" % res.getheader("Location"))
        self.request("page", "GET", draft + "/review")
        res, _ = self.request("confirm", "POST", draft + "/confirm",
                              {"csrf": self.csrf, "link": "none"},
                              expect=303)
        found = re.fullmatch(r"/receipt/(.+)", res.getheader("Location")
                             or "")
        if not found:
            raise Refused("confirm led to %r" % res.getheader("Location"))
        self.receipt = found.group(1)
        self.request("page", "GET", res.getheader("Location"))

    def run(self):
        self.conn = self.bench.connect()
        try:
            self.login()
        except Exception as e:  # counted, and the others go on
            self.errors.append("%s: %s" % (type(e).__name__, e))
        self.bench.logged_in.wait()
        if not self.errors:
            try:
                self.enter()
            except Exception as e:
                self.errors.append("%s: %s" % (type(e).__name__, e))
        self.conn.close()


class Bench:
    def __init__(self, build, sessions, think=0.0):
        self.build = build
        self.sessions = sessions
        self.think = think
        self.work = tempfile.mkdtemp(prefix="intake-serve-load-")
        self.db = os.path.join(self.work, "serve.db")
        self.server = None
        self.url = None
        self.port = None
        config = os.path.join(self.work, "intake.ini")
        with open(config, "w") as f:
            f.write("[intake]\nplugin_dir = %s/plugins\nform_dir = %s/forms\n"
                    "language = en\n" % (build, SOURCE))
        self.env = dict(os.environ, INTAKE_CONFIG=config, INTAKE_TODAY=TODAY,
                        INTAKE_STAFF="bench")
        self.env.pop("INTAKE_DEBUG", None)
        self.logged_in = threading.Barrier(sessions + 1)

    def intake(self, db, *args, stdin=None):
        done = subprocess.run([os.path.join(self.build, "intake"), "-d", db]
                              + list(args), input=stdin, text=True,
                              capture_output=True, env=self.env,
                              cwd=self.work)
        if done.returncode:
            sys.exit("serve-load: intake %s: %s" % (" ".join(args),
                                                     done.stderr.strip()))
        return done.stdout

    def accounts(self):
        self.intake(self.db, "init")
        for i in range(self.sessions):
            self.intake(self.db, "user", "add", "c%03d" % i, "--role",
                        "counter", "--office", "本庁", stdin=PASSWORD + "\n")

    def connect(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def get_status(self, path):
        conn = self.connect()
        try:
            conn.request("GET", path)
            res = conn.getresponse()
            res.read()
            return res.status
        except OSError:
            return None
        finally:
            conn.close()

    def start_server(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port
        self.server = subprocess.Popen(
            [os.path.join(self.build, "intake"), "-d", self.db, "serve",
             "--listen", "127.0.0.1:%d" % self.port], env=self.env,
            cwd=self.work, stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.work, "server.err"), "w"))
        deadline = time.monotonic() + 15
        while self.get_status("/login") != 200:
            if self.server.poll() is not None or time.monotonic() > deadline:
                sys.exit("serve-load: the server did not start")
            time.sleep(0.05)
        if self.get_status("/new") == 404:
            self.stop_server()
            sys.exit("serve-load: GET /new is 404: this intake has no entry"
                     " pages to load")

    def stop_server(self):
        self.server.terminate()
        return self.server.wait(timeout=30)

    def cli_reference(self, adds):
        """M sequential `intake add` of the same cases: seconds each."""
        db = os.path.join(self.work, "cli.db")
        self.intake(db, "init")
        times = []
        for i in range(adds):
            args = add_args(PROGRAMMES[i % len(PROGRAMMES)])
            start = time.perf_counter()
            self.intake(db, "add", *args)
            times.append(time.perf_counter() - start)
        return times

    def cleanup(self):
        shutil.rmtree(self.work, ignore_errors=True)


def ms(seconds):
    return seconds * 1000.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build", nargs="?", default="build")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--cli-adds", type=int, default=50)
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds a counter waits after each answer, on"
                        " average (0.5 to 1.5 times it, at random)")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    bench = Bench(build, args.sessions, args.think)
    try:
        return run(bench, args)
    finally:
        if bench.server and bench.server.poll() is None:
            bench.stop_server()
        bench.cleanup()


def run(bench, args):
    start = time.perf_counter()
    bench.accounts()
    setup = time.perf_counter() - start
    bench.start_server()
    counters = [Counter(bench, i) for i in range(args.sessions)]
    login_start = time.perf_counter()
    for c in counters:
        c.start()
    bench.logged_in.wait()
    entry_start = time.perf_counter()
    login_wall = entry_start - login_start
    for c in counters:
        c.join()
    entry_wall = time.perf_counter() - entry_start
    status = bench.stop_server()

    times = {kind: [t for c in counters for t in c.times[kind]]
             for kind in KINDS}
    errors = [e for c in counters for e in c.errors]
    confirmed = sum(1 for c in counters if c.receipt)
    conn = sqlite3.connect(bench.db)
    stored = conn.execute("select count(*) from applications").fetchone()[0]
    drafts = conn.execute("select count(*) from drafts").fetchone()[0]
    conn.close()
    entry_requests = sum(len(times[k]) for k in KINDS
                         if k not in ("login", "home"))
    cli = bench.cli_reference(args.cli_adds)

    print("intake serve load: %d concurrent counters (%s), %d CPUs,"
          " one server on a fresh database, %.2f s between answers" % (
              args.sessions, ", ".join(PROGRAMMES), os.cpu_count(),
              args.think))
    print("setup: %d accounts in %.1f s" % (args.sessions, setup))
    print("%-8s %6s %9s %9s %9s" % ("request", "count", "p50 ms", "p99 ms",
                                   "max ms"))
    for kind in KINDS:
        t = times[kind]
        if t:
            print("%-8s %6d %9.1f %9.1f %9.1f" % (
                kind, len(t), ms(percentile(t, 50)), ms(percentile(t, 99)),
                ms(max(t))))
    print("login: %d sessions in %.2f s (Argon2id, each once, before the"
          " entries)" % (args.sessions, login_wall))
    cases_s = confirmed / entry_wall if entry_wall else 0
    print("entries: %d cases in %.2f s: %.1f cases/s, %.0f requests/s" % (
        confirmed, entry_wall, cases_s, entry_requests / entry_wall))
    print("errors: %d" % len(errors))
    for e in errors[:10]:
        print("  " + e)
    print("cases stored: %d (confirmed %d), drafts left: %d" % (
        stored, confirmed, drafts))
    cli_rate = len(cli) / sum(cli) if cli else 0
    print("CLI intake add: %d in a row, %.1f ms p50, %.1f ms p99:"
          " %.1f adds/s" % (len(cli), ms(percentile(cli, 50)),
                            ms(percentile(cli, 99)), cli_rate))
    if cli_rate:
        print("ratio: server %.1f cases/s / CLI %.1f adds/s = %.2f" % (
            cases_s, cli_rate, cases_s / cli_rate))
    p99 = ms(percentile(times["answer"], 99))
    print("autosave p99 %.1f ms (goal under 100 ms): %s" % (
        p99, "met" if p99 < 100 else "MISSED"))
    print("server exit status after SIGTERM: %d" % status)
    ok = not errors and stored == confirmed == args.sessions and not drafts
    ok = ok and status == 0
    if not ok:
        print("serve-load: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
