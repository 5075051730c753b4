/*
 * Unit tests of the names recognizer's rule families for everyday news, one
 * file each (tests/rules_*.c), with sentences written for the tests.
 */
#include "check_run.h"
#include "rules.h"

int main(void)
{
    Suite *s = suite_create("names_rules");
    suite_add_tcase(s, rules_org_tcase());
    suite_add_tcase(s, rules_place_tcase());
    suite_add_tcase(s, rules_per_tcase());
    suite_add_tcase(s, rules_match_tcase());
    suite_add_tcase(s, rules_shape_tcase());
    return check_run(s);
}
