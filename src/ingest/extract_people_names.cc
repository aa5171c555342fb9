// Personal names: a validated surname plus one or two given characters, and
// where a name ends in running text ("张红军会见", "王伟主持", "郭程明作部署").
#include <algorithm>
#include <array>

#include "ingest/extract_chars.h"
#include "ingest/extract_people.h"

namespace newsarc::ingest::people {

namespace {

using chars::has_at;
using chars::one_of;

// Common single-character surnames. Characters that are far more often a
// function word or the start of a common word in news text are left out:
// 和, 于是 is handled below, 全 (全面), 党 (党委), 明 (明确), 国 (国家), 经 (经济).
constexpr std::u32string_view kSurnames =
    U"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    U"苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾"
    U"毛郝龚邵万钱严武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞"
    U"左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈"
    U"饶牟艾尤栗寄郗晏仝邰鄢盖查相佘逯竺邸索厉练隋訾宫冀禹桑卜匡帅娄蔺荆雍芦解覃麻戚滑宗米洪单"
    U"杭苑邬闻邝车卫窦柏伏羊贝巩冷习仇鞠尉井连鲜卓蔚荣郎司殳湛闵简计池浦薄巫胥储阚晁鄂粟笪揭缪"
    U"糜褚谈桂璩仲伊惠虞萧沙冼衡岑凤甄郜敖麦容暴敬卞谌迟苟郦扈楚庹戈宓瞿晋祖亓阙綦费邴茅边狄丛"
    U"佟居衣富";

// Two-character surnames: "欧阳", "司马", "上官", "诸葛".
constexpr std::array<std::u32string_view, 24> kCompoundSurnames = {
    U"欧阳", U"司马", U"上官", U"诸葛", U"司徒", U"皇甫", U"尉迟", U"公孙",
    U"慕容", U"长孙", U"宇文", U"夏侯", U"令狐", U"端木", U"南宫", U"独孤",
    U"澹台", U"轩辕", U"呼延", U"申屠", U"闻人", U"钟离", U"宗政", U"赫连"};

// Characters that do not stand in a given name in this text: they belong to
// organisation names or grammar ("书记及分管…" is not a name 及分).
constexpr std::u32string_view kNotGiven =
    U"委局区处部厅院所司组办队科室站市省县镇乡村党团的与及等了在是为对将也都就还又被把从"
    U"个们这那年月日号书记长员任主副兼校厂级届次项位名人";

// Words that open with a surname character but are not names: "书记高度重视",
// "主任常务…", "委员会成员".
constexpr std::array<std::u32string_view, 104> kNotNames = {
    U"高新", U"高度", U"高质", U"高效", U"高速", U"高标", U"高位", U"高层", U"高端", U"高水",
    U"万人", U"万企", U"万元", U"万家", U"常务", U"常委", U"常态", U"常住", U"常规", U"安全",
    U"安排", U"安置", U"安保", U"成员", U"成立", U"成效", U"成果", U"成为", U"成功", U"时间",
    U"时代", U"时期", U"时任", U"时刻", U"文明", U"文化", U"文件", U"文旅", U"方面", U"方式",
    U"方案", U"方向", U"金融", U"关于", U"关注", U"关键", U"关心", U"管理", U"管委", U"管控",
    U"任务", U"任职", U"任期", U"包括", U"于是", U"于此", U"向前", U"向着", U"许多", U"严格",
    U"严肃", U"周边", U"周年", U"周期", U"周末", U"周日", U"周一", U"周二", U"周三", U"周四",
    U"周五", U"周六", U"程序", U"程度", U"季度", U"尚未", U"宁可", U"齐心", U"易于", U"尤其",
    U"司法", U"司机", U"左右", U"车辆", U"马上", U"龙头", U"江山", U"路线", U"华为", U"连续",
    U"简单", U"计划", U"单位", U"宗旨", U"米兰", U"相关", U"游客", U"居住", U"富裕", U"边界",
    U"晋升", U"楚天", U"温暖", U"温馨"};

// Characters that often open the word after a name; a third character among
// them argues for a two-character name ("王伟主持", "陈伟表示").
constexpr std::u32string_view kNextWordStarts =
    U"主会作出表强在对带参等到为就指要提调介讲说率陪同与和及也还又称是的了将已一首亲分汇发听视"
    U"察考看接慰致代宣希认部通建回感告透坦最随则所向先并以从把被让给跟";

// Words that follow a name: verbs of speech and action, prepositions.
constexpr std::array<std::u32string_view, 68> kAfterNameWords = {
    U"表示", U"主持", U"强调", U"指出", U"要求", U"介绍", U"会见", U"讲话", U"出席", U"参加",
    U"参观", U"调研", U"考察", U"带领", U"陪同", U"认为", U"提出", U"希望", U"代表", U"宣布",
    U"致辞", U"说",   U"作",   U"对",   U"在",   U"就",   U"到",   U"等",   U"一行", U"同志",
    U"率队", U"率",   U"先生", U"女士", U"为",   U"向",   U"与",   U"和",   U"及",   U"则",
    U"也",   U"还",   U"又",   U"称",   U"透露", U"坦言", U"告诉", U"回忆", U"感慨", U"通报",
    U"建议", U"汇报", U"部署", U"听取", U"首先", U"最后", U"随后", U"分别", U"带队", U"亲自",
    U"所说", U"是",   U"的",   U"指导", U"高兴", U"激动", U"笑着", U"感叹"};

bool is_given_char(char32_t c) {
  static const chars::CharSet kNot(kNotGiven);
  return chars::is_han(c) && !kNot.contains(c);
}

bool is_not_name(std::u32string_view s, std::size_t pos) {
  for (std::u32string_view w : kNotNames)
    if (has_at(s, pos, w)) return true;
  return false;
}

// How strongly the text after a mention says the name ends there: punctuation
// or a two-character verb ("出席", "表示") 2, a one-character word ("和", "在") 1.
int end_evidence(std::u32string_view s, std::size_t pos) {
  if (pos >= s.size() || !chars::is_han(s[pos])) return 2;
  // "王伟和李强": a conjunction ends a name only when another name follows;
  // in "欧阳景和在致辞中说" the 和 is part of the name.
  if (one_of(s[pos], U"和与及同跟"))
    return pos + 1 < s.size() && surname_length(s.substr(pos + 1)) > 0 ? 1 : 0;
  int best = 0;
  for (std::u32string_view w : kAfterNameWords)
    if (has_at(s, pos, w)) best = std::max(best, w.size() >= 2 ? 2 : 1);
  return best;
}

std::uint64_t pair_key(char32_t a, char32_t b) {
  return (std::uint64_t{a} << 32) | b;
}

int score_reading(const NameIndex& article, std::u32string_view name) {
  int score = 0;
  for (std::size_t o : article.find(name)) score += end_evidence(article.text(), o + name.size());
  return score;
}

}  // namespace

std::size_t surname_length(std::u32string_view s) {
  // The characters compound surnames start and end with: "长" and "公" open
  // many words ("区长", "公司"), and this runs for every character of a page.
  static const auto [kCompoundFirsts, kCompoundSeconds] = [] {
    std::u32string firsts, seconds;
    for (std::u32string_view c : kCompoundSurnames) {
      firsts.push_back(c[0]);
      seconds.push_back(c[1]);
    }
    return std::pair{chars::CharSet(firsts), chars::CharSet(seconds)};
  }();
  if (s.empty()) return 0;
  if (s.size() >= 2 && kCompoundFirsts.contains(s[0]) && kCompoundSeconds.contains(s[1]))
    for (std::u32string_view c : kCompoundSurnames)
      if (s.starts_with(c)) return c.size();
  static const chars::CharSet kSingle(kSurnames);
  return !s.empty() && kSingle.contains(s.front()) ? 1 : 0;
}

std::vector<std::size_t> name_lengths_at(std::u32string_view s, std::size_t pos) {
  if (pos >= s.size()) return {};
  std::size_t sur = surname_length(s.substr(pos));
  if (sur == 0 || is_not_name(s, pos)) return {};
  std::vector<std::size_t> out;
  for (std::size_t given = 1; given <= 2; ++given) {
    std::size_t k = pos + sur + given - 1;
    if (k >= s.size() || !is_given_char(s[k])) break;
    out.push_back(sur + given);
  }
  return out;
}

bool starts_after_name_word(std::u32string_view s, std::size_t pos) {
  return end_evidence(s, pos) > 0;
}

std::vector<std::size_t> NameIndex::find(std::u32string_view name) const {
  std::vector<std::size_t> out;
  if (name.size() < 2) return out;
  // Most articles ask for a few names, each found faster by a scan than by
  // indexing the whole text first; an article that asks for many (a list of
  // delegates) is indexed after kScans, so that it stays linear. Every
  // occurrence of a name starts with a surname, so both give the same offsets.
  if (!by_pair_ && scans_ < kScans) {
    ++scans_;
    for (std::size_t o = text_.find(name); o != std::u32string_view::npos;
         o = text_.find(name, o + 1))
      out.push_back(o);
    return out;
  }
  if (!by_pair_) {
    by_pair_.emplace();
    for (std::size_t i = 0; i + 1 < text_.size(); ++i)
      if (surname_length(text_.substr(i, 2)) > 0)
        (*by_pair_)[pair_key(text_[i], text_[i + 1])].push_back(i);
  }
  auto it = by_pair_->find(pair_key(name[0], name[1]));
  if (it == by_pair_->end()) return out;
  for (std::size_t o : it->second)
    if (text_.substr(o, name.size()) == name) out.push_back(o);
  return out;
}

std::size_t choose_name_length(std::u32string_view s, std::size_t pos, const NameIndex& article) {
  std::vector<std::size_t> lengths = name_lengths_at(s, pos);
  if (lengths.empty()) return 0;
  if (lengths.size() == 1) return lengths[0];
  const std::size_t shorter = lengths[0], longer = lengths[1];
  int short_score = score_reading(article, s.substr(pos, shorter));
  int long_score = score_reading(article, s.substr(pos, longer));
  if (long_score != short_score) return long_score > short_score ? longer : shorter;
  return one_of(s[pos + shorter], kNextWordStarts) ? shorter : longer;
}

}  // namespace newsarc::ingest::people
