// libxml2 for the HTML reader of `parse`.
//
// Debian builds libxml2 with ICU, so encoding.h would pull in the system's ICU headers, whose UErrorCode
// clashes with the newer ICU that Foundation bundles (_FoundationICU) in any Swift file importing both.
// We never touch the ICU-dependent fields of xmlCharEncodingHandler (only pointers to handlers pass
// through Swift), so the ICU part of the headers is switched off here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>
