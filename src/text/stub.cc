// Temporary stubs so the tree links; replaced by decode.cc, fold.cc, pinyin.cc.
#include "text/text.h"
namespace newsarc::text {
base::Result<Decoded> decode(std::string_view bytes) { return Decoded{std::string(bytes), Encoding::kUtf8}; }
std::string_view encoding_name(Encoding) { return "utf-8"; }
std::u32string to_u32(std::string_view) { return {}; }
std::string to_utf8(std::u32string_view) { return {}; }
std::string to_utf8(char32_t) { return {}; }
bool is_han(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }
std::string nfkc(std::string_view s) { return std::string(s); }
std::string fold_for_search(std::string_view s) { return std::string(s); }
std::vector<std::string> segment_words(std::string_view) { return {}; }
std::string slugify(std::string_view) { return "x"; }
struct Collator::Impl {};
Collator::Collator() = default;
Collator::~Collator() = default;
std::string Collator::sort_key(std::string_view s) const { return std::string(s); }
char Collator::initial(std::string_view) const { return '#'; }
}  // namespace newsarc::text
