/* Pattern families of the glossary's English renderings (issue #17), one test per family: the
 * worked examples of data/vi-en/README.md (number in the comment) and cases of our own, with the
 * negative cases each family must not catch.  Every case runs the plugin through the harness on
 * the project's data. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "check_run.h"

extern const dp_plugin docpipe_plugin;

typedef struct example {
    const char *type;
    const char *surface;
    const char *english;
} example;

static dp_instance *make(void)
{
    char err[1024] = "";
    /* data names (vi/ranks.tsv) resolve in the base folder */
    dp_instance *inst = dp_harness_new(&docpipe_plugin, NULL, 0, TOP_SRCDIR "/data", err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    return inst;
}

/* A document holding `surface` as one entity of `type` (and category, when not NULL), processed. */
static dp_doc *rendered(dp_instance *inst, const char *type, const char *surface, const char *category)
{
    dp_doc *d = dp_doc_new("t", "test");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(dp_doc_set_text(d, surface, strlen(surface)), 0);
    if (category) ck_assert_int_eq(dp_doc_field_set(d, "category", category), 0);
    ck_assert_ptr_nonnull(dp_doc_entity_add(d, 0, strlen(surface), type));
    char err[512] = "";
    ck_assert_msg(dp_harness_process(inst, d, err, sizeof err) == DP_OK, "process: %s", err);
    return d;
}

static void expect_all(const example *ex, size_t n)
{
    dp_instance *inst = make();
    for (size_t i = 0; i < n; i++) {
        dp_doc *d = rendered(inst, ex[i].type, ex[i].surface, NULL);
        const dp_entity *e = dp_doc_entity_at(d, 0);
        const char *en = dp_entity_translation(e, "en");
        const char *rule = dp_entity_attr(e, "english.rule");
        ck_assert_msg(en && strcmp(en, ex[i].english) == 0, "%s %s: got '%s' (%s), want '%s'", ex[i].type,
                      ex[i].surface, en ? en : "(null)", rule ? rule : "", ex[i].english);
        /* a complete rendering is not marked partial */
        ck_assert_msg(!dp_entity_attr(e, "english.partial"), "%s: marked partial (%s)", ex[i].surface,
                      dp_entity_attr(e, "english.untranslated"));
        dp_doc_free(d);
    }
    dp_harness_free(inst);
}

#define EXPECT_ALL(table) expect_all(table, sizeof table / sizeof table[0])

/* R1-R4, R17: heads, modifiers reversed, places in front, a body inside a body. */
START_TEST(heads_and_places)
{
    static const example ex[] = {
        { "ORG", "Sở Y tế", "Department of Health" },                                   /* 1 */
        { "ORG", "Sở Y tế Hà Nội", "Hanoi Department of Health" },                      /* 2 */
        { "ORG", "Sở Tư pháp tỉnh Nghệ An", "Nghe An Provincial Department of Justice" }, /* 3 */
        { "ORG", "Cục Quản lý thị trường tỉnh Lâm Đồng", "Lam Dong Provincial Market Surveillance Department" }, /* 13 */
        { "ORG", "Hiệp hội Vận tải ô tô Việt Nam", "Vietnam Automobile Transport Association" }, /* 14 */
        { "ORG", "Trung tâm Văn hóa và Điện ảnh", "Culture and Cinema Centre" },         /* 15 */
        { "ORG", "Ủy ban Quốc gia về chuyển đổi số", "National Committee on Digital Transformation" }, /* 16 */
        { "ORG", "Bệnh viện Đa khoa tỉnh Phú Thọ", "Phu Tho Provincial General Hospital" }, /* 28 */
        { "ORG", "Hội Nông dân tỉnh Nghệ An", "Nghe An Provincial Farmers' Union" },     /* 60 */
        { "ORG", "Tòa án nhân dân TP Đà Nẵng", "Da Nang City People's Court" },          /* 10 */
        { "ORG", "Công an huyện Ba Vì", "Ba Vi District Police" },                       /* 11 */
        { "ORG", "Phòng Cảnh sát hình sự Công an tỉnh Hà Tĩnh", "Criminal Police Division of Ha Tinh Provincial Police" }, /* 61 */
        { "ORG", "Hiệp hội Vận tải", "Transport Association" },
        { "ORG", "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
          "Hoan Kiem Ward Public Administrative Service Centre" },
        { "ORG", "Trung tâm Triển lãm Hội chợ Xuất nhập khẩu Trung Quốc",
          "China Import and Export Fair Exhibition Centre" }, /* a fair after a place head is no place named Hội */
        /* a level abbreviation inside a listed place is no level: TP HCM is one place, HCM none */
        { "ORG", "Sở Xây dựng TP HCM", "Ho Chi Minh City Department of Construction" },
        { "ORG", "Hiệp hội Bất động sản TP HCM", "Ho Chi Minh City Real Estate Association" },
        { "ORG", "Sở Y tế TP Hà Nội", "Hanoi City Department of Health" }, /* the level, then a place */
        /* negative: a country after a foreign body is no body inside a body */
        { "ORG", "Bộ Quốc phòng Hàn Quốc", "South Korean Ministry of National Defence" },
    };
    EXPECT_ALL(ex);
}
END_TEST

