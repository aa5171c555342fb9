#pragma once
// Internal to ingest: the pieces of find_people. extract_people_names.cc reads
// personal names; extract_people_titles.cc reads the posts printed before them;
// extract_people.cc puts the mentions together.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsarc::ingest::people {

/// Length in code points of the surname that opens `s` ("欧阳" 2, "张" 1), or 0.
std::size_t surname_length(std::u32string_view s);

/// The possible readings of a name starting at `pos`: surname plus one or two
/// given characters ("张红" and "张红军" for "张红军会见"). Empty when `pos` does
/// not start a plausible name.
std::vector<std::size_t> name_lengths_at(std::u32string_view s, std::size_t pos);

/// Where each pair of characters that opens with a surname occurs in an
/// article, so that the mentions of a name are found without rescanning the
/// article for every name (an article may name thousands of people). Built on
/// the ninth find(): most articles have no name with two readings and never
/// ask, and the first few names are found by scanning. Not thread-safe.
class NameIndex {
 public:
  explicit NameIndex(std::u32string_view article) : text_(article) {}
  /// The article text (the index holds a view: keep the text alive).
  std::u32string_view text() const { return text_; }
  /// Offsets where `name` (two code points or more) occurs.
  std::vector<std::size_t> find(std::u32string_view name) const;

 private:
  static constexpr int kScans = 8;
  std::u32string_view text_;
  mutable int scans_ = 0;  ///< finds answered by scanning the text
  mutable std::optional<std::unordered_map<std::uint64_t, std::vector<std::size_t>>> by_pair_;
};

/// Chooses between the readings of the name at `pos` in `s`, using every
/// mention in the article: "张红军会见" and "张红军表示" give 张红军; "王伟主持"
/// with "王伟表示" gives 王伟. Returns 0 when `pos` starts no name.
std::size_t choose_name_length(std::u32string_view s, std::size_t pos, const NameIndex& article);

/// True when `s` at `pos` starts a word that often follows a name: a verb such
/// as "表示", "主持", "会见", a preposition, or punctuation.
bool starts_after_name_word(std::u32string_view s, std::size_t pos);

/// Length of the post word (from the post list) that ends at `end`, longest
/// first ("副书记" before "书记"), or 0.
std::size_t post_ending_at(std::u32string_view s, std::size_t end);

/// Length of the longest post word that starts at `pos`
/// ("副总经理" in "杨智慧副总经理"), or 0.
std::size_t post_starting_at(std::u32string_view s, std::size_t pos);

/// Length of a word for a person without a post ("居民", "志愿者") ending at
/// `end`, or 0.
std::size_t role_ending_at(std::u32string_view s, std::size_t end);

/// Length of a leader's post printed after the name ("习近平总书记") at `pos`, or 0.
std::size_t leader_post_at(std::u32string_view s, std::size_t pos);

/// Offset where the title chain that ends at `end` (just before a name)
/// starts, not before `floor`: "会议由区党工委书记张红军" -> "区党工委书记";
/// "会见…协会副会长、…委员会主委吴志强" -> the whole "、" chain.
std::size_t title_chain_begin(std::u32string_view s, std::size_t end, std::size_t floor);

/// Splits a title chain at "、" into posts as printed ("兼" compounds stay whole).
std::vector<std::u32string> split_titles(std::u32string_view chain);

/// True when the posts name a company, university, hospital or association
/// ("…有限公司党委书记", "…协会会长", "总经理").
bool is_company_post(std::u32string_view chain);

/// True when `c` ends an organisation's name ("公司", "局", "委", "院").
bool ends_organisation(char32_t c);

}  // namespace newsarc::ingest::people
