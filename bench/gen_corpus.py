#!/usr/bin/env python3
"""Generate a benchmark corpus of Vietnamese news text from the project's samples.

usage: gen_corpus.py [--mb N] [--seed S] [--jsonl] [--jobs J] OUT

OUT is a directory that receives one plain-text article per file (4-8 KB each,
all in OUT itself, as config/default.cfg does not descend), or with --jsonl one JSON Lines file
({"id", "title", "text"} per line) for the streaming mode.

How the text is made: the articles in samples/ (*.txt and jsonl/articles.jsonl)
are cut into their parts (category lines, titles, bylines, paragraphs split into
sentences, captions, image names, keyword/source lines).  Every sentence becomes a
template: person names (a surname from data/names followed by middle/given
syllables, after a rank or honorific), country and province names (data/vi),
dates in the forms the samples use (12/3, 14-10, 14/03/2024, tháng 11/2023,
ngày 5 tháng 6 năm 2024, năm 2024) and other numbers are replaced by slots.
An article recombines sentences from all samples (plus a few extra sentence
templates in the same style) into one of the six layouts of the samples, and
fills the slots from a per-article cast (a few people, countries and provinces
that recur within the article, as in real news) drawn from data/names and
data/vi, with random dates and numbers.  Vietnamese stays Vietnamese; "Việt
Nam" and organisation names are kept as written.

Deterministic: article i depends only on (--seed, i), so --jobs does not change
the output.
"""
import argparse
import json
import multiprocessing
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, ".."))
SAMPLES = os.path.join(TOP, "samples")
DATA = os.path.join(TOP, "data")

# Extra sentence templates in the style of the samples (slots as in the parsed ones).
EXTRA = [
    "{DOW} {DM}, tại {PROV}, {RANK} {PER}, {TITLE} đã tiếp xã giao {HON} {FPER}, Đại sứ {CTRY} tại Việt Nam.",
    "Hai bên nhất trí tiếp tục thúc đẩy hợp tác trong các lĩnh vực đào tạo, quân y, công nghiệp quốc phòng, khắc phục hậu quả chiến tranh và gìn giữ hòa bình Liên hợp quốc.",
    "Theo {RANK} {PER}, năm {Y} lực lượng chức năng đã tổ chức {NUM} đợt tuần tra chung, bảo đảm an ninh, trật tự trên tuyến biên giới với {CTRY}.",
    "{RANK} {PER} đề nghị phía {CTRY} tiếp tục hỗ trợ Việt Nam nâng cao năng lực tìm kiếm cứu nạn, ứng phó thiên tai và an ninh mạng.",
    "Đoàn công tác của Bộ Quốc phòng {CTRY} do {HON} {FPER} dẫn đầu thăm chính thức Việt Nam từ ngày {D} đến {DM}.",
    "Cũng trong chuyến thăm, đoàn đã đến thăm Học viện Quốc phòng, Bộ Tư lệnh Hải quân và một số đơn vị đóng quân trên địa bàn tỉnh {PROV}.",
    "Trong {MN} tháng đầu năm {Y}, tỉnh {PROV} đã giải ngân {DEC} tỷ đồng cho các dự án hạ tầng vùng biên giới, đạt {PCT} kế hoạch.",
    "Phát biểu tại buổi làm việc, {TITLE} {PER} khẳng định Việt Nam coi trọng quan hệ hữu nghị truyền thống và hợp tác nhiều mặt với {CTRY}.",
    "{HON_CAP} {FPER} bày tỏ ấn tượng trước những thành tựu phát triển kinh tế - xã hội của Việt Nam và mong muốn mở rộng hợp tác quốc phòng song phương.",
    "Dịp này, hai bên đã ký Bản ghi nhớ về hợp tác quốc phòng giai đoạn {Y}-{Y2} và trao đổi về tình hình quốc tế, khu vực cùng quan tâm.",
    "Trước đó, ngày {DM}, {RANK} {PER} đã làm việc với lãnh đạo tỉnh {PROV} về công tác diễn tập khu vực phòng thủ năm {Y}.",
    "Cuộc diễn tập có sự tham gia của {NUM} cán bộ, chiến sĩ, {NUM2} tàu và {NUM3} máy bay của Quân chủng Hải quân, Quân chủng Phòng không - Không quân và Cảnh sát biển Việt Nam.",
    "Kim ngạch thương mại song phương giữa Việt Nam và {CTRY} năm {Y} đạt {DEC} tỷ USD, tăng {PCT} so với năm trước.",
    "Theo kế hoạch, Đối thoại Chính sách quốc phòng Việt Nam - {CTRY} lần thứ {ORD} sẽ được tổ chức tại {PROV} vào tháng {M}/{Y}.",
    "Bà {PER}, Phó Chủ tịch UBND tỉnh {PROV} cho biết địa phương đã chuẩn bị chu đáo cơ sở vật chất, bảo đảm an toàn cho các hoạt động của hội nghị.",
    "Ngày {D} tháng {M} năm {Y}, Đại hội Thi đua Quyết thắng toàn quân lần thứ {ORD} đã khai mạc tại Hà Nội.",
    "Các đại biểu đánh giá cao vai trò của Việt Nam trong ADMM, ADMM+ và các diễn đàn hợp tác quốc phòng do ASEAN chủ trì.",
    "{RANK} {PER}, {TITLE} chủ trì buổi làm việc; cùng dự có đại diện lãnh đạo Cục Đối ngoại, Tổng cục Chính trị và Bộ Tổng Tham mưu.",
]

