"""A fast typist: answers typed one after another without waiting for
their autosaves (each request in flight while the next field is left).
Every answer the page then marks saved must be in the draft: one save
must not undo another."""
import entry
import lib
from lib import check


def scenario(s):
    s.add_user("kimura", "counter")
    s.start_server()
    d = s.browser()
    s.login(d, "kimura")
    draft = entry.new_draft(s, d, "jigyo_shokei")
    answers = [(f, v) for f, v in entry.CASES["jigyo_shokei"]
               if f not in ("sole_proprietor", "corporate_number")]
    text = [(f, v) for f, v in answers if entry.controls(d, f)[0][0] ==
            "input" and entry.controls(d, f)[0][1] == "text"]
    for field, value in text:
        entry.fill(d, field, value)  # no wait for the autosave
    lib.wait_for(lambda: entry.acks(d, draft) >= len(text),
                 "%d autosaves" % len(text))
    entry.settle(d, draft, quiet=1.0)
    stored = entry.draft_answers(s, draft)
    lost = [(f, v) for f, v in text if entry.shown_saved(d, f) and
            stored.get(f) != entry.stored(v)]
    check(not lost, "answers marked saved but not in the draft: %r" % lost)
    entry.check_draft(s, draft, text)


lib.run(scenario)
