#include "text/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsarc::text {
namespace {

struct FoldCase {
  const char* input;
  const char* expected;
};

TEST(Nfkc, MakesFullWidthHalfWidth) {
  const FoldCase cases[] = {
      {"２月５日", "2月5日"},
      {"ＡＢＣ", "ABC"},
      {"plain ascii", "plain ascii"},
      {"ｶﾀｶﾅ", "カタカナ"},
      {"①②", "12"},
      {"㎏", "kg"},
      {"張紅軍", "張紅軍"},  // NFKC keeps traditional characters
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(nfkc(c.input), c.expected) << c.input;
}

TEST(FoldForSearch, FoldsWidthScriptAndCase) {
  const FoldCase cases[] = {
      {"張紅軍", "张红军"},
      {"ＡＢＣ１２", "abc12"},
      {"發展銀行 Ｈｅｌｌｏ", "发展银行 hello"},
      {"后來的髮型", "后来的发型"},
      {"张红军", "张红军"},
      {"MiXeD Case", "mixed case"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(fold_for_search(c.input), c.expected) << c.input;
}

TEST(FoldForSearch, IsIdempotent) {
  for (const char* s : {"張紅軍 ＡＢＣ", "發展銀行", "Ｈｅｌｌｏ 世界"}) {
    const std::string once = fold_for_search(s);
    EXPECT_EQ(fold_for_search(once), once) << s;
  }
}

using Words = std::vector<std::string>;

TEST(SegmentWords, SplitsAChineseSentence) {
  EXPECT_EQ(segment_words("记者在郑州采访了工人。"),
            (Words{"记者", "在", "郑州", "采访", "了", "工人"}));
}

TEST(SegmentWords, DropsSpacesAndPunctuation) {
  EXPECT_EQ(segment_words("Hello, world! 2024年"), (Words{"Hello", "world", "2024", "年"}));
  EXPECT_EQ(segment_words("，。 ！"), Words{});
  EXPECT_EQ(segment_words(""), Words{});
}

}  // namespace
}  // namespace newsarc::text