TITLE_WORDS = [
    "Thứ trưởng Bộ Quốc phòng", "Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam",
    "Chủ nhiệm Tổng cục Chính trị", "Cục trưởng Cục Đối ngoại", "Tư lệnh Quân chủng Hải quân",
    "Giám đốc Học viện Quốc phòng", "Phó Tư lệnh Bộ đội Biên phòng", "Chính ủy Quân khu 4",
    "Tư lệnh Vùng 3 Hải quân", "Phó Tổng Tham mưu trưởng", "Ủy viên Trung ương Đảng, Thứ trưởng Bộ Quốc phòng",
]
DOW = ["Sáng", "Chiều", "Trưa", "Tối", "Ngày"]
CATEGORIES = ["Quân sự", "Thời sự", "Quốc phòng", "Đối ngoại", "Chính trị", "Xã hội", "Thế giới"]
SOURCES = ["Theo qdnd.vn", "Theo Báo Quân đội nhân dân", "Theo VOV", "Theo TTXVN",
           "Theo Báo Nhân Dân", "Theo Cổng Thông tin điện tử Bộ Quốc phòng"]
NEWS_SOURCES = ["VOVVN", "TTXVN", "QĐND", "Báo Biên phòng", "Nhân Dân"]
FOREIGN = {  # a few foreign name shapes, as in the samples
    "given": ["Kim Seong-ho", "Sato Kenji", "Nakamura Takeshi", "Tan Hui Min", "Somchai Wongsuwan",
              "Michael Turner", "Park Ji-hoon", "Lee Min-jae", "Suzuki Haruto", "Ong Wei Ming",
              "Prabowo Hadi", "Chanthavong Sisouk", "Sok Chenda", "Rajesh Kumar", "James Wilson",
              "Dato' Mohd Faizal bin Abdul Rahman", "Anna Petrova", "Ivan Sokolov", "Hun Manet"],
}

# ---------------------------------------------------------------- data lists


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def weighted(path):
    items, weights = [], []
    for r in rows(path):
        items.append(r[0])
        weights.append(int(r[1]) if len(r) > 1 and r[1].isdigit() else 1)
    return items, weights