/* R15 and the list: abbreviations expanded before rendering, written in capitals only. */
START_TEST(abbreviations)
{
    static const example ex[] = {
        { "ORG", "Sở Giáo dục và Đào tạo TP.HCM", "Ho Chi Minh City Department of Education and Training" }, /* 4 */
        { "ORG", "Bộ GD-ĐT", "Ministry of Education and Training" },                     /* 6 */
        { "ORG", "UBND tỉnh Quảng Ninh", "Quang Ninh Provincial People's Committee" },    /* 8 */
        { "ORG", "HĐND TP Đà Nẵng", "Da Nang City People's Council" },                  /* 9 */
        { "ORG", "NHNN", "State Bank of Vietnam" },                                      /* 54 */
        { "ORG", "UBND quận 7", "District 7 People's Committee" },
        { "ORG", "UBND huyện Mỹ Đức", "My Duc District People's Committee" },
        { "ORG", "UBND xã Tân Lập", "Tan Lap Commune People's Committee" },
        { "ORG", "Sở GD&ĐT Hà Nội", "Hanoi Department of Education and Training" },
        { "ORG", "Công ty CP Sữa Việt Nam", "Vietnam Dairy Products JSC" },
        /* an abbreviation inside a longer row stays as that row has it */
        { "ORG", "Trường THPT chuyên Lê Hồng Phong", "Le Hong Phong High School for the Gifted" }, /* 25 */
        /* negative: "tư" written in lowercase is no TƯ (Central) */
        { "ORG", "Quỹ Đầu tư", "Investment Fund" },
    };
    EXPECT_ALL(ex);
}
END_TEST

/* Laws (Luật X → Law on X), amended laws, drafts, decrees and resolutions with their numbers. */
START_TEST(laws_and_documents)
{
    static const example ex[] = {
        { "MISC", "Luật Giá", "Law on Prices" },                                         /* 17 */
        { "MISC", "Luật Bảo vệ môi trường năm 2020", "2020 Law on Environmental Protection" }, /* 18 */
        { "MISC", "Luật sửa đổi, bổ sung một số điều của Luật Đất đai",
          "Law Amending and Supplementing a Number of Articles of the Law on Land" },     /* 19 */
        { "MISC", "Dự thảo Luật Đất đai (sửa đổi)", "Draft Law on Land (Amended)" },      /* 20 */
        { "MISC", "Dự thảo Nghị định về đấu thầu", "Draft Decree on Bidding" },           /* 21 */
        { "MISC", "Nghị định số 100/2019/NĐ-CP", "Decree No. 100/2019/ND-CP" },           /* 22 */
        { "MISC", "Nghị quyết 57-NQ/TW", "Resolution No. 57-NQ/TW" },                    /* 23 */
        { "MISC", "Nghị định về quản lý thuế", "Decree on Tax Administration" },          /* 24 */
        { "MISC", "Luật Quản lý thuế sửa đổi", "Law on Tax Administration (Amended)" },
        { "MISC", "Thông tư 12/2024/TT-BGDĐT", "Circular No. 12/2024/TT-BGDDT" },
        { "MISC", "Nghị định 168", "Decree No. 168" },
        /* a bare year after a composed name goes in front, like "năm 2020" */
        { "MISC", "Luật Viễn thông 2023", "2023 Law on Telecommunications" },
        /* negative: an English name keeps its number after it */
        { "MISC", "UNCLOS 1982", "UNCLOS 1982" },
    };
    EXPECT_ALL(ex);
}
END_TEST

