"""The worker's side of the wire protocol: announce, init, one answer per document."""

import json
import os
import sys
import traceback

from . import _plugin
from ._doc import Doc


def _send(out, obj):
    out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
    out.flush()


def run(plugin=None):
    """Serve the plugin this script declared (or the one given) on stdin/stdout until end of input."""
    if plugin is None:
        if len(_plugin.registered) != 1:
            sys.exit("docpipe_plugin.run(): the script declares %d plugins; pass the one to run" % len(_plugin.registered))
        plugin = _plugin.registered[0]
    elif not isinstance(plugin, _plugin.Plugin):
        plugin = next(p for p in _plugin.registered if p.target is plugin)
    # stdout carries the protocol: the plugin's print() goes to stderr, i.e. docpipe's log
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    _send(out, plugin.announcement())
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        msg = json.loads(line)
        kind = msg.get("type")
        if kind == "init":
            try:
                if msg.get("protocol") != _plugin.PROTOCOL:
                    raise ValueError("docpipe speaks protocol %r, this helper %d" % (msg.get("protocol"), _plugin.PROTOCOL))
                if msg.get("offset_unit", "codepoint") != "codepoint":
                    raise ValueError("the Python helper works in code points: leave offset_unit at codepoint")
                plugin.start(msg.get("options") or {})
            except Exception as e:  # a bad option value: docpipe reports it as the instance's start failure
                traceback.print_exc()
                _send(out, {"type": "error", "message": "%s: %s" % (type(e).__name__, e)})
                continue
            _send(out, {"type": "ready"})
        elif kind == "doc":
            seq = msg.get("seq")
            try:
                doc = Doc(msg["doc"])
                if plugin.process(doc) is _plugin.SKIP:
                    _send(out, {"type": "skip", "seq": seq})
                    continue
                answer = doc.answer()
            except Exception as e:
                traceback.print_exc()
                _send(out, {"type": "error", "seq": seq, "message": "%s: %s" % (type(e).__name__, e)})
                continue
            answer.update(type="result", seq=seq)
            _send(out, answer)
        else:
            _send(out, {"type": "error", "seq": msg.get("seq"), "message": "unknown message type %r" % kind})
