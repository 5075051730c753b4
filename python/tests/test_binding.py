"""Tests of the `docpipe` Python binding against this build.

Run by tests/api/test_python.sh with PYTHONPATH (python/), DOCPIPE_LIBRARY (the
built libdocpipe.so.2), DOCPIPE_PLUGIN_PATH, TEST_PLUGINS and top_srcdir set.
"""
import json
import os
import subprocess
import sys
import tempfile
import threading
import unittest

import docpipe

SRC = os.environ["top_srcdir"]
CONFIG_DIR = os.path.join(SRC, "config")
SAMPLES = sorted(os.path.join(SRC, "samples", n) for n in os.listdir(os.path.join(SRC, "samples"))
                 if n.endswith(".txt"))
TEXT = "Hà Nội gặp Mỹ\n\nThượng tướng Nguyễn Văn An đã đến Hà Nội ngày 3/12/2026.\n"
CHAIN = """
threads = 2;
data_path = [ "../data" ];
source = { plugin = "news"; };
chain = (
  { plugin = "gazetteer"; lists = [ "vi/countries.tsv", "vi/provinces.tsv", "vi/places.tsv", "vi/orgs.tsv",
                                    "vi/misc.tsv" ]; },
  { plugin = "names"; },
  { plugin = "dates"; },
  { plugin = "glossary"; },
  { plugin = "jsonl"; path = "%s"; }
);
"""


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class BindingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = os.path.join(self.tmp.name, "docs.jsonl")

    def tearDown(self):
        self.tmp.cleanup()

    def pipeline(self, **kw):
        return docpipe.Pipeline(string=CHAIN % self.out, name="api.cfg", base_dir=CONFIG_DIR, **kw)

    def test_entities_are_objects_with_character_offsets(self):
        with self.pipeline() as p:
            doc = p.process(TEXT, id="a1")
        self.assertEqual(doc.id, "a1")
        per = [e for e in doc.entities if e.type == "PER"]
        self.assertEqual([e.text for e in per], ["Nguyễn Văn An"])
        for e in doc.entities:
            self.assertEqual(doc.text[e.start:e.end], e.text)  # code points = str indices
        dates = [e for e in doc.entities if e.type == "DATE"]
        self.assertEqual(dates[0].value, "2026-12-03")
        self.assertTrue(any(e.translations.get("en") for e in doc.entities if e.type == "LOC"))
        self.assertFalse(os.path.exists(self.out), "without writers=True nothing is written")

    def test_a_config_file_opens_like_docpipe_run(self):
        with docpipe.Pipeline(os.path.join(CONFIG_DIR, "default.cfg")) as p:
            self.assertGreater(len(p.process(TEXT).entities), 2)

    def test_config_error_is_an_exception_with_file_and_line(self):
        bad = CHAIN.replace('{ plugin = "names"; }', '{ plugin = "names"; rankz = true; }') % self.out
        with self.assertRaises(docpipe.ConfigError) as cm:
            docpipe.Pipeline(string=bad, name="my.cfg", base_dir=CONFIG_DIR)
        err = cm.exception
        self.assertEqual((err.file, err.line), ("my.cfg", 8))
        self.assertIn("unknown option 'rankz' for plugin 'names'", str(err))
        self.assertEqual(err.code, 78)
        path = os.path.join(self.tmp.name, "broken.cfg")
        with open(path, "w", encoding="utf-8") as f:
            f.write('source = { plugin = "text"; };\nchain = (\n  { plugin = "nosuch"; },\n'
                    '  { plugin = "jsonl"; path = "o.jsonl"; }\n);\n')
        with self.assertRaises(docpipe.ConfigError) as cm:
            docpipe.Pipeline(path)
        self.assertEqual((cm.exception.file, cm.exception.line), (path, 3))

    def test_one_line_pipeline(self):
        os.environ["DOCPIPE_DATA_PATH"] = os.path.join(SRC, "data")
        try:
            with docpipe.Pipeline(description="news ! gazetteer ! names ! dates ! glossary ! jsonl path=-") as p:
                got = p.process(TEXT, id="a1").record
            with self.pipeline() as p:
                self.assertEqual(got, p.process(TEXT, id="a1").record)
            with self.assertRaises(docpipe.ConfigError) as cm:
                docpipe.Pipeline(description="news ! nosuch ! jsonl path=-")
            self.assertEqual((cm.exception.file, cm.exception.line), ("-p", 3))
        finally:
            del os.environ["DOCPIPE_DATA_PATH"]

    def test_process_many_equals_process_in_order(self):
        texts = [read(s) for s in SAMPLES]
        with self.pipeline() as p:
            one = [p.process(t, id="d%d" % i).record for i, t in enumerate(texts)]
            many = [d.record for d in p.process_many(("d%d" % (i % len(texts)), t) for i, t in enumerate(texts * 3))]
        self.assertEqual(many, one * 3)

    def test_python_threads_give_the_sequential_results(self):
        texts = [read(s) for s in SAMPLES]
        with self.pipeline() as p:
            want = [p.process(t).record for t in texts]
            got = [None] * 4

            def work(k):
                got[k] = [p.process(t).record for t in texts]
            threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self.assertEqual(got, [want] * 4)

    def test_failed_document_raises_and_the_pipeline_goes_on(self):
        cfg = ('plugin_path = [ "%s" ];\nsource = { plugin = "text"; };\n'
               'chain = ( { plugin = "failing"; }, { plugin = "jsonl"; path = "o.jsonl"; } );\n'
               % os.environ["TEST_PLUGINS"])
        with docpipe.Pipeline(string=cfg) as p:
            with self.assertRaises(docpipe.DocumentError) as cm:
                p.process("t\n\nFAILME", id="x")
            self.assertEqual(str(cm.exception), "[recognizer:failing] marker 'FAILME' found")
            out = list(p.process_many(["t\n\nok", "t\n\nFAILME", "t\n\nfine"], errors="return"))
            self.assertIsInstance(out[1], docpipe.DocumentError)
            self.assertEqual([d.fields["title"] for d in (out[0], out[2])], ["t", "t"])
            self.assertEqual([d.text for d in (out[0], out[2])], ["t\n\nok", "t\n\nfine"])
            self.assertEqual(p.process("t\n\nstill fine").text, "t\n\nstill fine")

    def test_writers_and_fields(self):
        with self.pipeline(writers=True) as p:
            a = p.process(TEXT, id="a", write=True)
            b = p.process(read(SAMPLES[0]), id="b", write=True, fields={"origin": "api-test"}, lang="vi")
        self.assertEqual(read(self.out).splitlines(), [a.to_json(), b.to_json()])
        self.assertEqual(json.loads(a.to_json()), a.record)
        self.assertEqual(b.fields.get("origin"), "api-test")

    def test_closed_pipeline_refuses(self):
        p = self.pipeline()
        p.close()
        p.close()
        with self.assertRaises(docpipe.DocpipeError):
            p.process(TEXT)

    def test_import_loads_no_library(self):
        env = dict(os.environ, DOCPIPE_LIBRARY="/nonexistent/libdocpipe.so.2")
        code = "import docpipe\ntry:\n    docpipe.Pipeline(string='')\nexcept OSError as e:\n    print('late', e)"
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertTrue(res.stdout.startswith("late libdocpipe not found"), res.stdout)

    def test_example_script_runs(self):
        res = subprocess.run([sys.executable, os.path.join(SRC, "examples", "embed.py"),
                              os.path.join(CONFIG_DIR, "default.cfg")], capture_output=True, text=True,
                             cwd=self.tmp.name)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertIn("PER\t", res.stdout)
        self.assertIn("Nguyễn Văn An", res.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