/* Schools by level, with the proper name or place in front. */
START_TEST(schools)
{
    static const example ex[] = {
        { "ORG", "Trường THPT chuyên Lê Hồng Phong", "Le Hong Phong High School for the Gifted" }, /* 25 */
        { "ORG", "Trường THCS số 2", "Secondary School No. 2" },                          /* 26 */
        { "ORG", "Trường Đại học Y Dược Cần Thơ", "Can Tho University of Medicine and Pharmacy" }, /* 27 */
        { "ORG", "Trường Tiểu học Nguyễn Du", "Nguyen Du Primary School" },
        /* a lowercase place word inside a name is part of the name: Cầu Giấy, not a paper bridge */
        { "ORG", "Trường THCS Cầu Giấy", "Cau Giay Secondary School" },
        /* a university with an English name of its own */
        { "ORG", "Trường Đại học Thương mại", "Thuongmai University" },
        /* a faculty keeps its subject after it */
        { "ORG", "Khoa Điện tử", "Faculty of Electronics" },
    };
    EXPECT_ALL(ex);
}
END_TEST

/* R5: companies by legal form, the form moved to the end; words of company names. */
START_TEST(companies)
{
    static const example ex[] = {
        { "ORG", "Công ty cổ phần Sữa Việt Nam", "Vietnam Dairy Products JSC" },          /* 29 */
        { "ORG", "Công ty TNHH Thương mại và Dịch vụ Hoàng Long", "Hoang Long Trading and Services Co., Ltd." }, /* 30 */
        { "ORG", "Ngân hàng TMCP Hoàng Long", "Hoang Long Joint Stock Commercial Bank" }, /* 31 */
        { "ORG", "Tổng công ty Điện lực miền Bắc", "Northern Power Corporation" },         /* 32 */
        { "ORG", "Công ty TNHH Starlink Services Việt Nam", "Starlink Services Vietnam Co., Ltd." },
        { "ORG", "Công ty TNHH Phim Ánh Dương", "Anh Duong Film Co., Ltd." },
        { "ORG", "Công ty TNHH Trái cây Mekong Xanh", "Mekong Xanh Fruit Co., Ltd." },
        { "ORG", "Tập đoàn Đèo Cả", "Deo Ca Group" },
    };
    EXPECT_ALL(ex);
}
END_TEST

