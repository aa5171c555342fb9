// Diagnostics print in GCC format, sort in a total order, and Result carries
// a value or an error.
#include <gtest/gtest.h>

#include "base/base.h"

namespace newsarc::base {
namespace {

TEST(Diagnostic, PrintsInGccFormat) {
  Diagnostic d{"content/p3.txt", 14, 1, Severity::kWarning, "ingest/no-date", "no date found"};
  EXPECT_EQ(format_diagnostic(d), "content/p3.txt:14:1: warning[ingest/no-date]: no date found");
}

TEST(Diagnostic, OmitsMissingLineAndColumn) {
  Diagnostic d{"site.json", 0, 0, Severity::kError, "config/syntax", "bad"};
  EXPECT_EQ(format_diagnostic(d), "site.json: error[config/syntax]: bad");
}

TEST(Diagnostic, CaretCountsWideCharactersTwice) {
  Diagnostic d{"a.txt", 1, 5, Severity::kNote, "x/y", "here"};
  // Four CJK characters before column 5 take eight terminal columns.
  EXPECT_EQ(format_diagnostic(d, "本报讯 2月"),
            "a.txt:1:5: note[x/y]: here\n    本报讯 2月\n           ^");
}

TEST(Diagnostic, ColourOnlyWhenAsked) {
  Diagnostic d{"a.txt", 1, 1, Severity::kError, "x/y", "m"};
  EXPECT_EQ(format_diagnostic(d).find('\033'), std::string::npos);
  EXPECT_NE(format_diagnostic(d, {}, true).find("\033[1;31m"), std::string::npos);
}

TEST(Diagnostics, CountsSortsAndAppends) {
  Diagnostics a, b;
  a.report(Severity::kWarning, "b.txt", 3, 1, "ingest/no-date", "x");
  a.report(Severity::kError, "a.txt", 9, 1, "text/undecodable", "y");
  b.report(Severity::kWarning, "a.txt", 2, 1, "ingest/no-date", "z");
  a.append(std::move(b));
  EXPECT_EQ(a.items().size(), 3u);
  EXPECT_TRUE(b.items().empty());
  EXPECT_EQ(a.count(Severity::kWarning), 2u);
  EXPECT_TRUE(a.has_errors());
  a.sort();
  EXPECT_EQ(a.items()[0].line, 2);
  EXPECT_EQ(a.items()[1].line, 9);
  EXPECT_EQ(a.items()[2].path, "b.txt");
}

TEST(Result, HoldsAValueOrAnError) {
  Result<int> ok = 7;
  Result<int> bad = Error{"x/y", "broken", 3, 4};
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(*ok, 7);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "x/y");
  EXPECT_EQ(bad.error().line, 3);
}

}  // namespace
}  // namespace newsarc::base
