#!/usr/bin/env python3
"""A worker that misbehaves on purpose, for the exec plugin's tests; raw protocol, no helper.

    misbehave.py MODE [PIDFILE]

It tags the first word of every document (TEST) and, on a document whose
text contains the word TRIGGER, depending on MODE:
  crash        exits with status 3
  crash_once   exits with status 3 unless PIDFILE.crashed exists, which it creates first
  hang         sleeps for an hour
  garbage      prints a line that is not JSON
  range        returns an entity ending beyond the text
  error        answers an error for the document
  noisy        writes "noise about DOCID" to stderr, then answers normally
  slow         (every document) sleeps 0.3 s before answering
  protocol2    announces protocol 2 (and nothing else happens)
  silent       announces nothing and waits
PIDFILE, when given, receives the worker's pid at start.
"""
import json
import os
import sys
import time

mode = sys.argv[1]
if len(sys.argv) > 2:
    with open(sys.argv[2], "w") as f:
        f.write("%d\n" % os.getpid())
if mode == "silent":
    time.sleep(3600)


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


send({"type": "announce", "protocol": 2 if mode == "protocol2" else 1, "name": "misbehave", "version": "0",
      "kind": "recognizer", "description": "misbehaves on purpose", "consumes": "text", "produces": "entity",
      "options": [{"name": "label", "type": "string", "default": "TEST", "help": "entity type"}]})
label = "TEST"
for line in sys.stdin:
    msg = json.loads(line)
    if msg["type"] == "init":
        label = msg["options"]["label"]
        send({"type": "ready"})
        continue
    doc = msg["doc"]
    text = doc["text"]
    seq = msg["seq"]
    if mode == "slow":
        time.sleep(0.3)
    if "TRIGGER" in text:
        if mode == "crash":
            sys.exit(3)
        if mode == "crash_once" and not os.path.exists(sys.argv[2] + ".crashed"):
            open(sys.argv[2] + ".crashed", "w").close()
            sys.exit(3)
        if mode == "hang":
            time.sleep(3600)
        if mode == "garbage":
            sys.stdout.write("this is not JSON\n")
            sys.stdout.flush()
            continue
        if mode == "range":
            send({"type": "result", "seq": seq, "entities": [{"start": 0, "end": len(text) + 5, "type": label}]})
            continue
        if mode == "error":
            send({"type": "error", "seq": seq, "message": "cannot handle TRIGGER"})
            continue
    if mode == "noisy":
        sys.stderr.write("noise about %s\n" % doc["id"])
        sys.stderr.flush()
    end = text.find(" ") if " " in text else len(text)
    send({"type": "result", "seq": seq, "entities": [{"start": 0, "end": end, "type": label}] if end > 0 else []})