/* R8, R9, R11, R12: ordinals in front, the term of a body, years, meetings, brackets. */
START_TEST(ordinals_and_events)
{
    static const example ex[] = {
        { "EVENT", "Hội nghị xúc tiến đầu tư tỉnh Thanh Hóa", "Thanh Hoa Investment Promotion Conference" }, /* 33 */
        { "EVENT", "Hội nghị Khoa học Công nghệ Hạt nhân toàn quốc lần thứ 13",
          "13th National Nuclear Science and Technology Conference" },                    /* 34 */
        { "EVENT", "Hội nghị Bộ trưởng Tài chính các nước ASEAN", "ASEAN Finance Ministers' Meeting" }, /* 35 */
        { "EVENT", "Hội nghị Trung ương lần thứ 8", "8th Party Central Committee Plenum" }, /* 36 */
        { "EVENT", "Kỳ họp thứ 9 Quốc hội khóa XV", "9th Session of the 15th National Assembly" }, /* 37 */
        { "EVENT", "Đại hội Đảng bộ tỉnh Nghệ An lần thứ XX", "20th Nghe An Provincial Party Congress" }, /* 38 */
        { "EVENT", "Đại hội Thể thao Đông Nam Á (SEA Games) lần thứ 31", "31st SEA Games" }, /* 39 */
        { "EVENT", "SEA Games 31", "31st SEA Games" },                                   /* 40 */
        { "EVENT", "World Cup 2026", "2026 FIFA World Cup" }, /* the year of an event known whole goes in front */
        { "EVENT", "Tuần lễ Cấp cao APEC 2027", "2027 APEC Economic Leaders' Week" },
        /* negative: a number after a body is no edition */
        { "ORG", "Tổng công ty Xây dựng công trình giao thông 4", "Transport Works Construction Corporation 4" },
        { "EVENT", "Liên hoan phim Việt Nam lần thứ 23", "23rd Vietnam Film Festival" },   /* 41 */
        { "EVENT", "Kỳ thi tốt nghiệp THPT năm 2025", "2025 High School Graduation Exam" }, /* 42 */
        { "EVENT", "Đối thoại Chính sách Quốc phòng cấp Thứ trưởng", "Deputy Minister-level Defence Policy Dialogue" }, /* 43 */
        { "ORG", "ADSOM mở rộng", "ADSOM-Plus" },                                        /* 44 */
        { "EVENT", "Hội nghị Trung ương lần thứ tư", "4th Party Central Committee Plenum" },
        { "EVENT", "Hội nghị lần thứ 30 Các bên tham gia Công ước khung của Liên hợp quốc về biến đổi khí hậu",
          "30th Conference of the Parties to the United Nations Framework Convention on Climate Change" },
        /* a parenthesised acronym is left out, not put in place of the long form */
        { "EVENT", "Hội nghị Bộ trưởng Quốc phòng các nước ASEAN (ADMM) lần thứ 16", "16th ASEAN Defence Ministers' Meeting" },
        { "EVENT", "Giải bóng chuyền nữ quốc tế VTV Cup 2025", "2025 VTV Cup International Women's Volleyball Tournament" },
    };
    EXPECT_ALL(ex);
}
END_TEST

/* R10: a number word is a number only after an ordinal or numbered marker. */
START_TEST(number_words)
{
    static const example ex[] = {
        { "LOC", "quận Hai Bà Trưng", "Hai Ba Trung District" },                          /* 12 */
        { "ORG", "Đầu tư", "Investment" },                                                /* 53 */
        { "LOC", "Quảng trường Ba Đình", "Ba Dinh Square" },                              /* 55 */
        { "LOC", "Cảng hàng không quốc tế Tân Sơn Nhất", "Tan Son Nhat International Airport" }, /* 63 */
        { "LOC", "phường Ba Đình", "Ba Dinh Ward" },
        { "LOC", "rạp Tháng Tám", "Thang Tam Cinema" },
        { "EVENT", "Triển lãm Quốc phòng Quốc tế Việt Nam lần thứ hai", "2nd Vietnam International Defence Expo" },
    };
    EXPECT_ALL(ex);
}
END_TEST

