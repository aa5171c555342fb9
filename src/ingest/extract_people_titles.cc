// Posts printed before a name: "高新区党工委副书记、管委会主任郭程明" ->
// {"高新区党工委副书记", "管委会主任"}.
#include <array>

#include "ingest/extract_chars.h"
#include "ingest/extract_people.h"

namespace newsarc::ingest::people {

namespace {

using chars::has_at;
using chars::has_before;
using chars::one_of;

// Words that end a post. A title is an organisation chain ending in one:
// "郑州市委组织部组织三处副处长", "开放创新工作领导小组副组长兼办公室主任".
constexpr std::array<std::u32string_view, 84> kPosts = {
    U"副总经理", U"副总裁", U"副董事长", U"副秘书长", U"副经理", U"副总监", U"副会计师", U"副总编",
    U"总书记",   U"副书记", U"书记",     U"副主任",   U"主任",   U"副处长", U"处长",     U"副局长",
    U"局长",     U"副厅长", U"厅长",     U"副部长",   U"部长",   U"副区长", U"区长",     U"副市长",
    U"市长",     U"副省长", U"省长",     U"副县长",   U"县长",   U"镇长",   U"乡长",     U"村长",
    U"副科长",   U"科长",   U"股长",     U"副所长",   U"所长",   U"副院长", U"院长",     U"副校长",
    U"校长",     U"站长",   U"队长",     U"副组长",   U"组长",   U"副会长", U"会长",     U"秘书长",
    U"理事长",   U"理事",   U"董事长",   U"董事",     U"总经理", U"经理",   U"总裁",     U"总监",
    U"副主席",   U"主席",   U"委员",     U"常委",     U"主委",   U"会计师", U"经济师",   U"工程师",
    U"总师",     U"负责人", U"助理",     U"成员",     U"主管",   U"专员",   U"调研员",   U"巡视员",
    U"社长",     U"行长",   U"馆长",     U"团长",     U"政委",   U"检察长", U"庭长",     U"主编",
    U"教授",     U"院士",   U"研究员",   U"指导员"};

// Posts printed after the name of a national leader: "习近平总书记".
constexpr std::array<std::u32string_view, 6> kLeaderPosts = {U"总书记", U"副主席", U"主席",
                                                             U"副总理", U"总理",   U"委员长"};

// Words after which a title starts: verbs and prepositions that introduce a
// person ("会议由区党工委书记…", "会见…协会副会长…", "连轴转20多天的…负责人"),
// and times of day ("1月13日上午省工信厅…").
constexpr std::array<std::u32string_view, 58> kLeadIns = {
    U"由",   U"的",   U"正如", U"例如", U"比如", U"会见", U"会晤", U"接见", U"听取", U"陪同",
    U"带领", U"率领", U"邀请", U"看望", U"慰问", U"走访", U"拜访", U"感谢", U"欢迎", U"主持",
    U"出席", U"参加", U"表示", U"指出", U"介绍", U"包括", U"其中", U"来自", U"作为", U"担任",
    U"时任", U"兼任", U"向",   U"对",   U"与",   U"和",   U"及",   U"在",   U"据",   U"被",
    U"让",   U"请",   U"给",   U"把",   U"为",   U"了",   U"等",   U"到",   U"上午", U"下午",
    U"晚上", U"当天", U"随后", U"会上", U"会后", U"会前", U"同时", U"此外"};

// "和"/"与"/"对" inside an organisation's name: "住房和城乡建设局",
// "集成电路与信息系统产业创新研究院", "对外联络部".
constexpr std::array<std::u32string_view, 12> kInsideNames = {
    U"和城乡", U"和信息", U"和社会", U"和旅游", U"和规划", U"和改革",
    U"和科技", U"和国",   U"与信息", U"与技术", U"对外",   U"和文化"};

// Markers of a company, university, hospital or association post.
constexpr std::array<std::u32string_view, 24> kCompanyMarks = {
    U"公司", U"集团",   U"企业", U"有限", U"股份",   U"银行",   U"大学",   U"学院",
    U"医院", U"协会",   U"学会", U"商会", U"专家组", U"研究会", U"基金会", U"事务所",
    U"厂",   U"总经理", U"经理", U"董事", U"总裁",   U"教授",   U"院士",   U"律师"};

// Words for people without a post, printed before a name: "72岁的居民张三说".
constexpr std::array<std::u32string_view, 20> kRoles = {
    U"居民", U"村民",     U"市民",   U"群众", U"志愿者", U"老人", U"学生",
    U"家长", U"职工",     U"员工",   U"农民", U"游客",   U"患者", U"业主",
    U"党员", U"退役军人", U"网格员", U"老师", U"医生",   U"专家"};

const chars::WordsByChar& posts_by_first() {
  static const chars::WordsByChar kWords(kPosts, chars::WordsByChar::Edge::kFirst);
  return kWords;
}

const chars::WordsByChar& posts_by_last() {
  static const chars::WordsByChar kWords(kPosts, chars::WordsByChar::Edge::kLast);
  return kWords;
}

const chars::WordsByChar& roles_by_last() {
  static const chars::WordsByChar kWords(kRoles, chars::WordsByChar::Edge::kLast);
  return kWords;
}

bool is_title_char(char32_t c) {
  return chars::is_han(c) || one_of(c, U"（）()");
}

bool is_lead_in_at(std::u32string_view s, std::size_t end, std::u32string_view w) {
  if (!has_before(s, end, w)) return false;
  for (std::u32string_view inside : kInsideNames)
    if (has_at(s, end - w.size(), inside)) return false;
  return true;
}

// Start of one title of a chain: back over title characters from `end`, then
// forward to just after the last lead-in word before the post.
std::size_t item_begin(std::u32string_view s, std::size_t end, std::size_t floor) {
  std::size_t k = end;
  while (k > floor && is_title_char(s[k - 1])) --k;
  std::size_t post_start = end - post_ending_at(s, end);
  for (std::size_t e = post_start; e > k; --e)
    for (std::u32string_view w : kLeadIns)
      if (e - k >= w.size() && is_lead_in_at(s, e, w)) return e;
  return k;
}

}  // namespace

std::size_t post_ending_at(std::u32string_view s, std::size_t end) {
  if (end == 0 || end > s.size()) return 0;
  for (std::u32string_view p : posts_by_last().with(s[end - 1]))  // longest first, as listed
    if (has_before(s, end, p)) return p.size();
  return 0;
}

std::size_t post_starting_at(std::u32string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  std::size_t best = 0;
  for (std::u32string_view p : posts_by_first().with(s[pos]))
    if (p.size() > best && has_at(s, pos, p)) best = p.size();
  return best;
}

std::size_t role_ending_at(std::u32string_view s, std::size_t end) {
  if (end == 0 || end > s.size()) return 0;
  for (std::u32string_view r : roles_by_last().with(s[end - 1]))
    if (has_before(s, end, r)) return r.size();
  return 0;
}

std::size_t leader_post_at(std::u32string_view s, std::size_t pos) {
  for (std::u32string_view p : kLeaderPosts)
    if (has_at(s, pos, p)) return p.size();
  return 0;
}

std::size_t title_chain_begin(std::u32string_view s, std::size_t end, std::size_t floor) {
  std::size_t begin = item_begin(s, end, floor);
  // "…副书记、管委会主任郭程明": an earlier title joined by "、" belongs to the
  // chain when it ends in a post itself.
  while (begin > floor + 1 && s[begin - 1] == U'、' && post_ending_at(s, begin - 1) != 0) {
    std::size_t previous = item_begin(s, begin - 1, floor);
    if (previous >= begin - 1) break;
    begin = previous;
  }
  return begin;
}

std::vector<std::u32string> split_titles(std::u32string_view chain) {
  std::vector<std::u32string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= chain.size(); ++i) {
    if (i < chain.size() && chain[i] != U'、') continue;
    std::u32string t;
    for (char32_t c : chain.substr(start, i - start))
      if (!chars::is_space(c)) t.push_back(c);
    if (!t.empty()) out.push_back(std::move(t));
    start = i + 1;
  }
  return out;
}

bool is_company_post(std::u32string_view chain) {
  for (std::u32string_view m : kCompanyMarks)
    if (chain.find(m) != std::u32string_view::npos) return true;
  return false;
}

bool ends_organisation(char32_t c) {
  return one_of(c, U"司团业院局委会所厂行校处部办心社站队厅馆室组");
}

}  // namespace newsarc::ingest::people