class Lists:
    def __init__(self):
        n = os.path.join(DATA, "names")
        self.sur, self.sur_w = weighted(os.path.join(n, "surnames.tsv"))
        self.mid, self.mid_w = weighted(os.path.join(n, "middle.tsv"))
        self.giv = [r[0] for r in rows(os.path.join(n, "given.txt"))]
        vi = os.path.join(DATA, "vi")
        self.countries = []
        for r in rows(os.path.join(vi, "countries.tsv")):
            attrs = r[4] if len(r) > 4 else ""
            if "ambiguous" in attrs or r[0] == "Việt Nam" or not r[0][:1].isupper():
                continue
            self.countries.append(r[0])
        self.provinces = []
        for r in rows(os.path.join(vi, "provinces.tsv")):
            attrs = r[4] if len(r) > 4 else ""
            if "form=" in attrs or "ambiguous" in attrs or "note=" in attrs:
                continue
            self.provinces.append(r[0])
        self.ranks = [r[0] for r in rows(os.path.join(vi, "ranks.tsv"))]
        # the countries and provinces of the samples are the frequent ones in such news
        self.common_countries = [c for c in ["Hàn Quốc", "Lào", "Campuchia", "Thái Lan", "Nhật Bản",
                                             "Trung Quốc", "Hoa Kỳ", "Ấn Độ", "Úc", "Singapore",
                                             "Malaysia", "Philippines", "Indonesia", "Nga",
                                             "Triều Tiên", "Pháp", "Myanmar", "Brunei"]
                                 if c in self.countries or c in ("Nga", "Pháp")]
        self.syllables = set(self.mid) | set(self.giv)


# ---------------------------------------------------------------- templates

SLOT = re.compile(r"\{([A-Z_0-9]+)\}")


def build_detector(L):
    def alt(words):
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    trig = alt(L.ranks + ["ông", "bà", "Ông", "Bà", "Ngài", "ngài", "đồng chí", "Đồng chí"])
    parts = [
        r"(?P<URL>\S+@\S+|https?://\S+|\S+\.(?:jpg|png|vn|html)\b)",
        r"(?P<DMY>\b\d{1,2}/\d{1,2}/\d{4}\b)",
        r"(?P<LDATE>\bngày \d{1,2} tháng \d{1,2} năm \d{4}\b)",
        r"(?P<MY>\btháng \d{1,2}/\d{4}\b)",
        r"(?P<YM>\b\d{4}-\d{2}\b)",
        r"(?P<DM>(?<=ngày )\d{1,2}[-/.]\d{1,2}\b|(?<=[(\s])\d{1,2}[-/]\d{1,2}\b(?![,.]\d))",
        r"(?P<TRIG>(?:%s) )(?P<NAME>(?:%s)(?: [A-ZÀ-ỸĐ][^\s,.;:()]*){1,3})" % (trig, alt(L.sur)),
        r"(?P<MON>(?<=tháng )\d{1,2}\b(?!/))",
        r"(?P<CTRY>(?<!vịnh )(?<!đảo )\b(?:%s)\b)" % alt(L.countries),
        r"(?P<PROV>\b(?:%s)\b)" % alt(L.provinces),
        r"(?P<YEAR>\b20[0-3]\d\b)",
        r"(?P<NUM>\b\d+(?:,\d+)?\b)",
    ]
    return re.compile("|".join(parts))