/* Known names whole (competitions, bodies, media, persons), and a generic head before one (R18). */
START_TEST(known_names)
{
    static const example ex[] = {
        { "EVENT", "Giải Ngoại hạng Anh", "Premier League" },                             /* 46 */
        { "EVENT", "Cúp C1 châu Âu", "UEFA Champions League" },                          /* 47 */
        { "PER", "Tập Cận Bình", "Xi Jinping" },                                          /* 49 */
        { "ORG", "U23 Việt Nam", "Vietnam U23" },                                         /* 50 */
        { "ORG", "Đội tuyển bóng đá nữ Việt Nam", "Vietnam Women's National Football Team" }, /* 51 */
        { "ORG", "CLB Hà Nội", "Hanoi FC" },                                             /* 52 */
        { "ORG", "Bộ Quốc phòng Nhật Bản", "Japanese Ministry of Defence" },             /* 56 */
        { "EVENT", "Cuộc gặp Thứ trưởng Bộ Quốc phòng ASEAN – Hàn Quốc", "ASEAN-South Korea Deputy Defence Ministers' Meeting" }, /* 57 */
        { "MISC", "Chương trình mục tiêu quốc gia giảm nghèo bền vững",
          "National Target Programme on Sustainable Poverty Reduction" },                /* 59 */
        { "EVENT", "Giải quần vợt Úc mở rộng", "Australian Open" },                       /* 62 */
        /* award categories and prizes are named whole, as English media name them */
        { "MISC", "Nam diễn viên chính xuất sắc", "Best Actor" },
        { "MISC", "Kịch bản gốc xuất sắc", "Best Original Screenplay" },
        { "MISC", "Bông sen vàng", "Golden Lotus" },
        /* parties and courts of other states: the head and its domain */
        { "ORG", "Đảng Dân chủ", "Democratic Party" },
        { "ORG", "Tòa án Hiến pháp", "Constitutional Court" },
        { "ORG", "tuyển nữ Việt Nam", "Vietnam Women's National Team" },
        /* negative: the Party's own bodies keep their rows, not the party head */
        { "ORG", "Đảng ủy Quân sự Trung ương", "Central Military Party Committee" },
        /* negative: a person no list knows keeps the Vietnamese reading, folded */
        { "PER", "Nguyễn Văn An", "Nguyen Van An" },
        /* negative: a secretariat is no generic head before the convention it serves */
        { "ORG", "Ban Thư ký Công ước khung của Liên hợp quốc về biến đổi khí hậu",
          "United Nations Framework Convention on Climate Change Secretariat" },
    };
    EXPECT_ALL(ex);
}
END_TEST

