#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, so its encoding.h would include the system ICU headers, which
   clash with the ICU copy Foundation bundles (_FoundationICU: "UErrorCode ... not present"). Nothing
   here uses libxml2's ICU members (encoding handlers are only passed around as pointers), so the
   declarations are left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>