def templatize(sentence, det, L):
    """Sentence -> list of literal strings and ('KIND', arg) slots."""
    out, pos = [], 0
    for m in det.finditer(sentence):
        kind = m.lastgroup
        if kind == "URL":
            continue
        if kind == "NAME":  # TRIG matched the trigger, NAME the name; keep the trigger literal
            words = m.group("NAME").split(" ")
            if not all(w in L.syllables for w in words[1:]):
                continue
            s, e = m.start("NAME"), m.end("NAME")
            out.append(sentence[pos:s])
            out.append(("PER", None))
            pos = e
            continue
        out.append(sentence[pos:m.start()])
        text = m.group()
        if kind == "DM":
            sep = re.search(r"[-/.]", text).group()
            out.append(("DM", sep))
        elif kind == "DMY":
            out.append(("DMY", "0" if text.split("/")[1].startswith("0") else ""))
        elif kind == "LDATE":
            out.append(("LDATE", None))
        elif kind == "MY":
            out.append(("MY", None))
        elif kind == "YM":
            out.append(("YM", None))
        elif kind == "MON":
            out.append(("M", None))
        elif kind == "YEAR":
            out.append(("Y", None))
        elif kind == "NUM":
            out.append(("NUM", text))
        else:
            out.append((kind, None))
        pos = m.end()
    out.append(sentence[pos:])
    return [p for p in out if p != ""]


def parse_extra(t):
    out, pos = [], 0
    for m in SLOT.finditer(t):
        out.append(t[pos:m.start()])
        out.append((m.group(1), None))
        pos = m.end()
    out.append(t[pos:])
    return [p for p in out if p != ""]


SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ỸĐ\"“])")
META = re.compile(r"^(Cập nhật|Từ khóa|Thể loại|Tác giả|Nguồn tin|Nguồn|Theo)\b")
IMAGE = re.compile(r"^[\w-]+\.(?:jpg|png)$")