/* R16: a name used only in sport, chosen by the document's category. */
START_TEST(context_sport)
{
    dp_instance *inst = make();
    dp_doc *d = rendered(inst, "LOC", "Đài Loan (Trung Quốc)", "Thể thao");
    ck_assert_str_eq(dp_entity_translation(dp_doc_entity_at(d, 0), "en"), "Chinese Taipei"); /* 48 */
    dp_doc_free(d);
    d = rendered(inst, "LOC", "Đài Loan (Trung Quốc)", "Thế giới");
    ck_assert_str_ne(dp_entity_translation(dp_doc_entity_at(d, 0), "en"), "Chinese Taipei");
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

/* R4: places by themselves and proper names, Vietnamese and foreign. */
START_TEST(places_and_proper_names)
{
    static const example ex[] = {
        { "LOC", "xã Tân Lập", "Tan Lap Commune" },                                      /* 58 */
        { "LOC", "Quốc lộ 1A", "National Highway 1A" },                                   /* 45 */
        { "LOC", "tỉnh Nghệ An", "Nghe An Province" },
        { "LOC", "phường Mỹ Đình 1", "My Dinh 1 Ward" },
        { "LOC", "thành phố Houston", "Houston" },
        { "LOC", "thành phố Thủ Đức", "Thu Duc City" },
        { "LOC", "đường Lê Đức Thọ", "Le Duc Tho Street" },
        { "LOC", "sông Hàn", "Han River" },
        { "LOC", "cầu Rạch Miễu 2", "Rach Mieu 2 Bridge" },
        { "LOC", "Mỹ Đình", "My Dinh" },
        { "LOC", "Bãi Trường", "Bai Truong" },
        { "ORG", "Savills Việt Nam", "Savills Vietnam" },
        { "ORG", "Sotheby's Hong Kong", "Sotheby's Hong Kong" },
        { "ORG", "Ngọn Lửa Xanh", "Ngon Lua Xanh" },
        { "ORG", "Ban Quản lý dự án Mỹ Thuận", "My Thuan Project Management Unit" },
    };
    EXPECT_ALL(ex);
}
END_TEST

/* R19: a rendering that keeps Vietnamese words says so, and its confidence drops. */
/* Chinese and Korean persons: the listed English when the list knows the person; a listed name that
 * a Vietnamese may also bear stays folded and english.known_as says the foreign person's name. */
START_TEST(chinese_and_korean_persons)
{
    static const example ex[] = {
        { "PER", "Huỳnh Hiểu Minh", "Huang Xiaoming" },
        { "PER", "Chu Mi-ae", "Choo Mi-ae" },
        { "PER", "Lý Cường", "Ly Cuong" },
        { "PER", "Lưu Văn Minh", "Luu Van Minh" }, /* negative: no list knows him: folded */
    };
    EXPECT_ALL(ex);
    dp_instance *inst = make();
    dp_doc *d = rendered(inst, "PER", "Lý Cường", NULL);
    const dp_entity *e = dp_doc_entity_at(d, 0);
    ck_assert_str_eq(dp_entity_attr(e, "english.known_as"), "Li Qiang");
    ck_assert_str_eq(dp_entity_attr(e, "english.rule"), "per.fold");
    dp_doc_free(d);
    d = rendered(inst, "PER", "Huỳnh Hiểu Minh", NULL);
    ck_assert_ptr_null(dp_entity_attr(dp_doc_entity_at(d, 0), "english.known_as"));
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(partial_renderings)
{
    dp_instance *inst = make();
    dp_doc *d = rendered(inst, "ORG", "Hiệp hội xyzâbc qưerty", NULL);
    const dp_entity *e = dp_doc_entity_at(d, 0);
    ck_assert_str_eq(dp_entity_attr(e, "english.partial"), "true");
    ck_assert_str_eq(dp_entity_attr(e, "english.untranslated"), "xyzâbc qưerty");
    ck_assert_ptr_nonnull(strstr(dp_entity_translation(e, "en"), "Association"));
    ck_assert_double_lt(e->confidence, 1.0);
    dp_doc_free(d);
    /* a proper name kept folded is no untranslated word */
    d = rendered(inst, "ORG", "Trường THCS Nguyễn Trãi", NULL);
    e = dp_doc_entity_at(d, 0);
    ck_assert_ptr_null(dp_entity_attr(e, "english.partial"));
    ck_assert_double_eq(e->confidence, 1.0);
    dp_doc_free(d);
    /* a capital that opens a lowercase phrase is part of it: "Xyzâ bcd" is left, not a name */
    d = rendered(inst, "ORG", "Hội đồng Xyzâ bcđ Quốc gia", NULL);
    e = dp_doc_entity_at(d, 0);
    ck_assert_str_eq(dp_entity_attr(e, "english.untranslated"), "Xyzâ bcđ");
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

/* Options: partial_confidence; the abbreviations and known-name files are options of their own. */
START_TEST(options_of_the_files)
{
    const char *opts[2] = { "partial_confidence=0.2", "known_names=vi-en/terms.tsv" };
    char err[1024] = "";
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, 2, TOP_SRCDIR "/data", err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    dp_doc *d = rendered(inst, "ORG", "Hiệp hội xyzâbc", NULL);
    ck_assert_double_eq_tol(dp_doc_entity_at(d, 0)->confidence, 0.2, 1e-9);
    dp_doc_free(d);
    /* without the known names, Tập Cận Bình is folded */
    d = rendered(inst, "PER", "Tập Cận Bình", NULL);
    ck_assert_str_eq(dp_entity_translation(dp_doc_entity_at(d, 0), "en"), "Tap Can Binh");
    dp_doc_free(d);
    dp_harness_free(inst);

    const char *bad[1] = { "partial_confidence=1.5" };
    inst = dp_harness_new(&docpipe_plugin, bad, 1, TOP_SRCDIR "/data", err, sizeof err);
    ck_assert_ptr_null(inst);
    ck_assert_msg(strstr(err, "partial_confidence"), "message: %s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("glossary_patterns");
    TCase *tc = tcase_create("patterns");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, heads_and_places);
    tcase_add_test(tc, abbreviations);
    tcase_add_test(tc, laws_and_documents);
    tcase_add_test(tc, schools);
    tcase_add_test(tc, companies);
    tcase_add_test(tc, ordinals_and_events);
    tcase_add_test(tc, number_words);
    tcase_add_test(tc, known_names);
    tcase_add_test(tc, context_sport);
    tcase_add_test(tc, places_and_proper_names);
    tcase_add_test(tc, chinese_and_korean_persons);
    tcase_add_test(tc, partial_renderings);
    tcase_add_test(tc, options_of_the_files);
    suite_add_tcase(s, tc);
    return check_run(s);
}
