"""Unit tests of the Python helper (python3 -m unittest, no docpipe needed)."""
import io
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import docpipe_plugin  # noqa: E402

RECORD = {"id": "a", "lang": "vi", "text": "Hà Nội và Đà Nẵng", "fields": {"title": "T", "keyword": ["x", "y"]},
          "segments": [{"start": 0, "end": 17, "kind": "title"}],
          "entities": [{"start": 0, "end": 6, "type": "LOC", "surface": "Hà Nội", "value": None,
                        "confidence": 1, "instance": "gazetteer", "attrs": {}, "translations": {"en": "Hanoi"}}],
          "translations": []}


class DocTest(unittest.TestCase):
    def test_view(self):
        d = docpipe_plugin.Doc(RECORD)
        self.assertEqual(d.text[d.entities[0].start:d.entities[0].end], "Hà Nội")
        self.assertEqual(d.field("keyword"), "x")
        self.assertEqual(d.segments[0].kind, "title")
        self.assertEqual(d.answer(), {})

    def test_new_entity_by_character_offsets(self):
        d = docpipe_plugin.Doc(RECORD)
        e = d.add_entity(10, 17, "LOC", value="danang", confidence=0.5)
        self.assertEqual(e.surface, "Đà Nẵng")
        ans = d.answer()["entities"]
        self.assertEqual(ans, [{"start": 10, "end": 17, "type": "LOC", "value": "danang", "confidence": 0.5,
                                "attrs": {}, "translations": {}}])

    def test_changes_to_existing_entities_name_their_index(self):
        d = docpipe_plugin.Doc(RECORD)
        d.entities[0].set_translation("fr", "Hanoï")
        d.entities[0].set_attr("k", 1)
        self.assertEqual(d.answer()["entities"], [{"index": 0, "translations": {"fr": "Hanoï"}, "attrs": {"k": "1"}}])

    def test_bad_spans_and_confidences_raise(self):
        d = docpipe_plugin.Doc(RECORD)
        for start, end in ((5, 5), (-1, 2), (0, 18), (3, 2)):
            with self.assertRaises(ValueError):
                d.add_entity(start, end, "X")
        with self.assertRaises(ValueError):
            d.add_entity(0, 2, "X", confidence=1.5)

    def test_fields_and_translations(self):
        d = docpipe_plugin.Doc(RECORD)
        d.add_field("keyword", "z")
        d.add_translation("en", "Hanoi and Da Nang")
        ans = d.answer()
        self.assertEqual(ans["fields"], {"keyword": ["z"]})
        self.assertEqual(d.fields["keyword"], ["x", "y", "z"])
        self.assertEqual(ans["translations"][0]["target"], "text")

    def test_option_types_are_checked(self):
        with self.assertRaises(ValueError):
            docpipe_plugin.option("x", "integer")
        self.assertEqual(docpipe_plugin.option("v", "enum", choices=["a", "b"])["choices"], "a|b")


class WorkerTest(unittest.TestCase):
    """The example recognizer over the wire, as docpipe drives it."""

    def exchange(self, lines):
        env = dict(os.environ, PYTHONPATH=os.path.dirname(HERE))
        script = os.path.join(HERE, "..", "..", "examples", "python", "regex_recognizer.py")
        p = subprocess.run([sys.executable, script], input="".join(json.dumps(m) + "\n" for m in lines),
                           capture_output=True, text=True, env=env, timeout=60)
        return [json.loads(l) for l in p.stdout.splitlines()], p.stderr

    def test_protocol(self):
        init = {"type": "init", "protocol": 1, "instance": "r", "threads": 1, "checking": False,
                "offset_unit": "codepoint",
                "options": {"pattern": "N[^ ]+", "type": "LOC", "group": 0, "ignore_case": False,
                            "confidence": 1.0, "value": "none"}}
        out, err = self.exchange([init, {"type": "doc", "seq": 7, "doc": RECORD}])
        self.assertEqual(out[0]["type"], "announce")
        self.assertEqual(out[0]["protocol"], docpipe_plugin.PROTOCOL)
        self.assertEqual(out[1], {"type": "ready"})
        self.assertEqual(out[2]["seq"], 7)
        self.assertEqual([(e["start"], e["end"]) for e in out[2]["entities"]], [(3, 6), (13, 17)])

    def test_bad_option_value_refuses_init(self):
        init = {"type": "init", "protocol": 1, "options": {"pattern": "(", "ignore_case": False, "group": 0},
                "offset_unit": "codepoint"}
        out, err = self.exchange([init])
        self.assertEqual(out[1]["type"], "error")
        self.assertIn("missing )", out[1]["message"])
        self.assertIn("Traceback", err)


if __name__ == "__main__":
    unittest.main()