def sample_articles():
    arts = []
    for name in sorted(os.listdir(SAMPLES)):
        if name.endswith(".txt"):
            with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
                arts.append([l.strip() for l in f.read().split("\n")])
    jl = os.path.join(SAMPLES, "jsonl", "articles.jsonl")
    if os.path.exists(jl):
        with open(jl, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rec = json.loads(line)
                    arts.append([l.strip() for l in rec.get("text", "").split("\n")])
    return arts


class Pools:
    def __init__(self, L):
        det = build_detector(L)
        self.titles, self.sentences, self.captions, self.keywords = [], [], [], []
        for lines in sample_articles():
            content = [l for l in lines if l]
            first = True
            prev_image = False
            for l in content:
                if l.startswith("date "):
                    l = l.split(" ", 2)[2] if l.count(" ") >= 2 else ""
                    if l:
                        self.captions.append(templatize(l, det, L))
                    continue
                if META.match(l):
                    if l.startswith("Từ khóa"):
                        self.keywords.append(templatize(l, det, L))
                    continue
                if IMAGE.match(l):
                    prev_image = True
                    continue
                if prev_image or l.endswith(" |") or "(Ảnh:" in l:
                    self.captions.append(templatize(l.rstrip(" |"), det, L))
                    prev_image = False
                    continue
                words = l.split()
                if len(words) <= 3 and not l.endswith("."):
                    continue  # category or byline: generated
                if not re.search(r"[.!?:;)]$", l):
                    self.titles.append(templatize(l, det, L))  # titles, related headlines
                    first = False
                    continue
                if first and len(l) < 200 and l.count(". ") == 0:
                    self.titles.append(templatize(l.rstrip("."), det, L))
                    first = False
                    continue
                first = False
                for s in SENT_SPLIT.split(l):
                    if len(s) > 20:
                        self.sentences.append(templatize(s, det, L))
        self.sentences += [parse_extra(t) for t in EXTRA]


# ---------------------------------------------------------------- generation


class Article:
    def __init__(self, rnd, L):
        self.r, self.L = rnd, L
        self.people = [self.person() for _ in range(rnd.randint(2, 5))]
        self.foreign = rnd.sample(FOREIGN["given"], 3)
        self.ctrys = [self.country() for _ in range(rnd.randint(2, 4))]
        self.provs = [rnd.choice(L.provinces) for _ in range(rnd.randint(1, 3))]
        self.year = rnd.randint(2015, 2025)
        self.month = rnd.randint(1, 12)

    def person(self):
        r, L = self.r, self.L
        sur = r.choices(L.sur, L.sur_w)[0]
        n_mid = r.choices([0, 1, 2], [15, 75, 10])[0]
        mids = r.choices(L.mid, L.mid_w, k=n_mid) if n_mid else []
        return " ".join([sur] + mids + [r.choice(L.giv)])

    def country(self):
        r = self.r
        return r.choice(self.L.common_countries) if r.random() < 0.6 else r.choice(self.L.countries)

    def pick(self, cast, fresh, p=0.8):
        return self.r.choice(cast) if self.r.random() < p else fresh()

    def fill(self, slot):
        r = self.r
        kind, arg = slot
        if kind == "PER":
            return self.pick(self.people, self.person)
        if kind == "FPER":
            return r.choice(self.foreign)
        if kind == "CTRY":
            return self.pick(self.ctrys, self.country)
        if kind == "PROV":
            return self.pick(self.provs, lambda: r.choice(self.L.provinces))
        if kind == "DM":
            return "%d%s%d" % (r.randint(1, 28), arg or "/", self.month if r.random() < 0.7 else r.randint(1, 12))
        if kind == "D":
            return str(r.randint(1, 28))
        if kind == "M":
            return str(self.month)
        if kind == "DMY":
            if arg:
                return "%02d/%02d/%d" % (r.randint(1, 28), self.month, self.year)
            return "%d/%d/%d" % (r.randint(1, 28), self.month, self.year)
        if kind == "LDATE":
            return "ngày %d tháng %d năm %d" % (r.randint(1, 28), self.month, self.year)
        if kind == "MY":
            return "tháng %d/%d" % (r.randint(1, 12), self.year - r.randint(0, 1))
        if kind == "YM":
            return "%d-%02d" % (self.year, self.month)
        if kind == "Y":
            return str(self.year - r.randint(0, 3) if r.random() < 0.5 else self.year)
        if kind == "Y2":
            return str(self.year + 5)
        if kind == "NUM":
            if arg and "," in arg:
                return "%d,%d" % (r.randint(1, 99), r.randint(1, 9))
            digits = len(arg) if arg else r.randint(1, 3)
            lo = 10 ** (digits - 1) if digits > 1 else 1
            return str(r.randint(lo, 10 ** digits - 1))
        if kind == "MN":
            return str(r.randint(2, 11))
        if kind in ("NUM2", "NUM3", "ORD"):
            return str(r.randint(2, 40))
        if kind == "DEC":
            return "%d,%d" % (r.randint(1, 150), r.randint(1, 9))
        if kind == "PCT":
            return "%d%%" % r.randint(3, 100)
        if kind == "RANK":
            return r.choice(self.L.ranks[:8])
        if kind == "TITLE":
            return r.choice(TITLE_WORDS)
        if kind == "HON":
            return r.choice(["ông", "bà", "Ngài"])
        if kind == "HON_CAP":
            return r.choice(["Ông", "Bà", "Ngài"])
        if kind == "DOW":
            return r.choice(DOW)
        raise ValueError(kind)

    def render(self, tpl):
        return "".join(p if isinstance(p, str) else self.fill(p) for p in tpl)


def make_article(i, seed, P, L):
    r = random.Random("%s:%d" % (seed, i))
    a = Article(r, L)
    target = r.randint(4000, 8000)
    layout = r.randrange(6)
    title = a.render(r.choice(P.titles))
    byline = " ".join(a.person().split(" ")[-2:])
    head, tail = [], []
    sep = "\n" if layout == 1 else "\n\n"

    if layout in (0, 3):
        head.append(r.choice(CATEGORIES))
    if layout == 2:
        head.append(" date %d-%02d %s" % (a.year, a.month, a.render(r.choice(P.captions))))
    else:
        head.append(title)
    if layout == 1:
        head.append("Cập nhật: %02d/%02d/%d" % (r.randint(1, 28), a.month, a.year))
    if layout in (0, 1, 3):
        head.append(a.render(r.choice(P.sentences)))  # lede
    if layout in (0, 3, 5):
        head.append(byline)

    if layout == 0:
        tail.append(r.choice(SOURCES[:1] + SOURCES))
    elif layout == 1:
        tail += [a.render(r.choice(P.titles)) for _ in range(r.randint(1, 3))]
        tail.append(a.render(r.choice(P.keywords)) if P.keywords and r.random() < 0.5 else
                    "Từ khóa: %s, %s, Bộ Quốc phòng" % (a.ctrys[0], a.provs[0]))
        tail.append("Thể loại: " + r.choice(CATEGORIES))
        tail.append("Tác giả: " + byline)
        tail.append("Nguồn tin: " + r.choice(NEWS_SOURCES))
    elif layout == 3:
        tail.append("Mọi thông tin xin liên hệ: toasoan@baomau.example.vn hoặc https://baomau.example.vn/lien-he")
    elif layout == 4:
        tail.append("Nguồn: https://tintuc.example.vn/the-gioi/bai-%d.html" % i)
    elif layout == 5:
        tail.append("Tác giả: " + byline)
        tail.append(r.choice(SOURCES))

    body, size = [], sum(len(x.encode()) for x in head + tail) + 50
    while size < target:
        if r.random() < 0.12:
            cap = a.render(r.choice(P.captions))
            if layout in (0, 3):
                block = "%s.jpg\n%s" % ("-".join(title.lower().split()[:3]), cap)
            elif layout == 1:
                block = cap + " |"
            else:
                block = cap
        else:
            block = " ".join(a.render(r.choice(P.sentences)) for _ in range(r.randint(2, 5)))
        body.append(block)
        size += len(block.encode()) + len(sep)
    return title, sep.join(head + body + tail) + "\n"


_G = {}


def _init(seed):
    L = Lists()
    _G["L"], _G["P"], _G["seed"] = L, Pools(L), seed


def _chunk(args):
    lo, hi, out, jsonl = args
    L, P, seed = _G["L"], _G["P"], _G["seed"]
    parts, total = [], 0
    for i in range(lo, hi):
        title, text = make_article(i, seed, P, L)
        if jsonl:
            parts.append(json.dumps({"id": "bench-%07d" % i, "title": title, "text": text},
                                    ensure_ascii=False) + "\n")
        else:
            data = text.encode("utf-8")
            with open(os.path.join(out, "a%07d.txt" % i), "wb") as f:
                f.write(data)
            total += len(data)
    if jsonl:
        blob = "".join(parts).encode("utf-8")
        return blob, len(blob)
    return None, total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=200)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--jsonl", action="store_true", help="write one JSON Lines file OUT")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()

    target = int(a.mb * 1024 * 1024)
    if not a.jsonl:
        os.makedirs(a.out, exist_ok=True)
    # average article is ~6 KB; generate in chunks until the target is reached
    chunk = 200
    written, nxt, n_docs = 0, 0, 0
    sink = open(a.out, "wb") if a.jsonl else None
    with multiprocessing.Pool(a.jobs, initializer=_init, initargs=(a.seed,)) as pool:
        while written < target:
            est = max(1, int((target - written) / 6200 / chunk) + 1)
            batch = [(nxt + k * chunk, nxt + (k + 1) * chunk, a.out, a.jsonl) for k in range(est)]
            nxt += est * chunk
            for (lo, hi, _, _), (blob, n) in zip(batch, pool.map(_chunk, batch)):
                if written >= target:
                    # deterministic trim: drop whole chunks past the target
                    if not a.jsonl:
                        for i in range(lo, hi):
                            os.unlink(os.path.join(a.out, "a%07d.txt" % i))
                    continue
                if sink:
                    sink.write(blob)
                written += n
                n_docs += hi - lo
    if sink:
        sink.close()
    print("%d documents, %.1f MB in %s" % (n_docs, written / 1048576, a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
